"""Reminders, survey invitations and anonymisation (services, tasks and the scheduler)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from espaces.events import sms
from espaces.events.models import Registration, Session
from espaces.events.services import (
    registration_cancel,
    registration_create,
    registrations_anonymise,
    reminders_send_due,
    session_cancel,
    surveys_send_due,
)
from espaces.events.tasks import anonymise_past_registrations, send_due_reminders
from tests.conftest import run_command

from .conftest import person
from .factories import RegistrationFactory, SessionFactory


@pytest.fixture
def soon(territory, site, atelier):
    """A session starting in 30 hours (inside the 48-hour reminder window)."""
    start = timezone.now() + dt.timedelta(hours=30)
    return SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        start=start,
        end=start + dt.timedelta(hours=2),
        capacity=5,
    )


def register(session, n, **extra):
    return registration_create(session=session, send_messages=False, **person(n, **extra))


def test_reminder_goes_once_with_date_place_generic_title_and_cancel_link(soon):
    register(soon, 1, phone="0612345678")
    assert reminders_send_due() == 1
    assert reminders_send_due() == 0  # never twice
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Espaces 20 000 emplois : rappel — Atelier")
    assert "Espace du centre" in message.body
    assert "/annuler/" in message.body
    assert "Camille" not in message.body and "Martin1" not in message.body
    assert "Atelier métiers" not in message.body  # the type's own name stays out: generic title
    text = sms.outbox[0].text
    assert "rappel" in text and "/annuler/" in text
    assert text.endswith("Répondez STOP pour ne plus recevoir de SMS.")
    assert Registration.objects.get().reminder_sent_at is not None


def test_no_reminder_outside_the_window_nor_for_cancelled_people_or_sessions(
    territory, site, atelier, soon, settings
):
    later = SessionFactory(territory=territory, site=site, event_type=atelier)  # in 10 days
    past = SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        start=timezone.now() - dt.timedelta(hours=3),
        end=timezone.now() - dt.timedelta(hours=1),
    )
    RegistrationFactory(session=past)
    register(later, 1)
    gone = register(soon, 2)
    registration_cancel(registration=gone, send_messages=False)
    register(soon, 3)
    register(soon, 4)
    for n in range(5, 9):  # fills the session: the next one waits and gets no reminder
        register(soon, n)
    assert Registration.objects.filter(session=soon, status="waitlisted").count() == 1
    other = SessionFactory(
        territory=territory, site=site, event_type=atelier, start=soon.start, end=soon.end
    )
    register(other, 20)
    session_cancel(session=other, send_messages=False)

    assert reminders_send_due() == 5
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"camille{n}@example.org" for n in (3, 4, 5, 6, 7)
    ]
    settings.ESPACES_REMINDER_HOURS = 24 * 12  # widen: the session in 10 days is now due
    mail.outbox.clear()
    assert reminders_send_due() == 1 and mail.outbox[0].to == ["camille1@example.org"]


def test_reminder_is_retried_when_nothing_could_be_sent(soon, settings):
    from espaces.messaging.models import OutboundMessage
    from espaces.messaging.services import messages_retry_due

    register(soon, 1, email="", phone="0612345678")
    settings.SMS_BACKEND = "http://127.0.0.1:9/send"  # nothing listens there
    # The gateway is down: the SMS waits in the message queue for its retry (docs/events.md).
    assert reminders_send_due() == 1
    message = OutboundMessage.objects.get(kind="events.reminder")
    assert message.status == "failed" and message.attempts == 1
    assert Registration.objects.get().reminder_sent_at is not None
    assert reminders_send_due() == 0  # never queued twice
    settings.SMS_BACKEND = "locmem"
    OutboundMessage.objects.update(next_attempt_at=timezone.now())  # its retry is due
    assert messages_retry_due() == 1
    message.refresh_from_db()
    assert message.status == "sent" and [m.to for m in sms.outbox] == ["+33612345678"]


def test_reminder_without_any_contact_reachable_is_tried_again(soon):
    register(soon, 1, email="", phone="03 28 00 00 00")  # a landline: no SMS, no e-mail
    assert reminders_send_due() == 0
    assert Registration.objects.get().reminder_sent_at is None


def test_landline_numbers_get_no_sms(soon):
    register(soon, 1, phone="03 28 00 00 00")
    reminders_send_due()
    assert sms.outbox == [] and len(mail.outbox) == 1


def test_send_due_reminders_task_runs_on_the_task_backend(soon):
    register(soon, 1)
    result = send_due_reminders.enqueue()
    assert result.return_value == {"reminders": 1, "surveys": 0}
    assert len(mail.outbox) == 1


def test_run_scheduler_once_enqueues_the_periodic_tasks(soon):
    register(soon, 1)
    output = run_command("run_scheduler", "--once")
    assert "send_due_reminders" in output and "anonymise_past_registrations" in output
    assert len(mail.outbox) == 1  # the immediate backend of the tests ran it


def test_survey_invitation_goes_once_to_the_people_present_after_the_session(soon):
    present = register(soon, 1)
    absent = register(soon, 2)
    Registration.objects.filter(pk=present.pk).update(attendance="present")
    Registration.objects.filter(pk=absent.pk).update(attendance="absent")
    assert surveys_send_due() == 0  # not over yet
    Session.objects.filter(pk=soon.pk).update(
        start=timezone.now() - dt.timedelta(hours=3), end=timezone.now() - dt.timedelta(hours=1)
    )
    assert surveys_send_due() == 1
    assert surveys_send_due() == 0
    assert mail.outbox[0].to == ["camille1@example.org"]
    assert "/agenda/avis/" in mail.outbox[0].body


def test_anonymisation_clears_contacts_after_the_retention_period_and_keeps_counts(
    territory, site, atelier, settings
):
    old = SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        start=timezone.now() - dt.timedelta(days=100),
        end=timezone.now() - dt.timedelta(days=100) + dt.timedelta(hours=2),
    )
    recent = SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        start=timezone.now() - dt.timedelta(days=30),
        end=timezone.now() - dt.timedelta(days=30) + dt.timedelta(hours=2),
    )
    gone = RegistrationFactory(
        session=old, attendance="present", public_category="demandeur_emploi", phone="+33600000001"
    )
    kept = RegistrationFactory(session=old, keep_for_follow_up=True)
    fresh = RegistrationFactory(session=recent)

    assert registrations_anonymise(dry_run=True) == 1
    assert anonymise_past_registrations.enqueue().return_value == 1
    gone.refresh_from_db()
    assert (gone.first_name, gone.last_name, gone.email, gone.phone) == ("", "", "", "")
    assert gone.anonymised_at and gone.display_name == "Personne anonymisée"
    assert (gone.status, gone.attendance, gone.public_category, gone.seats) == (
        "confirmed",
        "present",
        "demandeur_emploi",
        1,
    )
    kept.refresh_from_db()
    fresh.refresh_from_db()
    assert kept.email and fresh.email
    settings.ESPACES_REGISTRATION_RETENTION_DAYS = 20
    assert registrations_anonymise() == 1  # now the recent one too
    assert registrations_anonymise() == 0
