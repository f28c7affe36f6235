"""TRUST item 5: links in messages follow ESPACES_PUBLIC_URL, else the served host and port, else
(background tasks) the territory's host; messages link to the Espace's « Nous trouver » page."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from espaces.common.public_url import absolute_url, public_base_url
from espaces.events import sms
from espaces.events.services import registration_create, reminders_send_due
from espaces.territories.models import TerritoryHost

from .conftest import person
from .factories import SessionFactory


@pytest.fixture
def no_public_url(settings):
    settings.ESPACES_BASE_URL = ""
    settings.ESPACES_PUBLIC_URL = ""
    settings.ALLOWED_HOSTS = ["espaces.autre.example", "testserver"]
    return settings


def test_web_registration_links_follow_the_request_host_and_port(
    client, session, no_public_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
        f"/agenda/seances/{session.pk}/",
            {"first_name": "Camille", "last_name": "Martin", "email": "c@example.org",
             "consent": "on"},
            HTTP_HOST="espaces.autre.example:8443",
        )  # fmt: skip
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "http://espaces.autre.example:8443/agenda/inscription/" in body
    assert "http://espaces.autre.example:8443/nous-trouver/centre/" in body
    assert "127.0.0.1:8000" not in body and "testserver" not in body


def test_the_public_url_setting_wins_over_the_request(
    client, session, no_public_url, django_capture_on_commit_callbacks
):
    no_public_url.ESPACES_PUBLIC_URL = "https://espaces.example.fr/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/agenda/seances/{session.pk}/",
            {"first_name": "Camille", "last_name": "Martin", "phone": "0612345678",
             "consent": "on"},
            HTTP_HOST="espaces.autre.example:8443",
        )  # fmt: skip
    text = sms.outbox[-1].text
    assert "Annuler : https://espaces.example.fr/agenda/" in text
    assert "espaces.autre.example" not in text
    assert "Nous trouver : https://espaces.example.fr/nous-trouver/centre/" in text


def test_background_reminder_links_use_the_territory_host(territory, site, atelier, no_public_url):
    TerritoryHost.objects.create(territory=territory, host="agglo.example.org")
    start = timezone.now() + dt.timedelta(hours=30)
    soon = SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    registration_create(session=soon, send_messages=False, **person(1))
    assert reminders_send_due() == 1
    body = mail.outbox[-1].body
    assert "https://agglo.example.org/agenda/inscription/" in body
    assert "https://agglo.example.org/nous-trouver/centre/" in body


def test_without_any_host_a_task_falls_back_to_the_development_address(territory, no_public_url):
    assert public_base_url(territory=territory) == "http://127.0.0.1:8000"
    TerritoryHost.objects.create(territory=territory, host="agglo.localhost")
    assert absolute_url("/x/", territory=lambda: territory) == "http://agglo.localhost/x/"


def test_a_session_without_place_says_no_placeholder(territory, atelier, no_public_url):
    outside = SessionFactory(territory=territory, site=None, event_type=atelier)
    registration = registration_create(session=outside, send_messages=False, **person(2))
    from espaces.events.notifications import _compose

    _, body, short = _compose("confirmed", registration)
    assert "à confirmer" not in body and "Lieu :" not in body
    assert "/nous-trouver/" in body and ", ." not in short
