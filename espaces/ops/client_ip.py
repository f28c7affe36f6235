"""Who is trying to log in, for django-axes: the client address behind our reverse proxies and
the login as typed (normalised, so that case changes do not reset the failure count)."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address of the client: REMOTE_ADDR, or with ESPACES_PROXY_COUNT = N trusted proxies
    the N-th address from the right of X-Forwarded-For (what our nginx appended)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "ESPACES_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) >= count:
        candidate = forwarded[-count]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote  # not an address: a misconfigured proxy chain, or a forged header
    return remote


def login_username(request, credentials) -> str | None:
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field)
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get(field)
    return value.strip().lower()[:254] if isinstance(value, str) else value
