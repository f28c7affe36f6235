"""GET /api/v1/events and POST /api/v1/sessions/{id}/registrations."""

import json

import pytest

from espaces.events.models import Registration
from espaces.events.services import registration_create

from .conftest import person
from .factories import EventTypeFactory, SessionFactory, in_days


def post(client, session_id, body, raw=False):
    return client.post(
        f"/api/v1/sessions/{session_id}/registrations",
        data=body if raw else json.dumps(body),
        content_type="application/json",
    )


def test_events_list_gives_seats_and_waiting_list(client, session, django_assert_max_num_queries):
    for n in range(4):
        registration_create(session=session, **person(n))
    SessionFactory(
        territory=session.territory, site=session.site, event_type=session.event_type,
        start=in_days(3), status="cancelled",
    )  # fmt: skip
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/events")
    assert response.status_code == 200
    [item] = response.json()
    assert item["id"] == session.pk
    assert (item["capacity"], item["seats_left"]) == (3, 0)
    assert item["waitlist"] == {"enabled": True, "open": True, "count": 1}
    assert item["type"] == {
        "slug": "atelier", "name": "Atelier métiers", "kind": "atelier", "kind_label": "Atelier"
    }  # fmt: skip
    assert item["site"] == {"slug": "centre", "name": "Espace du centre"}
    assert item["start"].startswith(session.start.date().isoformat())
    assert item["registration_open"] is True and item["status"] == "planned"
    assert item["registrations_url"].endswith(f"/api/v1/sessions/{session.pk}/registrations")


def test_events_filters(client, territory, site, other_site, atelier):
    vr = EventTypeFactory(territory=territory, slug="vr", kind="immersion_vr")
    a = SessionFactory(territory=territory, site=site, event_type=atelier, start=in_days(2))
    b = SessionFactory(territory=territory, site=other_site, event_type=vr, start=in_days(6))

    def ids(query):
        response = client.get(f"/api/v1/events?{query}")
        assert response.status_code == 200, response.json()
        return [e["id"] for e in response.json()]

    assert ids("") == [a.pk, b.pk]
    assert ids("site=gare") == [b.pk]
    assert ids("type=vr") == [b.pk]
    assert ids("type=immersion_vr") == [b.pk]  # a kind works too
    day = in_days(6).date().isoformat()
    assert ids(f"from={day}") == [b.pk]
    assert ids(f"to={in_days(2).date().isoformat()}") == [a.pk]
    assert ids("limit=1") == [a.pk]


@pytest.mark.parametrize(
    "query, text",
    [
        ("from=demain", "from : date attendue"),
        ("site=nulle-part", "espace « nulle-part » inconnu"),
        ("type=danse", "type « danse » inconnu"),
        ("limit=0", "limit"),
        ("from=2030-02-01&to=2030-01-01", "avant la date de début"),
    ],
)
def test_events_bad_filters_are_422_in_french(client, session, query, text):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 422
    assert text in response.json()["message"]


def test_registration_201_confirmed_then_waitlisted(client, session):
    for n in range(3):
        response = post(client, session.pk, person(n))
        assert response.status_code == 201
        assert response.json()["status"] == "confirmed"
    response = post(client, session.pk, person(9, email="", phone="06 12 34 56 78"))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "waitlisted" and body["waitlist_position"] == 1
    assert body["seats_left"] == 0
    assert "/agenda/inscription/" in body["cancel_url"] and body["cancel_url"].endswith("/annuler/")
    assert Registration.objects.get(pk=body["id"]).channel == "api"


def test_full_session_without_waitlist_is_409(client, session):
    session.waitlist_enabled = False
    session.save()
    for n in range(3):
        post(client, session.pk, person(n))
    response = post(client, session.pk, person(5))
    assert response.status_code == 409
    assert "complète" in response.json()["message"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"first_name": "A", "last_name": "B", "email": "a@example.org"}, "consent"),
        (
            {"first_name": "A", "last_name": "B", "email": "a@example.org", "consent": False},
            "consent",
        ),
        (
            {"first_name": "", "last_name": "B", "email": "a@example.org", "consent": True},
            "first_name",
        ),
        (
            {"first_name": "A", "last_name": "  ", "email": "a@example.org", "consent": True},
            "last_name",
        ),
        ({"first_name": "A", "last_name": "B", "email": "pas-un-mail", "consent": True}, "email"),
        ({"first_name": "A", "last_name": "B", "phone": "123", "consent": True}, "phone"),
        ({"first_name": "A", "last_name": "B", "consent": True}, "email"),
        (
            {"first_name": 12, "last_name": "B", "email": "a@example.org", "consent": True},
            "first_name",
        ),
    ],
)
def test_bad_input_is_422_with_a_french_message_naming_the_field(client, session, body, field):
    response = post(client, session.pk, body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["message"] and any(e["champ"] == field for e in payload["erreurs"])
    assert Registration.objects.count() == 0


def test_unreadable_body_is_400_and_unknown_session_404(client, session):
    response = post(client, session.pk, "{pas du json", raw=True)
    assert response.status_code == 400 and "JSON" in response.json()["message"]
    assert post(client, session.pk, "[1, 2]", raw=True).status_code == 400
    assert post(client, session.pk, "", raw=True).status_code == 400
    missing = post(client, 999999, person(1))
    assert missing.status_code == 404 and "introuvable" in missing.json()["message"]
    other = SessionFactory()  # another territory
    assert post(client, other.pk, person(1)).status_code == 404


def test_duplicate_and_cancelled_session_are_409(client, session):
    assert post(client, session.pk, person(1)).status_code == 201
    duplicate = post(client, session.pk, person(1))
    assert duplicate.status_code == 409 and "existe déjà" in duplicate.json()["message"]
    session.status = "cancelled"
    session.save()
    assert post(client, session.pk, person(2)).status_code == 409


def test_openapi_documents_the_endpoints(client, session):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/events" in schema["paths"]
    post_op = schema["paths"]["/api/v1/sessions/{session_id}/registrations"]["post"]
    assert (
        "consent" in post_op["requestBody"]["content"]["application/json"]["schema"]["properties"]
    )
