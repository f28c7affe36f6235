"""Limits per client and per address through the Django cache (CACHE_URL: the local memory by
default, Redis shared by every app server when configured; docs/security.md).

Keys hold a keyed hash of the client address or of the e-mail address, never the value: the
cache never holds personal data in clear."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from .client_ip import client_ip


def fingerprint(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def client_key(request) -> str:
    return fingerprint(f"ip:{client_ip(request) or 'inconnu'}")


def allow(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one more use of `scope` by `key` in a window of `seconds`; False beyond `limit`."""
    name = f"espaces:limite:{scope}:{key}"
    cache.add(name, 0, timeout=seconds)
    try:
        used = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=seconds)
        used = 1
    return used <= limit


def first_time(scope: str, key: str, *, seconds: int) -> bool:
    """True the first time `key` is seen in `scope` within `seconds` (de-duplication)."""
    return cache.add(f"espaces:vu:{scope}:{key}", 1, timeout=seconds)
