"""A social worker's referral reaches the desk, gets an appointment from the availability,
the person is told and reminded, and the professional sees the status."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from espaces.events import sms
from espaces.pros.availability import free_slots
from espaces.pros.enums import AppointmentStatus, ReferralStatus
from espaces.pros.models import InboundReferral
from espaces.pros.services import (
    ProsError,
    appointment_book,
    appointment_set_status,
    appointments_send_reminders,
    inbound_referral_book_session,
    inbound_referral_create,
    inbound_referral_transition,
)
from tests.events.factories import SessionFactory


def referral_args(world, **extra):
    return {
        "territory": world.territory,
        "organisation": world.org_x,
        "referrer": world.users.prescriber_x,
        "site": world.site_a,
        "first_name": "Samira",
        "contact_phone": "06 11 22 33 44",
        "needs": ["mobilite--preparer-un-permis"],
        "reason": "Cherche un emploi dans la logistique",
        "consent": True,
        **extra,
    }


def _first_slot(world):
    today = timezone.localdate()
    return free_slots(
        territory=world.territory,
        date_from=today + dt.timedelta(days=1),
        date_to=today + dt.timedelta(days=14),
        duration=dt.timedelta(minutes=45),
        site=world.site_a,
    )[0]


@pytest.mark.django_db(transaction=True)
def test_referral_gets_an_appointment_and_reminders(world):
    referral = inbound_referral_create(**referral_args(world))
    assert referral.status == ReferralStatus.RECEIVED
    assert referral.contact_phone == "+33611223344"
    assert referral.consent_version == "2026-12"
    notice = mail.outbox[-1]
    assert notice.to == [world.users.mediator_a.email]
    assert "Samira" not in notice.body  # no personal data in the notice

    slot = _first_slot(world)
    appointment = appointment_book(
        referral=referral,
        site=world.site_a,
        mediator=world.users.mediator_a,
        start=slot.start,
        user=world.users.mediator_a,
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.APPOINTMENT
    assert appointment.end - appointment.start == dt.timedelta(minutes=45)
    assert len(sms.outbox) == 1 and "rendez-vous" in sms.outbox[0].text
    assert "Samira" not in sms.outbox[0].text
    # the slot is no longer free
    assert _first_slot(world).start != slot.start
    with pytest.raises(ProsError, match="vient d'être pris"):
        appointment_book(
            referral=referral, site=world.site_a, mediator=world.users.mediator_a, start=slot.start
        )
    # reminder once, within the reminder window
    assert appointments_send_reminders(now=slot.start - dt.timedelta(hours=72)) == 0
    assert appointments_send_reminders(now=slot.start - dt.timedelta(hours=24)) == 1
    assert appointments_send_reminders(now=slot.start - dt.timedelta(hours=23)) == 0
    assert "rappel" in sms.outbox[-1].text
    # she came, then is oriented, then closed
    appointment_set_status(appointment=appointment, status=AppointmentStatus.DONE)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CAME
    with pytest.raises(ProsError, match="Indiquez vers quel partenaire"):
        inbound_referral_transition(referral=referral, status=ReferralStatus.ORIENTED)
    inbound_referral_transition(
        referral=referral, status=ReferralStatus.ORIENTED, oriented_to="France Travail"
    )
    inbound_referral_transition(referral=referral, status=ReferralStatus.CLOSED)
    assert [e.status for e in referral.events.all()] == [
        "received",
        "appointment",
        "came",
        "oriented",
        "closed",
    ]


@pytest.mark.django_db
def test_invalid_transition_says_what_is_possible(world):
    referral = inbound_referral_create(**referral_args(world))
    with pytest.raises(ProsError, match="Étapes possibles"):
        inbound_referral_transition(referral=referral, status=ReferralStatus.ORIENTED)


@pytest.mark.django_db
def test_referral_booked_on_a_session_through_the_events_service(world):
    referral = inbound_referral_create(**referral_args(world, contact_email="s@example.org"))
    session = SessionFactory(territory=world.territory, site=world.site_a, capacity=2)
    registration = inbound_referral_book_session(referral=referral, session=session)
    assert registration.session == session and registration.phone == "+33611223344"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.APPOINTMENT


@pytest.mark.parametrize(
    "change, field",
    [
        ({"consent": False}, "consent"),
        ({"first_name": " "}, "first_name"),
        ({"contact_phone": ""}, "contact_phone"),
        ({"contact_phone": "12"}, "contact_phone"),
        ({"needs": ["pas-une-thematique"]}, "needs"),
        ({"needs": [], "reason": ""}, "needs"),
    ],
)
@pytest.mark.django_db
def test_bad_referrals_are_refused(world, change, field):
    with pytest.raises(ProsError) as exc:
        inbound_referral_create(**referral_args(world, **change))
    assert exc.value.field == field
    assert not InboundReferral.objects.exists()


@pytest.mark.django_db
def test_other_territory_site_is_refused(world):
    with pytest.raises(ProsError):
        inbound_referral_create(**referral_args(world, site=world.other_site))
