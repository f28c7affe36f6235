"""Facts about one row and the database constraints."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from espaces.events.models import Session

from .factories import RegistrationFactory, SchoolFactory, SessionFactory


def test_session_counts_title_and_place(session):
    RegistrationFactory(session=session, seats=2)
    RegistrationFactory(session=session, status="cancelled")
    RegistrationFactory(session=session, status="waitlisted")
    fresh = Session.objects.with_counts().get(pk=session.pk)
    assert (fresh.seats_left, fresh.waitlist_count, fresh.is_full) == (1, 1, False)
    assert session.seats_left == 1  # without annotation: one query
    assert session.display_title == "Atelier métiers"
    assert session.place_label == "Espace du centre" and not session.is_outside
    session.place_name, session.place_address = "Lycée fictif", "1 rue de l'exemple"
    assert session.place_label == "Lycée fictif, 1 rue de l'exemple" and session.is_outside


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "waitlisted", "seats": 3},
        {"seats": 0},
        {"status": "waitlisted", "attendance": "present"},
        {"status": "cancelled", "attendance": "absent"},
        {"status": "inconnu"},
        {"attendance": "dansant"},
    ],
)
def test_registration_constraints(session, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(session=session, **fields)


def test_public_contact_is_unique_per_session_while_active(session):
    RegistrationFactory(session=session, email="a@example.org")
    RegistrationFactory(session=session, email="a@example.org", channel="staff")  # allowed
    RegistrationFactory(session=session, email="a@example.org", status="cancelled")  # allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(session=session, email="a@example.org", channel="api")


def test_session_constraints(session):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(
            territory=session.territory,
            site=session.site,
            event_type=session.event_type,
            start=session.start,
            end=session.start - dt.timedelta(minutes=1),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(
            territory=session.territory,
            site=session.site,
            event_type=session.event_type,
            capacity=0,
        )


def test_school_uai_is_unique_per_territory(territory):
    SchoolFactory(territory=territory, uai="0590001A")
    SchoolFactory(uai="0590001A")  # another territory
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolFactory(territory=territory, uai="0590001A")
