"""Free times of the mediators: weekly slots, minus dated absences and what is already booked
(appointments, sessions they facilitate), plus dated extra slots."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from espaces.events.enums import SessionStatus
from espaces.events.models import Session

from .enums import AppointmentStatus, ExceptionKind
from .models import Appointment, AvailabilityException, AvailabilitySlot


@dataclass(frozen=True)
class FreeSlot:
    site_id: int
    site_name: str
    mediator_id: int
    mediator_name: str
    start: dt.datetime
    end: dt.datetime

    @property
    def key(self) -> str:
        """What a form posts back: site, mediator, start (ISO, local)."""
        return f"{self.site_id}|{self.mediator_id}|{timezone.localtime(self.start):%Y-%m-%dT%H:%M}"


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _overlaps(start, end, busy) -> bool:
    return any(b_start < end and start < b_end for b_start, b_end in busy)


def _name(user) -> str:
    return f"{user.first_name} {user.last_name}".strip() or user.email.split("@")[0]


def free_slots(
    *,
    territory,
    date_from: dt.date,
    date_to: dt.date,
    duration: dt.timedelta,
    site=None,
    mediator=None,
    periods: list[tuple[dt.date, dt.date]] | None = None,
    now: dt.datetime | None = None,
    limit: int = 60,
) -> list[FreeSlot]:
    """Free times of `duration` between two dates (inclusive), soonest first: each weekly
    window is cut into consecutive pieces; absences, appointments and facilitated sessions are
    taken out. `periods` keeps only the days inside one of them (the requester's wishes)."""
    now = now or timezone.now()
    slots = AvailabilitySlot.objects.filter(territory=territory).select_related("site", "mediator")
    exceptions = AvailabilityException.objects.filter(
        territory=territory, date__gte=date_from, date__lte=date_to
    ).select_related("site", "mediator")
    if site is not None:
        slots = slots.filter(site=site)
        exceptions = exceptions.filter(Q(site=site) | Q(site__isnull=True))
    if mediator is not None:
        slots = slots.filter(mediator=mediator)
        exceptions = exceptions.filter(mediator=mediator)
    slots, exceptions = list(slots), list(exceptions)
    mediator_ids = {s.mediator_id for s in slots} | {e.mediator_id for e in exceptions}
    lo, hi = _aware(date_from, dt.time.min), _aware(date_to, dt.time.max)
    busy: dict[int, list] = {pk: [] for pk in mediator_ids}
    for a in Appointment.objects.filter(
        mediator_id__in=mediator_ids, status=AppointmentStatus.PLANNED, start__lt=hi, end__gt=lo
    ):
        busy[a.mediator_id].append((a.start, a.end))
    for s in Session.objects.filter(
        facilitators__in=mediator_ids, status=SessionStatus.PLANNED, start__lt=hi, end__gt=lo
    ).values("facilitators", "start", "end"):
        busy[s["facilitators"]].append((s["start"], s["end"]))
    absences: dict[tuple[int, dt.date], list] = {}
    windows = []  # (site, mediator, start, end)
    for e in exceptions:
        if e.kind == ExceptionKind.ABSENT:
            start = _aware(e.date, e.start_time or dt.time.min)
            end = _aware(e.date, e.end_time or dt.time.max)
            absences.setdefault((e.mediator_id, e.date), []).append((start, end))
        elif site is None or e.site_id == site.pk:
            windows.append(
                (e.site, e.mediator, _aware(e.date, e.start_time), _aware(e.date, e.end_time))
            )
    day = date_from
    while day <= date_to:
        for s in slots:
            if s.weekday != day.weekday():
                continue
            if (s.valid_from and day < s.valid_from) or (s.valid_until and day > s.valid_until):
                continue
            windows.append((s.site, s.mediator, _aware(day, s.start_time), _aware(day, s.end_time)))
        day += dt.timedelta(days=1)
    found = []
    for w_site, w_mediator, w_start, w_end in windows:
        day = timezone.localdate(w_start)
        if periods and not any(p_from <= day <= p_to for p_from, p_to in periods):
            continue
        taken = busy.get(w_mediator.pk, []) + absences.get((w_mediator.pk, day), [])
        start = w_start
        while start + duration <= w_end:
            end = start + duration
            if start > now and not _overlaps(start, end, taken):
                found.append(
                    FreeSlot(w_site.pk, w_site.name, w_mediator.pk, _name(w_mediator), start, end)
                )
            start = end
    found.sort(key=lambda f: (f.start, f.site_name, f.mediator_name))
    unique, seen = [], set()
    for f in found:
        if f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    return unique[:limit]


def parse_slot_key(value: str) -> tuple[int, int, dt.datetime] | None:
    """(site id, mediator id, start) from `FreeSlot.key`, or None."""
    try:
        site_id, mediator_id, start = value.split("|")
        when = timezone.make_aware(dt.datetime.strptime(start, "%Y-%m-%dT%H:%M"))
        return int(site_id), int(mediator_id), when
    except (ValueError, AttributeError):
        return None
