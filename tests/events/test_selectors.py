"""Statistics hooks (attendance per event type, school interventions) and list selectors."""

import datetime as dt

import pytest
from django.utils import timezone

from espaces.events.selectors import agenda_sessions, attendance_stats, school_stats
from tests.factories import SiteFactory

from .factories import EventTypeFactory, RegistrationFactory, SchoolFactory, SessionFactory


def past(days_ago: int, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def history(territory, site, other_site, atelier):
    vr = EventTypeFactory(territory=territory, slug="vr", name="Casque VR", kind="immersion_vr")
    scolaire = EventTypeFactory(
        territory=territory, slug="classe", name="Intervention", kind="intervention_scolaire"
    )
    lycee = SchoolFactory(territory=territory, kind="lycee")
    college = SchoolFactory(territory=territory, kind="college")

    def session(event_type, days_ago, site=site, **extra):
        return SessionFactory(
            territory=territory,
            site=site,
            event_type=event_type,
            start=past(days_ago),
            end=past(days_ago) + dt.timedelta(hours=2),
            **extra,
        )

    s1 = session(atelier, 10)
    for attendance in ["present", "present", "present", "absent", "excused", "registered"]:
        RegistrationFactory(session=s1, attendance=attendance)
    RegistrationFactory(session=s1, status="cancelled")
    RegistrationFactory(session=s1, status="waitlisted")
    s2 = session(vr, 12, site=other_site)
    RegistrationFactory(session=s2, attendance="present")
    RegistrationFactory(session=s2, attendance="absent")
    cancelled = session(vr, 11, status="cancelled")
    RegistrationFactory(session=cancelled, status="cancelled_by_organiser")
    s3 = session(scolaire, 5)
    RegistrationFactory(session=s3, seats=24, school=lycee, attendance="present")
    s4 = session(scolaire, 4)
    RegistrationFactory(session=s4, seats=20, school=lycee, attendance="present")
    RegistrationFactory(session=s4, seats=18, school=college, attendance="registered")
    s5 = session(scolaire, 3)
    RegistrationFactory(session=s5, seats=30, school=college, attendance="absent")  # didn't come
    old = session(atelier, 400)
    RegistrationFactory(session=old, attendance="absent")
    return {"vr": vr}


def test_attendance_stats_per_event_type_with_no_show_rate(territory, history):
    stats = attendance_stats(
        territory=territory,
        date_from=timezone.localdate() - dt.timedelta(days=30),
        date_to=timezone.localdate(),
    )
    rows = {r.event_type: r for r in stats.rows}
    assert set(rows) == {"atelier", "vr", "classe"}
    atelier = rows["atelier"]
    assert (atelier.sessions, atelier.registered, atelier.present, atelier.absent) == (1, 6, 3, 1)
    assert (atelier.excused, atelier.not_checked) == (1, 1)
    assert atelier.no_show_rate == 0.25  # 1 / (3 + 1): the excused are left out
    assert rows["vr"].sessions == 1 and rows["vr"].no_show_rate == 0.5  # cancelled not counted
    assert rows["classe"].present == 44 and rows["classe"].absent == 30  # seats, not rows
    assert stats.total.sessions == 5
    assert stats.total.present == 3 + 1 + 44
    assert rows["atelier"].as_dict()["no_show_rate"] == 0.25


def test_attendance_stats_per_site_and_without_checks(territory, history, other_site):
    stats = attendance_stats(territory=territory, date_from=None, date_to=None, site=other_site)
    assert [(r.event_type, r.present, r.absent) for r in stats.rows] == [("vr", 1, 1)]
    empty = attendance_stats(
        territory=territory, date_from=dt.date(2000, 1, 1), date_to=dt.date(2000, 12, 31)
    )
    assert empty.rows == [] and empty.total.no_show_rate is None


def test_school_stats_count_classes_schools_and_pupils(territory, history):
    stats = school_stats(
        territory=territory,
        date_from=timezone.localdate() - dt.timedelta(days=30),
        date_to=timezone.localdate(),
    )
    assert (stats.interventions, stats.schools, stats.pupils) == (3, 2, 62)
    assert stats.by_kind["lycee"] == {"interventions": 2, "schools": 1, "pupils": 44}
    assert stats.by_kind["college"] == {"interventions": 1, "schools": 1, "pupils": 18}
    assert stats.by_kind["other"] == {"interventions": 0, "schools": 0, "pupils": 0}
    assert stats.as_dict()["pupils"] == 62


def test_future_sessions_are_not_counted_as_held(territory, history, atelier, site):
    SessionFactory(territory=territory, site=site, event_type=atelier)  # in 10 days
    stats = attendance_stats(territory=territory, date_from=None, date_to=None)
    assert {r.event_type: r.sessions for r in stats.rows}["atelier"] == 2  # 10 and 400 days ago


def test_selectors_never_cross_territories(territory, history):
    other = SessionFactory(start=past(2), end=past(2) + dt.timedelta(hours=1))
    RegistrationFactory(session=other, attendance="present")
    SiteFactory(territory=other.territory)
    assert other not in list(agenda_sessions(territory=territory))
    mine = attendance_stats(territory=territory, date_from=None, date_to=None)
    theirs = attendance_stats(territory=other.territory, date_from=None, date_to=None)
    assert other.event_type.slug not in {r.event_type for r in mine.rows}
    assert [(r.event_type, r.present) for r in theirs.rows] == [(other.event_type.slug, 1)]
