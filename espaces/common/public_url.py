"""The one builder of absolute links (e-mails, SMS, QR codes, PDFs, calendars): ESPACES_PUBLIC_URL.

Order: the ESPACES_PUBLIC_URL setting (or the older ESPACES_BASE_URL), else the scheme, host and
port of the web request being served, else the first host name of the territory (background
tasks), else http://127.0.0.1:8000 (a fresh development database without any host).
"""

import contextlib
import contextvars
import os

from django.conf import settings

DEVELOPMENT_URL = "http://127.0.0.1:8000"

# Set by TerritoryMiddleware for the duration of a web request (a thread or a task of its own).
_current_request = contextvars.ContextVar("espaces_public_url_request", default=None)


@contextlib.contextmanager
def serving(request):
    """Within this block, links follow `request`'s scheme, host and port."""
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def keep_serving(func):
    """`func`, to run later (at commit): its links still follow the request being served now."""
    request = _current_request.get()

    def run(*args, **kwargs):
        with serving(request):
            return func(*args, **kwargs)

    return run


def configured_public_url() -> str:
    for name in ("ESPACES_PUBLIC_URL", "ESPACES_BASE_URL"):
        value = getattr(settings, name, None) or os.environ.get(name)
        if value:
            return value.rstrip("/")
    return ""


def _request_base(request) -> str:
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: never build a link on a host we do not serve
        return ""
    return f"{request.scheme}://{host}" if host else ""


def _territory_base(territory) -> str:
    if callable(territory):  # read only when needed (no query when a request gives the host)
        territory = territory()
    if territory is None:
        from espaces.territories.models import Territory

        territory = Territory.objects.filter(slug=settings.ESPACES_TERRITORY).first()
        if territory is None:
            return ""
    host = territory.hosts.order_by("pk").values_list("host", flat=True).first()
    if not host:
        return ""
    local = host == "localhost" or host.endswith(".localhost") or host.startswith("127.")
    return f"{'http' if local else 'https'}://{host}"


def public_base_url(*, request=None, territory=None) -> str:
    """The base of every absolute link, without a trailing slash. `territory` may be a callable
    returning it, so that it is read only for background tasks."""
    configured = configured_public_url()
    if configured:
        return configured
    request = request or _current_request.get()
    if request is not None:
        base = _request_base(request)
        if base:
            return base
    if territory is None and request is not None:
        territory = getattr(request, "territory", None)
        territory = territory if territory is not None and getattr(territory, "pk", None) else None
    return _territory_base(territory) or DEVELOPMENT_URL


def absolute_url(path: str, *, request=None, territory=None) -> str:
    """`path` (from reverse()) as an absolute link on the public base URL."""
    return public_base_url(request=request, territory=territory) + path
