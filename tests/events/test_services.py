"""Seats, waiting list, cancellations and sessions through the services."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from espaces.events import sms
from espaces.events.enums import AttendanceStatus, RegistrationChannel, RegistrationStatus
from espaces.events.models import Registration, Session
from espaces.events.services import (
    AlreadyRegistered,
    EventError,
    InvalidRegistration,
    RegistrationClosed,
    SessionFull,
    attendance_mark,
    registration_cancel,
    registration_create,
    school_create,
    session_cancel,
    session_create,
    session_duplicate,
    session_update,
    survey_submit,
)
from tests.factories import PartnerFactory

from .conftest import person
from .factories import SchoolFactory, SessionFactory, in_days


def statuses(session):
    return list(
        Registration.objects.filter(session=session).order_by("pk").values_list("status", flat=True)
    )


def test_registrations_fill_the_seats_then_the_waiting_list_in_order(session):
    created = [registration_create(session=session, **person(n)) for n in range(5)]
    assert [r.status for r in created] == ["confirmed"] * 3 + ["waitlisted"] * 2
    assert [r.waitlist_position for r in created[3:]] == [1, 2]
    fresh = Session.objects.with_counts().get(pk=session.pk)
    assert (fresh.seats_left, fresh.waitlist_count, fresh.waitlist_open) == (0, 2, True)


def test_full_session_without_waitlist_refuses_with_a_french_message(session):
    session.waitlist_enabled = False
    session.save()
    for n in range(3):
        registration_create(session=session, **person(n))
    with pytest.raises(SessionFull, match="complète et n'a pas de liste d'attente"):
        registration_create(session=session, **person(9))
    assert Registration.objects.filter(session=session).count() == 3


def test_confirmation_messages_go_by_email_and_sms_without_the_name(
    session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(session=session, **person(1, phone="06 12 34 56 78"))
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille1@example.org"]
    assert "confirmée" in message.subject
    assert "Camille" not in message.body and "Martin1" not in message.body
    assert "/agenda/inscription/" in message.body and "/annuler/" in message.body
    assert "Espace du centre" in message.body
    assert sms.outbox[0].to == "+33612345678"
    assert sms.outbox[0].text.endswith("Répondez STOP pour ne plus recevoir de SMS.")


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"first_name": "  "}, "first_name"),
        ({"last_name": ""}, "last_name"),
        ({"email": "pas-une-adresse"}, "email"),
        ({"email": "", "phone": "12"}, "phone"),
        ({"email": "", "phone": ""}, "email"),
        ({"consent": False}, "consent"),
        ({"public_category": "inconnue"}, "public_category"),
    ],
)
def test_bad_input_is_refused_naming_the_field(session, overrides, field):
    with pytest.raises(InvalidRegistration) as exc:
        registration_create(session=session, **person(1, **overrides))
    assert exc.value.field == field
    assert Registration.objects.count() == 0


def test_same_contact_cannot_register_twice_on_the_public_paths(session):
    registration_create(session=session, **person(1))
    with pytest.raises(AlreadyRegistered):
        registration_create(session=session, **person(1, first_name="Autre"))
    with pytest.raises(AlreadyRegistered):
        registration_create(session=session, channel=RegistrationChannel.API, **person(1))
    # the team may book a parent's address twice (two children)
    registration_create(session=session, channel=RegistrationChannel.STAFF, **person(1))
    assert Registration.objects.filter(session=session).count() == 2


def test_cancelled_or_started_sessions_take_no_registration(session):
    started = SessionFactory(
        territory=session.territory,
        site=session.site,
        event_type=session.event_type,
        start=timezone.now() - dt.timedelta(minutes=5),
        end=timezone.now() + dt.timedelta(hours=1),
    )
    with pytest.raises(RegistrationClosed, match="commencé"):
        registration_create(session=started, **person(1))
    # the team can still add someone who shows up during the session
    walk_in = registration_create(
        session=started,
        channel=RegistrationChannel.STAFF,
        attendance=AttendanceStatus.PRESENT,
        **person(2),
    )
    assert walk_in.attendance == "present" and walk_in.checked_in_at
    session_cancel(session=session)
    with pytest.raises(RegistrationClosed, match="annulée"):
        registration_create(session=session, **person(3))


def test_group_takes_as_many_seats_as_pupils_and_never_overbooks(territory, site, atelier):
    session = SessionFactory(territory=territory, site=site, event_type=atelier, capacity=30)
    school = SchoolFactory(territory=territory)
    registration_create(session=session, **person(1))
    group = registration_create(
        session=session,
        channel=RegistrationChannel.STAFF,
        seats=25,
        school=school,
        class_level="2nde",
        **person(2, first_name="Enseignante"),
    )
    assert group.status == "confirmed" and group.is_group
    fresh = Session.objects.with_counts().get(pk=session.pk)
    assert fresh.seats_left == 4
    with pytest.raises(SessionFull, match="Il reste 4 places"):
        registration_create(
            session=session, channel=RegistrationChannel.STAFF, seats=5, **person(3)
        )
    with pytest.raises(InvalidRegistration):
        registration_create(session=session, seats=2, **person(4))  # public: one seat only


def test_cancelling_promotes_the_first_in_line_and_tells_them(
    session, django_capture_on_commit_callbacks
):
    regs = [registration_create(session=session, **person(n)) for n in range(5)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=regs[1])
    assert [r.pk for r in promoted] == [regs[3].pk]
    assert statuses(session) == ["confirmed", "cancelled", "confirmed", "confirmed", "waitlisted"]
    assert [m.to for m in mail.outbox] == [["camille3@example.org"]]
    assert "place s'est libérée" in mail.outbox[0].subject
    # cancelling again changes nothing
    assert registration_cancel(registration=regs[1]) == []
    assert statuses(session)[4] == "waitlisted"


def test_cancelling_a_waitlisted_registration_promotes_nobody(session):
    regs = [registration_create(session=session, **person(n)) for n in range(5)]
    assert registration_cancel(registration=regs[3]) == []
    assert statuses(session) == ["confirmed"] * 3 + ["cancelled", "waitlisted"]


def test_organiser_cancelling_one_registration_tells_the_person(
    session, django_capture_on_commit_callbacks
):
    reg = registration_create(session=session, **person(1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=reg, by_organiser=True)
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CANCELLED_BY_ORGANISER
    assert "annulée" in mail.outbox[0].subject


def test_person_cannot_cancel_online_once_the_session_started(session):
    reg = registration_create(session=session, **person(1))
    Session.objects.filter(pk=session.pk).update(start=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(RegistrationClosed):
        registration_cancel(registration=reg)


def test_raising_capacity_promotes_the_waiting_list_and_lowering_below_taken_is_refused(
    session, django_capture_on_commit_callbacks
):
    [registration_create(session=session, **person(n)) for n in range(5)]
    with pytest.raises(EventError, match="3 places sont déjà prises"):
        session_update(session=session, capacity=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=session, capacity=4)
    assert statuses(session) == ["confirmed"] * 4 + ["waitlisted"]
    assert len(mail.outbox) == 1


def test_cancelling_a_session_tells_everyone_registered_or_waiting(
    session, django_capture_on_commit_callbacks
):
    regs = [registration_create(session=session, **person(n)) for n in range(4)]
    registration_cancel(registration=regs[0])  # already cancelled: not told again
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = session_cancel(session=session, reason="Formateur malade")
    assert told == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "camille1@example.org",
        "camille2@example.org",
        "camille3@example.org",
    ]
    assert all("annulée" in m.subject for m in mail.outbox)
    session.refresh_from_db()
    assert session.is_cancelled and session.cancellation_reason == "Formateur malade"
    assert set(statuses(session)) == {"cancelled", "cancelled_by_organiser"}
    assert session_cancel(session=session) == 0  # twice: nothing more


def test_session_create_takes_the_type_defaults_and_duplicate_copies_without_registrations(
    territory, site, atelier
):
    partner = PartnerFactory(territory=territory)
    start = in_days(5, hour=9)
    session = session_create(
        territory=territory, event_type=atelier, site=site, start=start, partners=[partner]
    )
    assert session.capacity == atelier.default_capacity
    assert session.end - session.start == dt.timedelta(minutes=atelier.default_duration_minutes)
    registration_create(session=session, **person(1))
    copy = session_duplicate(session=session, start=start + dt.timedelta(days=7))
    assert copy.pk != session.pk and copy.site == site and list(copy.partners.all()) == [partner]
    assert copy.end - copy.start == session.end - session.start
    assert copy.registrations.count() == 0


def test_session_create_refuses_another_territorys_site_and_end_before_start(
    territory, site, atelier
):
    other = SessionFactory()  # another territory
    with pytest.raises(EventError, match="territoire"):
        session_create(territory=territory, event_type=atelier, site=other.site, start=in_days(3))
    with pytest.raises(EventError, match="fin doit être après"):
        session_create(
            territory=territory,
            event_type=atelier,
            site=site,
            start=in_days(3),
            end=in_days(3) - dt.timedelta(hours=1),
        )


def test_attendance_marking_is_idempotent_and_needs_a_confirmed_seat(session):
    regs = [registration_create(session=session, **person(n)) for n in range(4)]
    first = attendance_mark(registration=regs[0], attendance="present")
    stamp = first.checked_in_at
    again = attendance_mark(registration=regs[0], attendance="present")
    assert again.attendance == "present" and again.checked_in_at == stamp
    assert attendance_mark(registration=regs[0], attendance="absent").attendance == "absent"
    with pytest.raises(EventError, match="confirmée"):
        attendance_mark(registration=regs[3], attendance="present")  # waitlisted
    with pytest.raises(EventError):
        attendance_mark(registration=regs[0], attendance="peut-etre")


def test_survey_opens_once_the_session_started_and_can_be_corrected(session):
    reg = registration_create(session=session, **person(1))
    with pytest.raises(EventError, match="ouvre au début"):
        survey_submit(registration=reg, rating=4)
    Session.objects.filter(pk=session.pk).update(
        start=timezone.now() - dt.timedelta(hours=3), end=timezone.now() - dt.timedelta(hours=1)
    )
    reg.refresh_from_db()
    survey_submit(registration=reg, rating=4, discovery="oui", next_step="")
    response = survey_submit(registration=reg, rating=3, discovery="oui", next_step="oui")
    assert (response.rating, response.next_step) == (3, "oui")
    assert reg.session.survey_responses.count() == 1


def test_school_create_checks_the_uai_and_refuses_duplicates(territory):
    school = school_create(territory=territory, uai="0591234a", name="Collège Jean Moulin")
    assert school.uai == "0591234A" and school.kind == "college"
    with pytest.raises(EventError, match="déjà"):
        school_create(territory=territory, uai="0591234A", name="Autre")
    with pytest.raises(EventError, match="7 chiffres"):
        school_create(territory=territory, uai="59-1234", name="Mauvais code")
