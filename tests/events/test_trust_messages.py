"""TRUST item 7 for events: the team is told who received a message and who must be called."""

import pytest
from django.core import mail

from espaces.events.services import registration_create
from tests.factories import UserFactory

from .conftest import person


@pytest.fixture
def staff(territory, client):
    client.force_login(UserFactory(role="coordinator", territory=territory))
    return client


@pytest.mark.django_db(transaction=True)  # commits as in production: the messages leave in the view
def test_cancelling_a_session_counts_who_was_told_and_names_who_was_not(staff, session):
    registration_create(session=session, send_messages=False, **person(1))
    registration_create(
        session=session, send_messages=False, **person(2, email="", phone="03 28 00 00 00")
    )
    response = staff.post(
        f"/agenda/equipe/{session.pk}/annuler/", {"reason": "Intervenant malade"}, follow=True
    )
    [text] = [str(m) for m in response.context["messages"]]
    assert "1 personne a reçu un courriel ou un SMS." in text
    assert "en attente d'envoi" not in text
    assert "1 personne n'a pas pu être prévenue" in text and "Martin2" in text
    assert "sont prévenues" not in text
    assert len(mail.outbox) == 1


def test_cancelling_a_registration_without_contact_does_not_claim_a_message(staff, session):
    landline = registration_create(
        session=session, send_messages=False, **person(3, email="", phone="03 28 00 00 00")
    )
    response = staff.post(
        f"/agenda/equipe/{session.pk}/inscriptions/{landline.pk}/annuler/", follow=True
    )
    [text] = [str(m) for m in response.context["messages"]]
    assert "la personne est prévenue" not in text and "l'en a informée" not in text
    assert "prévenez par téléphone ou à l'Espace" in text


@pytest.mark.django_db(transaction=True)  # commits as in production: the message leaves in the view
def test_cancelling_a_registration_with_an_e_mail_says_it_was_sent(staff, session):
    registration = registration_create(session=session, send_messages=False, **person(4))
    response = staff.post(
        f"/agenda/equipe/{session.pk}/inscriptions/{registration.pk}/annuler/", follow=True
    )
    [text] = [str(m) for m in response.context["messages"]]
    assert "un message l'en informe" in text
    assert len(mail.outbox) == 1
