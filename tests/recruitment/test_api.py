import datetime as dt

import pytest
from django.utils import timezone

from espaces.recruitment.models import Offer

pytestmark = pytest.mark.django_db


def _future(days=20):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_get_offres_lists_open_offers_with_the_contract_fields(client, world):
    response = client.get("/api/v1/offres")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    item = next(i for i in data["items"] if i["title"] == "Soudeur")
    assert item["employer"] == {"slug": "usine-exemple", "name": "Usine d'exemple"}
    assert item["rome_codes"] == ["H2913"]
    assert (item["contract"], item["posts"]) == ("cdi", 3)
    assert item["url"].endswith(f"/qui-recrute/{world.offer_x.pk}/")
    assert set(item) >= {"id", "commune", "closing_on"}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("rome=H2913", ["Soudeur"]),
        ("rome=N11", ["Cariste"]),
        ("employer=autre-usine", ["Cariste"]),
        ("contract=cdd", []),
        ("commune=99001", []),
    ],
)
def test_get_offres_filters(client, world, query, titles):
    data = client.get(f"/api/v1/offres?{query}").json()
    assert sorted(i["title"] for i in data["items"]) == titles


@pytest.mark.parametrize(
    "query", ["contract=freelance", "limit=abc", "limit=0", "rome=%27%3B--", "rome=12345"]
)
def test_get_offres_bad_filters_answer_422_in_french(client, world, query):
    response = client.get(f"/api/v1/offres?{query}")
    assert response.status_code == 422
    assert response.json()["message"]


def test_closed_and_expired_offers_are_not_listed(client, world):
    Offer.objects.filter(pk=world.offer_y.pk).update(
        closing_on=timezone.localdate() - dt.timedelta(days=1)
    )
    Offer.objects.filter(pk=world.offer_x.pk).update(status="closed")
    assert client.get("/api/v1/offres").json()["count"] == 0


def test_employer_posts_for_its_organisation(client, world, bearer):
    body = {
        "title": "Chaudronnier",
        "rome_codes": ["H2902"],
        "contract": "interim",
        "posts": 4,
        "commune": "99002",
        "closing_on": _future(),
        "description": "Atelier de chaudronnerie.",
    }
    response = client.post(
        "/api/v1/offres", body, content_type="application/json", **bearer(world.users.employer_x)
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["employer"]["slug"] == "usine-exemple"
    assert (data["commune"], data["posts"], data["contract"]) == ("99002", 4, "interim")
    offer = Offer.objects.get(pk=data["id"])
    assert offer.status == "open" and offer.source == "api"
    assert offer.created_by == world.users.employer_x


def test_employer_posting_for_another_organisation_gets_403(client, world, bearer):
    body = {"title": "X", "rome_codes": ["H2902"], "contract": "cdi", "employer": "autre-usine"}
    response = client.post(
        "/api/v1/offres", body, content_type="application/json", **bearer(world.users.employer_x)
    )
    assert response.status_code == 403
    assert "usine-exemple" in response.json()["message"]


def test_coordinator_posts_for_any_employer_and_must_name_it(client, world, bearer):
    headers = bearer(world.users.coordinator)
    body = {"title": "Docker", "rome_codes": "N3203", "contract": "cdd"}
    missing = client.post("/api/v1/offres", body, content_type="application/json", **headers)
    assert missing.status_code == 422
    assert missing.json()["erreurs"][0]["champ"] == "employer"
    body["employer"] = "autre-usine"
    response = client.post("/api/v1/offres", body, content_type="application/json", **headers)
    assert response.status_code == 201
    assert response.json()["employer"]["slug"] == "autre-usine"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "X", "rome_codes": ["abc"], "contract": "cdi"},
        {"title": "X", "rome_codes": ["H2902"], "contract": "cdi", "posts": -1},
        {"title": "X", "rome_codes": ["H2902"], "contract": "cdi", "posts": "trois"},
        {"title": "X", "rome_codes": ["H2902"], "contract": "cdi", "closing_on": "2001-01-01"},
        {"title": "X", "rome_codes": ["H2902"], "contract": "cdi", "closing_on": "demain"},
        {"title": "X", "rome_codes": ["H2902"], "contract": "cdi", "commune": "75056"},
        {"title": "X" * 300, "rome_codes": ["H2902"], "contract": "cdi"},
        {"title": ["liste"], "rome_codes": {"a": 1}, "contract": 3},
    ],
)
def test_post_offres_bad_input_is_422_in_french_never_500(client, world, bearer, body):
    response = client.post(
        "/api/v1/offres", body, content_type="application/json", **bearer(world.users.employer_x)
    )
    assert response.status_code == 422, response.content
    assert response.json()["message"]


def test_post_offres_refuses_other_roles_and_territories(client, world, bearer):
    body = {"title": "X", "rome_codes": ["H2902"], "contract": "cdi"}
    answers = {}
    for role in ("mediator", "partner", "funder", "other_coordinator", "other_employer"):
        answers[role] = client.post(
            "/api/v1/offres",
            body,
            content_type="application/json",
            **bearer(getattr(world.users, role)),
        ).status_code
    answers["anonymous"] = client.post(
        "/api/v1/offres", body, content_type="application/json"
    ).status_code
    assert answers == {
        "mediator": 403,
        "partner": 403,
        "funder": 403,
        "other_coordinator": 403,
        "other_employer": 403,
        "anonymous": 401,
    }


def test_metier_detail_gains_its_open_offers(client, world):
    data = client.get("/api/v1/metiers/soudeur").json()
    assert [o["title"] for o in data["offres"]] == ["Soudeur"]
    assert data["offres"][0]["employer"]["slug"] == "usine-exemple"
    assert client.get("/api/v1/metiers/cariste").json()["offres"][0]["title"] == "Cariste"


def test_nul_characters_never_reach_the_database(client, world, bearer):
    # Refused by the hostile-input middleware (espaces/ops/hostile_input.py), in French.
    refused = client.get("/api/v1/offres?commune=%00&employer=a%00b")
    assert refused.status_code == 400 and "message" in refused.json()
    body = {"title": "Sou\u0000deur", "rome_codes": ["H2913"], "contract": "cdi"}
    response = client.post(
        "/api/v1/offres", body, content_type="application/json", **bearer(world.users.employer_x)
    )
    assert response.status_code in (400, 422) and "message" in response.json()
    assert client.get("/qui-recrute/?commune=%00&secteur=%00").status_code == 400
