"""Settings of the messages, read from Django settings or the environment (docs/configuration.md)."""

import os

from django.conf import settings


def _int_setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None or value == "":
        value = os.environ.get(name) or default
    return int(value)


def dead_message_days() -> int:
    """A dead message keeps its address this many days for a retry (ESPACES_DEAD_MESSAGE_DAYS, 30)."""
    return _int_setting("ESPACES_DEAD_MESSAGE_DAYS", 30)


def message_log_days() -> int:
    """Rows of sent or abandoned messages (no address, no text) are deleted after this many
    days (ESPACES_MESSAGE_LOG_DAYS, 90)."""
    return _int_setting("ESPACES_MESSAGE_LOG_DAYS", 90)


def registration_limit_per_contact() -> int:
    """Public registrations (each one sends a confirmation) for one e-mail address or phone
    number per day (ESPACES_REGISTRATION_LIMIT_PER_CONTACT, 10)."""
    return _int_setting("ESPACES_REGISTRATION_LIMIT_PER_CONTACT", 10)
