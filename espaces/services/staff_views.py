"""Staff pages: the service sheets to verify (coordinators, mediators read-only, partners for
their own organisation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from espaces.territories.views import current_territory

from .enums import ReviewOrigin
from .models import Service
from .permissions import review_access
from .selectors import overdue_services_for, pending_corrections_for
from .services import correction_mark_handled, service_mark_verified

PER_PAGE = 50


@login_required
def overdue_services(request):
    territory = current_territory(request)
    access = review_access(request.user, territory)
    if access is None:
        raise PermissionDenied(
            gettext("Votre compte n'a pas accès aux fiches services de ce territoire.")
        )
    today = timezone.localdate()
    if request.method == "POST":
        return _act(request, territory, access, today)
    page = Paginator(
        overdue_services_for(territory=territory, access=access, today=today), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "services/staff/overdue.html",
        {
            "page": page,
            "access": access,
            "corrections": list(pending_corrections_for(territory=territory, access=access)),
            "today": today,
        },
    )


def _act(request, territory, access, today):
    action = request.POST.get("action", "")
    if action == "verified" and access.can_edit:
        service = (
            Service.objects.filter(territory=territory, pk=_int(request.POST.get("service")))
            .select_related("structure")
            .first()
        )
        if service is None or (
            access.partner is not None and service.structure.partner_id != access.partner.pk
        ):
            raise PermissionDenied(gettext("Cette fiche n'est pas dans votre périmètre."))
        service_mark_verified(
            service=service,
            origin=ReviewOrigin.STAFF,
            user=request.user,
            partner=access.partner,
            today=today,
        )
        messages.success(
            request,
            gettext("« %(service)s » est marquée vérifiée aujourd'hui.") % {"service": service.nom},
        )
        return redirect(request.get_full_path())
    if action == "handled" and access.can_handle_corrections:
        review = (
            pending_corrections_for(territory=territory, access=access)
            .filter(pk=_int(request.POST.get("review")))
            .first()
        )
        if review is None:
            messages.error(request, gettext("Cette correction a déjà été traitée."))
            return redirect(request.get_full_path())
        correction_mark_handled(review=review, user=request.user)
        messages.success(
            request,
            gettext("Correction de « %(service)s » marquée traitée.")
            % {"service": review.service.nom},
        )
        return redirect(request.get_full_path())
    raise PermissionDenied(gettext("Votre compte ne permet pas cette action."))


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
