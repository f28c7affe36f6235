"""Hostile input on every URL and every API operation: a 4xx with a French message, never a
500 (on SQLite and PostgreSQL: run with DATABASE_URL=postgres://… too). Body over the limit →
413; JSON nested 50 000 deep → 400; NUL bytes and lone surrogates in query strings, form
fields and JSON bodies → 400; ids that are not numbers → 4xx; dates outside 2000–2100 refused;
a session dated 9999-12-31 then « dupliquer » → no 500."""

import datetime as dt
import json

import pytest

from tests.factories import UserFactory

from .test_headers import _routes

pytestmark = pytest.mark.django_db

HOSTILE_QUERY = (
    "q=%00&thematique=a%00b&commune=%00&from=9999-12-31&to=0001-01-01&date_from=1900-01-01"
    "&date_to=9999-12-31&du=0001-01-01&au=%00&page=abc&site=%00&registration=abc&dossier=%00"
)
DEEP = "[" * 50_000 + "]" * 50_000


@pytest.fixture
def staff(settings_example, example_territory):
    return UserFactory(
        email="coord.hostile@example.org", role="coordinator", territory=example_territory,
        is_staff=True,
    )  # fmt: skip


def _openapi_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        concrete = path.replace("{", "").replace("}", "")
        for name in ("slug", "code", "id", "pk", "metier_slug"):
            concrete = concrete.replace(name, "1")
        for method in operations:
            yield method.upper(), concrete


def _assert_french_4xx(response, what, statuses=range(400, 500)):
    assert response.status_code in statuses, (what, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        message = response.json().get("message") or response.json().get("detail")
        assert message, what


@pytest.mark.parametrize("login", [False, True])
def test_every_url_with_hostile_parameters_and_bodies(client, staff, login):
    if login:
        client.force_login(staff)
    for url in sorted(set(_routes())):
        if url.startswith("/static/"):
            continue
        separator = "&" if "?" in url else "?"
        get = client.get(f"{url}{separator}{HOSTILE_QUERY}")
        assert get.status_code < 500, url
        nul_form = client.post(url, {"name": "a\x00b", "first_name": "x\x00"})
        assert nul_form.status_code < 500, url
        assert nul_form.status_code in (400, 403, 404, 405), (url, nul_form.status_code)
        bad_ids = client.post(url, {"registration": "abc", "date": "9999-12-31", "pk": "x"})
        assert bad_ids.status_code < 500, url


def test_every_api_operation_refuses_oversized_deep_and_nul_bodies(client, staff, settings):
    from espaces.accounts.services import token_create

    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=staff)}"}
    big = json.dumps({"answers": {"x": "a" * (settings.ESPACES_MAX_BODY_BYTES + 10)}})
    for method, path in _openapi_operations(client):
        call = getattr(client, method.lower())
        response = call(f"{path}?from=%00&to=9999-99-99&q=%00", **headers)
        assert response.status_code < 500, (method, path)
        if method not in ("POST", "PUT", "PATCH"):
            continue
        _assert_french_4xx(
            call(path, big, content_type="application/json", **headers), (path, "big"), [413]
        )
        _assert_french_4xx(
            call(path, DEEP, content_type="application/json", **headers), (path, "deep"), [400]
        )
        for body in ('{"first_name": "a\\u0000b"}', '{"first_name": "\\ud800"}'):
            _assert_french_4xx(
                call(path, body, content_type="application/json", **headers), (path, body), [400]
            )
        raw_nul = call(path, b'{"first_name": "a\x00"}', content_type="application/json")
        _assert_french_4xx(raw_nul, (path, "raw nul"), [400])


def test_the_413_and_400_answers_say_what_to_do_in_french(client, staff):
    response = client.post("/api/v1/orientation", "x" * 3_000_000, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["message"].startswith("Requête trop volumineuse")
    response = client.post("/api/v1/orientation", DEEP, content_type="application/json")
    assert response.status_code == 400 and "trop imbriqué" in response.json()["message"]
    response = client.get("/metiers/?q=%00")
    assert response.status_code == 400 and "Caractère interdit" in response.content.decode()


def test_visit_api_dates_are_bounded(client, staff, example_territory):
    from espaces.accounts.services import token_create

    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=staff)}"}
    for day in ("0001-01-01", "1900-01-01", "9999-12-31"):
        response = client.post(
            "/api/v1/visits",
            {"date": day, "site": "centre", "public_category": "habitant"},
            content_type="application/json",
            **headers,
        )
        assert response.status_code in (400, 422), day
        assert "date" in response.json()["message"]


def test_session_dated_9999_then_duplicate_is_no_500(client, staff, example_territory):
    from espaces.territories.models import Site
    from tests.events.factories import SessionFactory

    site = Site.objects.filter(territory=example_territory).first()
    far = dt.datetime(9999, 12, 31, 10, 0, tzinfo=dt.UTC)
    session = SessionFactory(territory=example_territory, site=site, start=far,
                             end=far.replace(hour=12))  # fmt: skip
    client.force_login(staff)
    page = client.get(f"/agenda/equipe/{session.pk}/dupliquer/")
    assert page.status_code < 500
    posted = client.post(
        f"/agenda/equipe/{session.pk}/dupliquer/", {"date": "9999-12-31", "start_time": "10:00"}
    )
    assert posted.status_code < 500
    text = posted.content.decode()
    assert "Date hors des limites" in text or "Requête refusée" in text
