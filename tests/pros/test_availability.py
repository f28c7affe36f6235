import datetime as dt

import pytest
from django.utils import timezone

from espaces.pros.availability import free_slots, parse_slot_key
from espaces.pros.services import (
    ProsError,
    availability_exception_create,
    availability_slot_create,
)
from tests.events.factories import SessionFactory

from .conftest import next_weekday

H2 = dt.timedelta(hours=2)


def _free(world, day, **kw):
    return free_slots(territory=world.territory, date_from=day, date_to=day, duration=H2, **kw)


@pytest.mark.django_db
def test_weekly_slot_gives_free_times(world):
    monday = next_weekday(0)
    free = _free(world, monday)
    assert [timezone.localtime(f.start).time() for f in free] == [dt.time(9)]
    assert free[0].mediator_id == world.users.mediator_a.pk
    assert _free(world, next_weekday(5)) == []  # Saturday: no slot
    assert _free(world, monday, site=world.site_b) == []
    assert parse_slot_key(free[0].key) == (
        world.site_a.pk,
        world.users.mediator_a.pk,
        free[0].start,
    )
    assert parse_slot_key("n'importe quoi") is None


@pytest.mark.django_db
def test_absence_and_facilitated_session_remove_slots_extra_adds_one(world):
    monday, tuesday, wednesday = next_weekday(0), next_weekday(1), next_weekday(2)
    availability_exception_create(
        territory=world.territory, mediator=world.users.mediator_a, date=monday, kind="absent"
    )
    assert _free(world, monday) == []
    session = SessionFactory(
        territory=world.territory,
        site=world.site_a,
        start=timezone.make_aware(dt.datetime.combine(tuesday, dt.time(10))),
        end=timezone.make_aware(dt.datetime.combine(tuesday, dt.time(11))),
    )
    session.facilitators.add(world.users.mediator_a)
    assert _free(world, tuesday) == []
    availability_exception_create(
        territory=world.territory,
        mediator=world.users.mediator_b,
        date=wednesday,
        kind="extra",
        site=world.site_b,
        start_time=dt.time(14),
        end_time=dt.time(18),
    )
    got = [(f.site_id, timezone.localtime(f.start).hour) for f in _free(world, wednesday)]
    assert got == [(world.site_a.pk, 9), (world.site_b.pk, 14), (world.site_b.pk, 16)]


@pytest.mark.django_db
def test_availability_checks(world):
    with pytest.raises(ProsError):
        availability_slot_create(
            territory=world.territory,
            mediator=world.users.mediator_a,
            site=world.site_a,
            weekday=1,
            start_time=dt.time(12),
            end_time=dt.time(9),
        )
    with pytest.raises(ProsError):  # a prescriber has no availability
        availability_slot_create(
            territory=world.territory,
            mediator=world.users.prescriber_x,
            site=world.site_a,
            weekday=1,
            start_time=dt.time(9),
            end_time=dt.time(12),
        )
    with pytest.raises(ProsError):
        availability_exception_create(
            territory=world.territory,
            mediator=world.users.mediator_a,
            date=next_weekday(0),
            kind="extra",
        )
