"""events_demo_create: the demo agenda the lead's `espaces demo_data` calls."""

import datetime as dt
import random

from django.db.models import Sum
from django.utils import timezone

from espaces.events.demo import events_demo_create
from espaces.events.models import EventType, Registration, Session
from espaces.events.selectors import attendance_stats, school_stats
from espaces.territories.models import Site


def test_demo_agenda_is_realistic_and_never_overbooked(dunkerque):
    today = timezone.localdate()
    counts = events_demo_create(territory=dunkerque, today=today, rng=random.Random(7))
    assert counts["sessions_past"] > 100 and counts["sessions_upcoming"] >= 2 * 9
    now = timezone.now()
    sessions = Session.objects.filter(territory=dunkerque).with_counts()

    # never more confirmed seats than capacity, groups never on a waiting list
    assert all(s.seats_taken <= s.capacity for s in sessions)
    assert not Registration.objects.filter(status="waitlisted", seats__gt=1).exists()

    # past since October 2024, each site only once opened
    first = sessions.order_by("start").first().start.date()
    assert first >= dt.date(2024, 10, 1)
    gare = Site.objects.get(territory=dunkerque, slug="gare-dunkerque")
    assert sessions.filter(site=gare).order_by("start").first().start.date() >= dt.date(2025, 7, 1)

    # the next 8 weeks: every type at every site, some nearly full, some full with people waiting
    upcoming = sessions.filter(start__gt=now, start__lte=now + dt.timedelta(weeks=8, days=7))
    for site in Site.objects.filter(territory=dunkerque):
        kinds = set(upcoming.filter(site=site).values_list("event_type__slug", flat=True))
        assert kinds == set(
            EventType.objects.filter(territory=dunkerque).values_list("slug", flat=True)
        )
    assert any(s.waiting > 0 and s.seats_left == 0 for s in upcoming)
    assert any(s.seats_left in (1, 2) for s in upcoming)
    assert not Registration.objects.filter(
        session__start__gt=now, attendance__in=["present", "absent"]
    ).exists()

    # past attendance and school interventions feed the statistics
    stats = attendance_stats(territory=dunkerque, date_from=dt.date(2025, 1, 1), date_to=today)
    assert stats.total.present > 0 and 0 < stats.total.no_show_rate < 0.4
    schools = school_stats(territory=dunkerque, date_from=dt.date(2024, 10, 1), date_to=today)
    assert schools.interventions > 0 and schools.schools > 1 and schools.pupils > 100

    # contacts of sessions older than the retention period are already anonymised
    old = Registration.objects.filter(session__end__lt=now - dt.timedelta(days=120))
    assert old.exists() and not old.exclude(email="").exists()
    assert Registration.objects.aggregate(n=Sum("seats"))["n"] > 1000
