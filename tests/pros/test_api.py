import datetime as dt
import json

import pytest
from django.utils import timezone

from espaces.pros.models import InboundReferral, ProRequest
from espaces.pros.services import inbound_referral_transition

from .conftest import next_weekday


def body(**extra):
    start = next_weekday(1, weeks=2)
    data = {
        "kind": "school",
        "organisation_name": "",
        "uai": "9990001A",
        "level": "3e",
        "participants": 25,
        "wished_periods": [
            {"from": start.isoformat(), "to": (start + dt.timedelta(days=7)).isoformat()}
        ],
        "place": "classe",
        "topics": "batteries",
        "contact_name": "Claire",
        "contact_email": "claire@example.org",
        "contact_phone": "",
        "consent": True,
    }
    data.update(extra)
    return data


def post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


@pytest.mark.django_db
def test_post_request_201(client, world):
    response = post(client, "/api/v1/requests", body())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "received"
    pro_request = ProRequest.objects.get(pk=data["id"])
    assert (pro_request.place, pro_request.participants, pro_request.level) == ("classe", 25, "3e")
    assert pro_request.owner is None


@pytest.mark.parametrize(
    "change, status, words",
    [
        ({"consent": False}, 422, "accord"),
        ({"uai": "ABC"}, 422, "UAI"),
        ({"wished_periods": [{"from": "demain"}]}, 422, "wished_periods"),
        ({"participants": "beaucoup"}, 422, "participants"),
        ({"kind": "club"}, 422, "school"),
        ({"site": "inconnu"}, 422, "Valeurs permises"),
        ({"contact_email": "x"}, 422, "adresse"),
    ],
)
@pytest.mark.django_db
def test_post_request_bad_input_in_french(client, world, change, status, words):
    response = post(client, "/api/v1/requests", body(**change))
    assert response.status_code == status
    assert words in response.json()["message"]
    assert not ProRequest.objects.exists()


@pytest.mark.django_db
def test_post_request_not_json(client, world):
    response = client.post("/api/v1/requests", "{pas du json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["message"]
    response = post(client, "/api/v1/requests", [1, 2])
    assert response.status_code == 400


@pytest.mark.django_db
def test_post_request_is_rate_limited(client, world, settings):
    settings.ESPACES_REQUEST_RATE_LIMIT = 2
    assert post(client, "/api/v1/requests", body()).status_code == 201
    assert post(client, "/api/v1/requests", body()).status_code == 201
    response = post(client, "/api/v1/requests", body())
    assert response.status_code == 429
    assert "réessayez" in response.json()["message"]
    assert ProRequest.objects.count() == 2


def referral_body(**extra):
    return {
        "first_name": "Samira",
        "contact_phone": "0611223344",
        "site": "centre",
        "needs": ["mobilite--preparer-un-permis"],
        "reason": "emploi",
        "consent": True,
        **extra,
    }


@pytest.mark.django_db
def test_inbound_referral_roundtrip_owner_only(client, world, bearer):
    response = post(
        client, "/api/v1/referrals/inbound", referral_body(), **bearer(world.users.prescriber_x)
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "received"
    referral = InboundReferral.objects.get(pk=data["id"])
    assert referral.referrer == world.users.prescriber_x and referral.organisation == world.org_x
    inbound_referral_transition(referral=referral, status="came")
    url = f"/api/v1/referrals/inbound/{referral.pk}"
    got = client.get(url, **bearer(world.users.prescriber_x))
    assert got.status_code == 200
    payload = got.json()
    assert payload["status"] == "came"
    assert [h["status"] for h in payload["history"]] == ["received", "came"]
    text = json.dumps(payload)
    for secret in ("Samira", "0611223344", "+33611223344", "emploi", "mobilite"):
        assert secret not in text  # the status, never the content
    assert client.get(url, **bearer(world.users.prescriber_y)).status_code == 404
    assert client.get(url, **bearer(world.users.other_prescriber)).status_code == 403
    assert client.get(url, **bearer(world.users.coordinator)).status_code == 403
    assert client.get(url).status_code == 401


@pytest.mark.parametrize(
    "change, words",
    [
        ({"consent": False}, "consent"),
        ({"contact_phone": ""}, "téléphone"),
        ({"needs": ["inconnu"]}, "Besoin inconnu"),
        ({"site": "loin"}, "Valeurs permises"),
        ({"first_name": None}, "first_name"),
    ],
)
@pytest.mark.django_db
def test_inbound_referral_bad_input(client, world, bearer, change, words):
    response = post(
        client,
        "/api/v1/referrals/inbound",
        referral_body(**change),
        **bearer(world.users.prescriber_x),
    )
    assert response.status_code == 422
    assert words in response.json()["message"]


@pytest.mark.django_db
def test_inbound_referral_roles(client, world, bearer):
    url = "/api/v1/referrals/inbound"
    assert post(client, url, referral_body()).status_code == 401
    for user in (
        world.users.mediator_a,
        world.users.partner,
        world.users.funder,
        world.users.coordinator,
    ):
        assert post(client, url, referral_body(), **bearer(user)).status_code == 403
    assert (
        post(client, url, referral_body(), **bearer(world.users.other_prescriber)).status_code
        == 403
    )
    assert not InboundReferral.objects.exists()


@pytest.mark.django_db
def test_school_sessions_never_in_the_public_events_api(client, world):
    from espaces.events.models import EventType
    from tests.events.factories import SessionFactory

    school_type = EventType.objects.get(territory=world.territory, kind="intervention_scolaire")
    private = SessionFactory(
        territory=world.territory, site=world.site_a, event_type=school_type, public=False
    )
    public = SessionFactory(territory=world.territory, site=world.site_a)
    ids = [e["id"] for e in client.get("/api/v1/events").json()]
    assert public.pk in ids and private.pk not in ids
    ids = [e["id"] for e in client.get("/api/v1/events?type=intervention_scolaire").json()]
    assert ids == []
    response = post(
        client,
        f"/api/v1/sessions/{private.pk}/registrations",
        {"first_name": "A", "last_name": "B", "email": "a@example.org", "consent": True},
    )
    assert response.status_code == 404
    assert timezone.now() < private.start
