"""The senders through the queue: the pages say « envoyé » or « en attente d'envoi » honestly."""

from html import unescape

import pytest
from django.core import mail

from espaces.events.services import registration_create
from espaces.messaging.enums import MessageStatus
from espaces.messaging.models import OutboundMessage
from tests.events.factories import EventTypeFactory, SessionFactory
from tests.factories import SiteFactory, UserFactory


def _session(territory):
    site = SiteFactory(territory=territory, slug="centre", name="Espace du centre")
    kind = EventTypeFactory(territory=territory, slug="atelier", name="Atelier", kind="atelier")
    return SessionFactory(territory=territory, site=site, event_type=kind, capacity=5)


def _person(n, **extra):
    return {
        "first_name": "Camille",
        "last_name": f"Martin{n}",
        "email": f"camille{n}@example.org",
        "consent": True,
        **extra,
    }


@pytest.mark.django_db(transaction=True)  # commits as in production: messages leave in the view
def test_session_cancel_says_which_messages_wait_for_a_retry(client, territory, broken_mail):
    session = _session(territory)
    registration_create(session=session, send_messages=False, **_person(1))
    registration_create(
        session=session, send_messages=False, **_person(2, email="", phone="06 12 34 56 78")
    )
    registration_create(
        session=session, send_messages=False, **_person(3, email="", phone="03 28 00 00 00")
    )
    client.force_login(UserFactory(role="coordinator", territory=territory))
    response = client.post(
        f"/agenda/equipe/{session.pk}/annuler/", {"reason": "Grève"}, follow=True
    )
    [text] = [str(m) for m in response.context["messages"]]
    # The SMS left; the e-mail failed once and waits for its retry; the landline is named.
    assert "1 personne a reçu un courriel ou un SMS." in text
    assert "1 message est en attente d'envoi (nouvel essai automatique" in text
    assert "1 personne n'a pas pu être prévenue" in text and "Martin3" in text
    failed = OutboundMessage.objects.get(channel="email", kind="events.session_cancelled")
    assert failed.status == MessageStatus.FAILED and failed.territory == territory


def test_public_registration_is_limited_per_contact(
    client, territory, settings, django_capture_on_commit_callbacks
):
    settings.ESPACES_REGISTRATION_LIMIT_PER_CONTACT = 2
    session = _session(territory)
    url = f"/agenda/seances/{session.pk}/"
    data = {"first_name": "A", "last_name": "B", "email": "cible@exemple.fr", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        client.post(url, data)  # already registered: refused, but counted
        page = unescape(client.post(url, data).content.decode())
    assert "Trop d'inscriptions aujourd'hui avec cette adresse ou ce numéro" in page
    assert len(mail.outbox) == 1
    # The API too, with a French message.
    response = client.post(
        f"/api/v1/sessions/{session.pk}/registrations",
        {"first_name": "A", "last_name": "B", "email": "CIBLE@exemple.fr", "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 429 and "Trop d'inscriptions" in response.json()["message"]


def test_a_landline_is_never_promised_an_sms(client, territory):
    session = _session(territory)
    response = client.post(
        f"/agenda/seances/{session.pk}/",
        {"first_name": "A", "last_name": "B", "phone": "03 28 00 00 00", "consent": "on"},
        follow=True,
    )
    page = unescape(response.content.decode())
    assert "C'est confirmé" in page and "par SMS" not in page
    assert not OutboundMessage.objects.exists()
