"""Staff sessions: a time limit counted from the login, the second factor (TOTP) required
before anything else for accounts that have one or whose role makes it mandatory, then the
change of a temporary password (`create_user` without --password) before any other page."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import confirmed_device, otp_required_for

LOGIN_AT = "espaces_login_at"
HAS_DEVICE = "espaces_otp_device"

# Paths reachable while the second factor is pending (and never redirected): the 2FA pages,
# logout, the token-authenticated API, static files and the health check.
EXEMPT_PREFIXES = ("/equipe/securite/", "/equipe/deconnexion/", "/api/", "/static/", "/sante/")
# Reachable while a temporary password waits to be changed (besides EXEMPT_PREFIXES): the
# change form itself and the language switch. The API is refused to such a session (403) but
# stays open to bearer tokens.
PASSWORD_CHANGE_PATH = "/equipe/mot-de-passe/"
PASSWORD_CHANGE_ALLOWED = (PASSWORD_CHANGE_PATH, "/langue/")
MUST_CHANGE_API_MESSAGE = (
    "Votre compte doit d'abord changer son mot de passe provisoire "
    "(/equipe/mot-de-passe/) ; l'API reste ouverte aux jetons."
)


@receiver(user_logged_in)
def remember_login(sender, request, user, **kwargs):
    """Login time (for the session limit) and whether a second factor is due, read once here
    so that the middleware adds no query to the pages."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())
        request.session[HAS_DEVICE] = confirmed_device(user) is not None


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(EXEMPT_PREFIXES):
            if path.startswith("/api/") and self._session_must_change_password(request):
                return JsonResponse({"message": MUST_CHANGE_API_MESSAGE}, status=403)
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if self._expired(request):
            logout(request)
            messages.info(request, "Votre session a expiré : reconnectez-vous.")
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
        if not user.is_verified():
            has_device = request.session.get(HAS_DEVICE)
            if has_device is None:  # session opened before this middleware existed
                has_device = request.session[HAS_DEVICE] = confirmed_device(user) is not None
            if has_device:
                return self._redirect(request, "ops:otp_verify")
            if otp_required_for(user):
                return self._redirect(request, "ops:otp_setup")
        # After the second factor: changing the password needs the full login.
        if getattr(user, "must_change_password", False) and not path.startswith(
            PASSWORD_CHANGE_ALLOWED
        ):
            return self._redirect(request, "accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _session_must_change_password(request) -> bool:
        """A browser session (not a bearer token) of an account with a temporary password."""
        if request.META.get("HTTP_AUTHORIZATION"):
            return False
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:  # no session: nothing to read
            return False
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated and user.must_change_password)

    def _expired(self, request) -> bool:
        started = request.session.get(LOGIN_AT)
        if started is None:
            request.session[LOGIN_AT] = int(time.time())
            return False
        return time.time() - started > settings.SESSION_COOKIE_AGE

    def _redirect(self, request, name):
        target = request.get_full_path() if request.method == "GET" else ""
        url = reverse(name)
        return redirect(f"{url}?{urlencode({'next': target})}" if target else url)
