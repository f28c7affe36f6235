"""Kiosk settings: ESPACES_KIOSK_IDLE_SECONDS (default 120) is the time without any input
after which a kiosk forgets its visitor."""

import os

from django.conf import settings


def idle_seconds() -> int:
    value = getattr(settings, "ESPACES_KIOSK_IDLE_SECONDS", None)
    if value is None:
        value = os.environ.get("ESPACES_KIOSK_IDLE_SECONDS") or 120
    return max(int(value), 5)
