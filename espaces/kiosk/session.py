"""The kiosk state kept in the session: only that the screen is a kiosk, its Espace (for the
counts of the questionnaire) and the time of the last request. Nothing about the visitor."""

import time

from django.conf import settings

from espaces.orientation.views import KIOSK_SITE

KIOSK = "kiosk"


def kiosk_state(request) -> dict | None:
    return request.session.get(KIOSK)


def kiosk_start(request, *, site: str = "") -> dict:
    """Turns this browser's session into a kiosk session."""
    state = {"site": site, "seen": time.time()}
    request.session[KIOSK] = state
    if site:
        request.session[KIOSK_SITE] = site
    return state


def kiosk_reset(request) -> dict:
    """Forgets the visitor: a new, empty session (answers, messages, login, CSRF token), that
    stays a kiosk session of the same Espace."""
    site = (kiosk_state(request) or {}).get("site", "")
    request.session.flush()
    return kiosk_start(request, site=site)


def forget_language(response):
    """The next visitor starts in the default language: the language cookie goes too."""
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


def kiosk_stop(request) -> None:
    request.session.flush()


def kiosk_touch(request, state: dict) -> None:
    state["seen"] = time.time()
    request.session[KIOSK] = state


def kiosk_idle_for(state: dict) -> float:
    return time.time() - state.get("seen", 0)
