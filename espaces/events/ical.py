"""iCalendar (RFC 5545) feeds of the agenda, built with the `icalendar` package."""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

from .conf import base_url
from .notifications import where

PRODID = "-//Espaces 20 000 emplois//Agenda//FR"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def session_event(session, *, stamp: dt.datetime) -> Event:
    from django.urls import reverse

    url = base_url(lambda: session.territory) + reverse("events:session", args=[session.pk])
    event = Event()
    event.add("uid", f"seance-{session.pk}@{session.territory_id}.espaces-20000-emplois")
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(session.start))
    event.add("dtend", _utc(session.end))
    event.add("summary", session.display_title)
    event.add("location", where(session))
    description = [session.description.strip()] if session.description else []
    if session.audience:
        description.append(f"Public : {session.audience}")
    if session.accessibility:
        description.append(f"Accessibilité : {session.accessibility}")
    if session.is_cancelled:
        description.insert(0, "SÉANCE ANNULÉE.")
    description.append(f"Inscription et détails : {url}")
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    event.add("categories", [session.event_type.get_kind_display()])
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("last-modified", _utc(session.updated_at))
    return event


def calendar_for(sessions, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    stamp = timezone.now()
    for session in sessions:
        calendar.add_component(session_event(session, stamp=stamp))
    return calendar.to_ical()
