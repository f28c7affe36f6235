"""The coordinators' page of the message queue, per role."""

from html import unescape

import pytest
from django.core import mail

from espaces.messaging.enums import MessageStatus
from espaces.messaging.models import OutboundMessage
from tests.factories import PartnerFactory, TerritoryFactory, UserFactory

URL = "/equipe/messages/"


def dead(territory, recipient="jean.dupont@exemple.fr", channel="email", **extra):
    return OutboundMessage.objects.create(
        territory=territory,
        channel=channel,
        kind="events.reminder",
        recipient=recipient,
        subject="Rappel",
        body="Texte",
        status=MessageStatus.DEAD,
        attempts=5,
        last_error="SMTPServerDisconnected: ***",
        **extra,
    )


@pytest.fixture
def coordinator(territory, client):
    client.force_login(UserFactory(role="coordinator", territory=territory))
    return client


def test_anonymous_is_sent_to_login(client, territory):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/equipe/connexion/")


@pytest.mark.parametrize("role", ["mediator", "partner", "funder", "employer", "prescriber"])
def test_other_roles_are_refused(client, territory, role):
    extra = (
        {"organisation": PartnerFactory(territory=territory)}
        if role
        in (
            "partner",
            "employer",
            "prescriber",
        )
        else {}
    )
    client.force_login(UserFactory(role=role, territory=territory, **extra))
    assert client.get(URL).status_code == 403
    message = dead(territory)
    assert client.post(URL, {"message": message.pk, "action": "abandon"}).status_code == 403
    message.refresh_from_db()
    assert message.status == MessageStatus.DEAD


def test_a_coordinator_of_another_territory_is_refused_here(client, territory):
    elsewhere = TerritoryFactory(slug="ailleurs")
    client.force_login(UserFactory(role="coordinator", territory=elsewhere))
    assert client.get(URL).status_code == 403


def test_coordinators_see_counts_and_masked_dead_letters_of_their_territory_only(
    coordinator, territory, django_assert_max_num_queries
):
    dead(territory)
    dead(territory, recipient="+33612345612", channel="sms")
    dead(TerritoryFactory(slug="voisin"), recipient="secret@voisin.fr")
    OutboundMessage.objects.create(
        territory=territory, channel="email", kind="t", status=MessageStatus.SENT
    )
    OutboundMessage.objects.create(
        territory=territory,
        channel="email",
        kind="t",
        recipient="attente@exemple.fr",
        status=MessageStatus.FAILED,
        attempts=2,
    )
    for _ in range(20):
        dead(territory, recipient="x@exemple.fr")
    with django_assert_max_num_queries(12):
        response = coordinator.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "j***@e***.fr" in page and "06 ** ** ** 12" in page and "a***@e***.fr" in page
    assert "jean.dupont" not in page and "612345612" not in page and "attente@" not in page
    assert "secret" not in page and "v***" not in page
    counts = {
        status: int(page.split(f'data-status="{status}">')[1].split("<")[0])
        for status in MessageStatus.values
    }
    assert counts == {
        "queued": 0,
        "sending": 0,
        "sent": 1,
        "failed": 1,
        "dead": 22,
        "abandoned": 0,
    }


def test_retry_sends_again_and_abandon_erases(coordinator, territory):
    first, second = dead(territory), dead(territory, recipient="autre@exemple.fr")
    response = coordinator.post(URL, {"message": first.pk, "action": "retry"}, follow=True)
    assert f"Le message n° {first.pk} est remis en file d'envoi." in unescape(
        response.content.decode()
    )
    [sent] = mail.outbox
    assert sent.to == ["jean.dupont@exemple.fr"]
    first.refresh_from_db()
    assert first.status == MessageStatus.SENT and first.recipient == ""
    coordinator.post(URL, {"message": second.pk, "action": "abandon"})
    second.refresh_from_db()
    assert second.status == MessageStatus.ABANDONED and second.recipient == ""
    assert len(mail.outbox) == 1


def test_a_coordinator_cannot_touch_another_territorys_message(coordinator, territory):
    other = dead(TerritoryFactory(slug="voisin"))
    response = coordinator.post(URL, {"message": other.pk, "action": "retry"}, follow=True)
    assert "n'existe pas dans votre territoire" in unescape(response.content.decode())
    other.refresh_from_db()
    assert other.status == MessageStatus.DEAD and mail.outbox == []
