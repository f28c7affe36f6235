"""Settings of the professionals' space (Django settings or environment variables)."""

from espaces.events.conf import _int_setting


def appointment_minutes() -> int:
    """Length of an appointment taken from a mediator's availability (ESPACES_APPOINTMENT_MINUTES)."""
    return _int_setting("ESPACES_APPOINTMENT_MINUTES", 45)


def request_rate_limit() -> int:
    """Public requests accepted per address and hour (ESPACES_REQUEST_RATE_LIMIT)."""
    return _int_setting("ESPACES_REQUEST_RATE_LIMIT", 10)
