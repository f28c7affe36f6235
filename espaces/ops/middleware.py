"""Staff sessions: a time limit counted from the login, and the second factor (TOTP) required
before anything else for accounts that have one or whose role makes it mandatory."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import confirmed_device, otp_required_for

LOGIN_AT = "espaces_login_at"
HAS_DEVICE = "espaces_otp_device"

# Paths reachable while the second factor is pending (and never redirected): the 2FA pages,
# logout, the token-authenticated API, static files and the health check.
EXEMPT_PREFIXES = ("/equipe/securite/", "/equipe/deconnexion/", "/api/", "/static/", "/sante/")


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
        if request.path_info.startswith(EXEMPT_PREFIXES):
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
        return self.get_response(request)

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
