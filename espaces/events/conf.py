"""Settings of the events domain, read from Django settings (or the environment)."""

import os

from django.conf import settings


def _int_setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None or value == "":
        value = os.environ.get(name) or default
    return int(value)


def reminder_hours() -> int:
    """Reminders go this many hours before a session (ESPACES_REMINDER_HOURS, 48)."""
    return _int_setting("ESPACES_REMINDER_HOURS", 48)


def retention_days() -> int:
    """Registrations are anonymised this many days after their session
    (ESPACES_REGISTRATION_RETENTION_DAYS, 90)."""
    return _int_setting("ESPACES_REGISTRATION_RETENTION_DAYS", 90)


def survey_days() -> int:
    """The satisfaction survey is sent up to this many days after a session."""
    return _int_setting("ESPACES_SURVEY_DAYS", 7)


def base_url(territory=None) -> str:
    """Absolute address of the site for links in messages: espaces.common.public_url."""
    from espaces.common.public_url import public_base_url

    return public_base_url(territory=territory)
