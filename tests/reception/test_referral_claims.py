"""TRUST item 7: after a referral, the page says whether an e-mail left, and offers the other
ways (signed link, print, phone) when nobody could be told."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espaces.reception.models import Referral
from tests.factories import PartnerFactory


def send(client, world, partner):
    client.force_login(world.users.mediator_a)
    return client.post(
        reverse("reception:referral_create", args=[world.beneficiary.pk]),
        {"partner": partner.pk, "message": "Cherche une formation",
         "reply_due_on": timezone.localdate().isoformat()},
        follow=True,
    )  # fmt: skip


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db(transaction=True)  # commits as in production: the e-mail leaves in the view
def test_partner_with_an_address_is_told_and_the_page_says_so(client, world):
    response = send(client, world, world.partner_x)
    assert sorted(m.to[0] for m in mail.outbox) == ["contact@usine.example", "px@example.org"]
    [text] = messages_of(response)
    assert "un courriel l'en informe" in text
    assert response.redirect_chain[-1][0] == reverse(
        "reception:beneficiary_detail", args=[world.beneficiary.pk]
    )


def test_partner_without_address_is_not_claimed_told_and_gets_the_alternatives(client, world):
    silent = PartnerFactory(territory=world.territory, name="Atelier sans courriel")
    response = send(client, world, silent)
    assert mail.outbox == []
    [text] = messages_of(response)
    assert "n'a pas d'adresse de courriel : personne n'est prévenu" in text
    assert "prévenu par courriel" not in text and "l'en informe" not in text
    referral = Referral.objects.get(partner=silent)
    assert response.redirect_chain[-1][0] == reverse(
        "reception:referral_detail", args=[referral.pk]
    )
    page = response.content.decode()
    assert "Ce partenaire n'a pas d'adresse de courriel" in page
    assert "/equipe/accueil/orientations/reponse/" in page  # the signed link to hand over
    assert "Imprimez cette page" in page and "Appelez le partenaire" in page


@pytest.mark.django_db(transaction=True)  # the e-mail leaves at the commit, as in production
def test_a_failed_sending_is_said_as_such(client, world, settings):
    settings.EMAIL_BACKEND = "tests.reception.test_referral_claims.FailingBackend"
    response = send(client, world, world.partner_x)
    [text] = messages_of(response)
    # Not sent yet: the page says it waits for its automatic retry, and never « l'en informe ».
    assert "est en attente d'envoi (nouvel essai automatique)" in text
    assert "un courriel l'en informe" not in text


def test_renewing_the_link_of_a_partner_without_address_says_nothing_was_sent(client, world):
    silent = PartnerFactory(territory=world.territory)
    send(client, world, silent)
    referral = Referral.objects.get(partner=silent)
    response = client.post(
        reverse("reception:referral_renew_link", args=[referral.pk]), follow=True
    )
    [text] = messages_of(response)
    assert "personne n'est prévenu" in text
    assert mail.outbox == []


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("serveur de courriel injoignable")


@pytest.fixture(autouse=True)
def _quiet_logs(caplog):
    caplog.set_level("CRITICAL", logger="espaces.reception.services")
