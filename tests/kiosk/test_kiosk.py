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


# --- the start screen and the lock (issue #21) ------------------------------------------------
def test_kiosk_home_is_a_start_screen_of_large_tiles(kiosk_client):
    kiosk_client.get("/borne/")
    html = kiosk_client.get("/").content.decode()
    assert "Bonjour ! Que voulez-vous faire ?" in html
    assert html.count('class="kiosk-tile ') == 6
    for url in ("/metiers/", "/orientation/", "/lever-les-freins/", "/agenda/", "/nous-trouver/"):
        assert f'href="{url}"' in html, url
    assert html.count('class="kiosk-tile-picto"><svg class="picto') == 6
    assert "/static/espaces/kiosk.css" in html
    # Not the territory's page: no table of projects on the start screen.
    assert "projects-table" not in html


def test_outside_kiosk_home_is_still_the_territory_page(client, settings_example):
    html = client.get("/").content.decode()
    assert "kiosk-tile" not in html and "kiosk.css" not in html
    assert "projects-table" in html


def test_kiosk_sources_are_plain_text_with_name_and_date(kiosk_client):
    outside = kiosk_client.get("/projets/").content.decode()
    assert 'href="https://' in outside  # the sources link out for everyone else…
    kiosk_client.get("/borne/")
    html = kiosk_client.get("/projets/").content.decode()
    assert 'href="http' not in html  # …never at the kiosk
    assert 'class="kiosk-outside"' in html


def test_kiosk_pages_never_link_to_the_team_pages_even_when_logged_in(
    kiosk_client, example_territory
):
    from tests.factories import UserFactory

    kiosk_client.force_login(UserFactory(territory=example_territory))
    kiosk_client.get("/borne/?site=centre")
    kiosk_client.force_login(UserFactory(territory=example_territory))
    html = kiosk_client.get("/metiers/").content.decode()
    assert 'href="/equipe/' not in html and 'href="/admin/' not in html
    assert "Espace équipe" not in html


def test_team_pages_send_a_kiosk_back_to_its_start_screen(kiosk_client):
    kiosk_client.get("/borne/")
    for path in ("/equipe/", "/equipe/connexion/", "/admin/"):
        response = kiosk_client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/"), path


def test_print_view_loads_the_kiosk_lock(kiosk_client, example_territory):
    from espaces.catalogue.models import Metier

    slug = Metier.objects.filter(territory=example_territory).first().slug
    kiosk_client.get("/borne/")
    html = kiosk_client.get(f"/metiers/{slug}/imprimer/").content.decode()
    assert "/static/espaces/kiosk.js" in html and 'data-kiosk-idle="120"' in html
    assert 'href="http' not in html


def test_lock_turns_only_links_that_leave_the_kiosk_into_text():
    from espaces.kiosk.lock import lock_html

    html = (
        '<a href="/metiers/">Métiers</a> <a href="https://example.org/a">Source <b>A</b></a> '
        '<a href="//autre.example/x">B</a> <a href="mailto:x@y.z">C</a> <a href="/equipe/">D</a> '
        '<a href="http://borne.local/agenda/">E</a> <a href="#haut">F</a>'
    )
    locked = lock_html(html, "borne.local")
    assert '<a href="/metiers/">Métiers</a>' in locked
    assert '<span class="kiosk-outside">Source <b>A</b></span>' in locked
    for text in ("B", "C", "D"):
        assert f'<span class="kiosk-outside">{text}</span>' in locked
    assert '<a href="http://borne.local/agenda/">E</a>' in locked
    assert '<a href="#haut">F</a>' in locked
