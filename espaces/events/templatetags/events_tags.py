import functools

from django import template

from ..notifications import hour, when, where

register = template.Library()


@register.filter
def session_when(session) -> str:
    """« mardi 14 janvier 2025, de 14 h à 16 h 30 »."""
    return when(session)


@register.filter
def session_where(session) -> str:
    return where(session)


@register.filter
def french_hour(value) -> str:
    from django.utils import timezone, translation

    return _hour(value, timezone.get_current_timezone_name(), translation.get_language())


@functools.lru_cache(maxsize=4096)
def _hour(value, _zone: str, _language: str) -> str:
    from django.utils import timezone

    return hour(timezone.localtime(value))


@register.filter
def percent(value) -> str:
    """0.1234 → « 12 % »; None → « — »."""
    if value is None:
        return "—"
    return f"{round(value * 100)}\u00a0%"


@register.filter
def plural_fr(count, forms: str = ",s") -> str:
    """{{ n|plural_fr:"place,places" }}: the singular for 0 and 1, as in French."""
    singular, _, plural = forms.partition(",")
    return singular if abs(int(count or 0)) <= 1 else plural


@register.filter
def fr_date(value, fmt: str = "j F Y") -> str:
    """Django's `date` filter, always in French (the site is French whatever the browser asks).
    Kept per value, format and time zone: lists of sessions show the same dates page after page
    (issue SPEED)."""
    from django.utils import timezone

    if not value:
        return ""
    return _fr_date(value, fmt, timezone.get_current_timezone_name())


@functools.lru_cache(maxsize=4096)
def _fr_date(value, fmt: str, _zone: str) -> str:
    from django.utils import formats, timezone, translation

    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    with translation.override("fr"):
        return formats.date_format(value, fmt)


@register.simple_tag(takes_context=True)
def roster_confirmed(context, registrations, session_pk, has_ended):
    """{% roster_confirmed confirmed session.pk has_ended %}: the roster's rows (drawn in
    Python: espaces/events/roster.py)."""
    from ..roster import confirmed_rows

    return confirmed_rows(
        registrations,
        session_pk=session_pk,
        has_ended=has_ended,
        csrf_token=str(context.get("csrf_token", "")),
    )


@register.simple_tag(takes_context=True)
def roster_waiting(context, registrations, session_pk, has_ended):
    """{% roster_waiting waiting session.pk has_ended %}: the waiting list's items."""
    from ..roster import waiting_items

    return waiting_items(
        registrations,
        session_pk=session_pk,
        has_ended=has_ended,
        csrf_token=str(context.get("csrf_token", "")),
    )
