from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from espaces.ops.rate_limit import allow, client_key, fingerprint
from espaces.ops.views import safe_next_url

from .forms import PasswordResetRequestForm
from .services import password_reset_request, user_password_change


@login_required
def dashboard(request):
    """The staff landing page: what this account can do."""
    return render(request, "accounts/staff/dashboard.html", {"sites": request.user.sites.all()})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every role changes its own password (the current one, then the new one twice); the
    « must change » mark of a temporary password is lifted here."""

    template_name = "accounts/password_change.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = safe_next_url(self.request, "")
        return context

    def form_valid(self, form):
        user = user_password_change(user=form.user, password=form.cleaned_data["new_password1"])
        # Keeps this session (and its second factor); the account's other sessions end.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, gettext("Votre mot de passe est changé."))
        return HttpResponseRedirect(safe_next_url(self.request, reverse("accounts:dashboard")))


def _request_territory(request):
    territory = getattr(request, "territory", None)
    return territory if territory is not None and getattr(territory, "pk", None) else None


@never_cache
@csrf_protect
@sensitive_post_parameters()
def password_reset(request):
    """« Mot de passe oublié » : the same answer whether the address has an account or not;
    limited per client address (429) and per e-mail address (silently: nothing more is sent)."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST":
        if not allow(
            "password-reset-client",
            client_key(request),
            limit=settings.ESPACES_PASSWORD_RESET_PER_CLIENT,
            seconds=3600,
        ):
            return render(
                request,
                "accounts/password_reset.html",
                {"form": form, "throttled": True},
                status=429,
            )
        if form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            if allow(
                "password-reset-address",
                fingerprint(f"reset:{email}"),
                limit=settings.ESPACES_PASSWORD_RESET_PER_ADDRESS,
                seconds=3600,
            ):
                password_reset_request(email=email, territory=_request_territory(request))
            return redirect("accounts:password_reset_done")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/password_reset.html", {"form": form}, status=status)


@never_cache
def password_reset_done(request):
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    return render(request, "accounts/password_reset_done.html", {"hours": hours})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the e-mail: a new password, then the normal login (password, and the second
    factor for the roles that need it: the reset never logs in by itself)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False

    def form_valid(self, form):
        user_password_change(user=form.user, password=form.cleaned_data["new_password1"])
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        return HttpResponseRedirect(self.get_success_url())


@never_cache
def password_reset_complete(request):
    return render(request, "accounts/password_reset_complete.html")
