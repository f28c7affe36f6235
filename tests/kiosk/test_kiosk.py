"""Kiosk mode: entering it, the page it gives, and the server forgetting the visitor after the
idle time even if the page's timer did not run."""

import time

import pytest

from espaces.kiosk.session import KIOSK
from espaces.orientation.views import KIOSK_SITE, STATE


@pytest.fixture
def kiosk_client(client, settings_example):
    settings_example.ESPACES_KIOSK_IDLE_SECONDS = 120
    return client


def test_borne_turns_the_session_into_a_kiosk_of_the_site(kiosk_client, example_territory):
    from espaces.territories.models import Site

    site = Site.objects.filter(territory=example_territory).order_by("slug").first()
    response = kiosk_client.get(f"/borne/?site={site.slug}")
    assert response.status_code == 302
    session = kiosk_client.session
    assert session[KIOSK]["site"] == site.slug
    assert session[KIOSK_SITE] == site.slug


def test_kiosk_pages_have_the_kiosk_layout_and_no_exit(kiosk_client):
    kiosk_client.get("/borne/")
    response = kiosk_client.get("/")
    html = response.content.decode()
    assert 'class="kiosk-start kiosk"' in html  # the start screen
    assert 'data-kiosk-idle="120"' in html
    assert 'data-kiosk-reset="/borne/recommencer/"' in html
    assert "/static/espaces/kiosk.js" in html
    assert "Tout effacer et recommencer" in html
    # No staff login nor API link on a kiosk; nothing kept in the browser's cache.
    assert "/equipe/connexion/" not in html
    assert "/api/v1/docs" not in html
    assert "no-store" in response["Cache-Control"]


def test_normal_pages_are_not_kiosk_pages(client, settings_example):
    html = client.get("/").content.decode()
    assert "kiosk.js" not in html
    assert "data-kiosk-idle" not in html


def test_query_parameter_borne_starts_kiosk_mode(kiosk_client):
    kiosk_client.get("/metiers/?borne=1")
    assert KIOSK in kiosk_client.session


def test_idle_kiosk_session_is_forgotten_by_the_server(kiosk_client):
    kiosk_client.get("/borne/")
    session = kiosk_client.session
    session[STATE] = {"version": "1", "mode": "rapide", "answers": {"q1": "oui"}}
    state = session[KIOSK]
    state["seen"] = time.time() - 121
    session[KIOSK] = state
    session.save()

    response = kiosk_client.get("/orientation/")
    assert response.status_code == 302 and response["Location"] == "/"
    session = kiosk_client.session
    assert STATE not in session  # the answers are gone
    assert KIOSK in session  # still a kiosk, for the next person
    assert time.time() - session[KIOSK]["seen"] < 5


def test_active_kiosk_session_keeps_its_answers(kiosk_client):
    kiosk_client.get("/borne/")
    session = kiosk_client.session
    session[STATE] = {"version": "1", "mode": "rapide", "answers": {}}
    session.save()
    assert kiosk_client.get("/metiers/").status_code == 200
    assert STATE in kiosk_client.session


def test_reset_forgets_everything_but_kiosk_mode(kiosk_client):
    kiosk_client.get("/borne/")
    session = kiosk_client.session
    session[STATE] = {"answers": {"q1": "oui"}}
    session.save()
    old_key = session.session_key
    response = kiosk_client.get("/borne/recommencer/")
    assert response.status_code == 302
    assert kiosk_client.session.session_key != old_key
    assert STATE not in kiosk_client.session
    assert KIOSK in kiosk_client.session


def test_reset_brings_the_next_visitor_back_to_french(kiosk_client):
    kiosk_client.get("/borne/")
    kiosk_client.cookies["django_language"] = "en"
    assert '<html lang="en">' in kiosk_client.get("/").content.decode()
    response = kiosk_client.get("/borne/recommencer/")
    assert response.cookies["django_language"].value == ""
    assert '<html lang="fr">' in kiosk_client.get("/").content.decode()


def test_reset_outside_kiosk_mode_changes_nothing(client, settings_example):
    session = client.session
    session[STATE] = {"answers": {"q1": "oui"}}
    session.save()
    client.get("/borne/recommencer/")
    assert STATE in client.session


def test_quitter_ends_kiosk_mode(kiosk_client):
    kiosk_client.get("/borne/")
    kiosk_client.get("/borne/quitter/")
    assert KIOSK not in kiosk_client.session
    assert "kiosk.js" not in kiosk_client.get("/").content.decode()


def test_static_files_and_api_are_never_kiosk_pages(kiosk_client):
    kiosk_client.get("/borne/")
    response = kiosk_client.get("/api/v1/territory")
    assert "no-store" not in response.get("Cache-Control", "")
