"""Staff pages of the catalogue: sheets to review, change history (coordinators, admins)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from espaces.territories.freshness import freshness_limit, stale_facts
from espaces.territories.views import current_territory

from .models import REVIEW_EVERY_MONTHS, Metier, months_before
from .selectors import metier_revisions, metiers_to_review
from .services import metier_mark_reviewed


def coordinator_required(view):
    """Login required; then only coordinators and admins of the request's territory."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        territory = current_territory(request)
        if not user.is_coordinator or (user.role != "admin" and user.territory_id != territory.pk):
            raise PermissionDenied("Réservé à la coordination.")
        return view(request, *args, **kwargs)

    return wrapper


@coordinator_required
def to_review(request):
    territory = current_territory(request)
    today = timezone.localdate()
    if request.method == "POST":
        metier = Metier.objects.filter(territory=territory, slug=request.POST.get("metier")).first()
        if metier is None:
            messages.error(request, gettext("Cette fiche n'existe pas dans votre territoire."))
        else:
            metier_mark_reviewed(metier=metier, user=request.user, on=today)
            messages.success(
                request,
                gettext("« %(title)s » est marquée comme relue aujourd'hui.")
                % {"title": metier.title},
            )
        return redirect("catalogue_staff:to_review")
    page = Paginator(metiers_to_review(territory=territory, today=today), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalogue/staff/to_review.html",
        {
            "page": page,
            "limit": months_before(today, REVIEW_EVERY_MONTHS),
            "months": REVIEW_EVERY_MONTHS,
            # Dated facts (projects, figures, sources, Espaces, structures, services) by owner.
            "stale_groups": stale_facts(territory=territory, today=today),
            "facts_limit": freshness_limit(territory=territory, today=today),
            "facts_months": territory.facts_max_age_months,
        },
    )


@coordinator_required
def history(request, slug):
    territory = current_territory(request)
    metier = Metier.objects.filter(territory=territory, slug=slug).first()
    if metier is None:
        raise Http404("Cette fiche métier n'existe pas.")
    page = Paginator(metier_revisions(metier=metier), 50).get_page(request.GET.get("page"))
    return render(request, "catalogue/staff/history.html", {"metier": metier, "page": page})
