from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import HAS_DEVICE
from .two_factor import (
    confirmed_device,
    device_confirm,
    device_qr_svg,
    device_secret,
    devices_reset,
    otp_required_for,
    pending_device,
    session_verify,
)


@require_safe
def health(request):
    """Liveness: the application answers (no database, no session). The framework's ceiling
    in `make bench`."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def health_database(request):
    """Readiness: the database answers a query (for monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure is "not ready"
        return HttpResponse(
            "base de données indisponible", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def lockout(request, original_response=None, credentials=None):
    """django-axes: the page shown after too many failed logins (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "ops/lockout.html", context, status=429)


def safe_next_url(request, default: str) -> str:
    """The `next` of the form or address when it points to this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
@login_required
def otp_setup(request):
    """Sets up (or replaces) the account's authenticator app: QR code, then a first code."""
    user = request.user
    current = confirmed_device(user)
    if current is not None and not user.is_verified():
        return redirect(
            f"{reverse('ops:otp_verify')}?{urlencode({'next': reverse('ops:otp_setup')})}"
        )
    next_url = safe_next_url(request, reverse("accounts:dashboard"))
    action = request.POST.get("action") if request.method == "POST" else None
    if current is not None and action == "desactiver" and not otp_required_for(user):
        devices_reset(user=user)
        request.session[HAS_DEVICE] = False
        messages.success(
            request, gettext("La double authentification est désactivée pour votre compte.")
        )
        return redirect("ops:otp_setup")
    if current is not None and action != "remplacer" and action != "confirmer":
        return render(
            request,
            "ops/otp_status.html",
            {"device": current, "required": otp_required_for(user), "next": next_url},
        )
    device = pending_device(user)
    error = ""
    if action == "confirmer":
        ok, error = device_confirm(
            request=request, device=device, token=request.POST.get("code", "")
        )
        if ok:
            request.session[HAS_DEVICE] = True
            messages.success(
                request,
                gettext(
                    "Double authentification activée : à chaque connexion, un code de votre "
                    "application vous sera demandé."
                ),
            )
            return redirect(next_url)
    context = {
        "qr_svg": device_qr_svg(device),
        "secret": device_secret(device),
        "error": error,
        "next": next_url,
        "required": otp_required_for(user),
        "replacing": current is not None,
    }
    return render(request, "ops/otp_setup.html", context, status=200 if not error else 400)


@never_cache
@login_required
def otp_verify(request):
    """The second step of the login: the current code of the authenticator app."""
    next_url = safe_next_url(request, reverse("accounts:dashboard"))
    if request.user.is_verified():
        return redirect(next_url)
    if confirmed_device(request.user) is None:
        request.session[HAS_DEVICE] = False
        return redirect(f"{reverse('ops:otp_setup')}?{urlencode({'next': next_url})}")
    error = ""
    if request.method == "POST":
        ok, error = session_verify(request=request, token=request.POST.get("code", ""))
        if ok:
            return redirect(next_url)
    return render(
        request,
        "ops/otp_verify.html",
        {"error": error, "next": next_url},
        status=400 if error else 200,
    )
