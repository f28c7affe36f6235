"""Kiosk mode (the touch screens of the Espaces): `?borne=1` on any page or /borne/ turns the
session into a kiosk session; after ESPACES_KIOSK_IDLE_SECONDS without a request the server
forgets the visitor even if the page's own timer (static/espaces/kiosk.js) did not run."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .conf import idle_seconds
from .lock import CLOSED_PREFIXES, lock_html
from .session import (
    forget_language,
    kiosk_idle_for,
    kiosk_reset,
    kiosk_start,
    kiosk_state,
    kiosk_touch,
)

# Never turned into kiosk pages: files, health checks, the API.
EXEMPT_PREFIXES = ("/static/", "/sante/", "/api/", "/favicon.ico")


class KioskMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.kiosk = False
        if request.path_info.startswith(EXEMPT_PREFIXES) or not hasattr(request, "session"):
            return self.get_response(request)
        state = kiosk_state(request)
        if state is None and request.GET.get("borne") == "1":
            state = kiosk_start(request, site=request.GET.get("site", ""))
        if state is not None:
            if kiosk_idle_for(state) > idle_seconds():
                kiosk_reset(request)
                messages.info(request, _("La borne a été remise à zéro pour la personne suivante."))
                return forget_language(redirect(reverse("territories:home")))
            kiosk_touch(request, state)
            request.kiosk = True
            request.kiosk_idle_seconds = idle_seconds()
            if request.path_info.startswith(CLOSED_PREFIXES[:2]):
                # The team's screens are not for a shared screen: back to the start screen.
                return redirect(reverse("territories:home"))
        response = self.get_response(request)
        if request.kiosk:
            # No copy of a visitor's pages in the kiosk browser's cache or history.
            add_never_cache_headers(response)
            lock_response(request, response)
        return response


def lock_response(request, response) -> None:
    """Links out of the kiosk become plain text in every HTML page, print views included."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return
    charset = response.charset or "utf-8"
    html = response.content.decode(charset, errors="replace")
    locked = lock_html(html, request.get_host())
    if locked != html:
        response.content = locked.encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
