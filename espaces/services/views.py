"""Public pages: « Lever les freins » (search by needs and commune), the service sheet, and the
review page partners reach through a signed link."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from espaces.common.lazy import lazy_context
from espaces.territories.views import current_territory

from .enums import NEED_HINTS, Need, ReviewOrigin, needs_for_thematiques
from .review_links import ReviewLinkError, ReviewLinkExpired, review_token_partner
from .selectors import (
    communes_of,
    services_for_partner,
    services_search,
    zone_labels,
)
from .selectors import (
    service_detail as service_detail_for,
)
from .services import ServiceError, service_correction_submit, service_mark_verified

PER_GROUP = 5


def _query(params: list[tuple[str, str]], **changes) -> str:
    """The query string of `params` with `changes` applied (None removes a key)."""
    kept = [(k, v) for k, v in params if k not in changes]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None]
    return "?" + urlencode(kept)


def service_search(request):
    territory = current_territory(request)
    communes = list(communes_of(territory=territory))
    by_insee = {c.insee: c for c in communes}
    asked = request.GET.getlist("besoin")
    needs = [n for n in Need.values if n in asked]
    commune_code = request.GET.get("commune", "").strip()
    commune = by_insee.get(commune_code)
    notices = []
    if any(n not in Need.values for n in asked):
        notices.append(gettext("Un des besoins demandés n'existe pas : il a été ignoré."))
    if commune_code and commune is None:
        notices.append(
            gettext(
                "Cette commune n'est pas dans la liste : les services de tout le territoire sont "
                "affichés."
            )
        )
    # A commune alone shows every need for that commune.
    shown = needs or (list(Need.values) if commune else [])

    def results() -> dict:
        result = services_search(
            territory=territory, needs=shown, commune=commune.insee if commune else None
        )
        params = [(k, v) for k in request.GET for v in request.GET.getlist(k)]
        for group in result.groups:
            key = f"page-{group.need}"
            group.page = Paginator(group.services, PER_GROUP).get_page(request.GET.get(key))
            group.next_query = (
                _query(params, **{key: group.page.next_page_number()})
                if group.page.has_next()
                else ""
            )
            group.previous_query = (
                _query(params, **{key: group.page.previous_page_number()})
                if group.page.has_previous()
                else ""
            )
            group.remaining = group.count - group.page.end_index()
        tiles = [
            {
                "value": need,
                "label": Need(need).label,
                "hint": NEED_HINTS[need],
                "checked": need in needs,
                "count": result.counts.get(need, 0),
            }
            for need in Need.values
        ]
        return {"tiles": tiles, "groups": result.groups}

    # The content is a template fragment cached by content version, language and address
    # (templates/services/public/search.html): the search runs only when it is not cached.
    return render(
        request,
        "services/public/search.html",
        {
            **lazy_context(results, ("tiles", "groups")),
            "communes": communes,
            "commune": commune,
            "notices": notices,
            "searched": bool(shown),
            "commune_query": f"?commune={commune.insee}" if commune else "",
        },
    )


def service_detail(request, slug):
    territory = current_territory(request)
    service = service_detail_for(territory=territory, slug=slug)
    if service is None:
        raise Http404("Ce service n'existe pas ou n'est plus référencé.")
    sources = list(service.sources.all())
    sources += [s for s in service.structure.sources.all() if s not in sources]
    return render(
        request,
        "services/public/detail.html",
        {
            "service": service,
            "structure": service.structure,
            "zone": zone_labels(territory=territory, zone=service.zone_eligibilite),
            "sources": sources,
            "needs": [
                {"value": n, "label": Need(n).label}
                for n in needs_for_thematiques(service.thematiques)
            ],
        },
    )


def service_review(request, token):
    """The page a partner opens from the review e-mail: no account, the signed link is enough."""
    try:
        partner = review_token_partner(token)
    except ReviewLinkError as exc:
        status = 410 if isinstance(exc, ReviewLinkExpired) else 404
        return render(
            request, "services/public/review_invalid.html", {"message": str(exc)}, status=status
        )
    services = services_for_partner(partner=partner)
    today = timezone.localdate()
    errors, drafts = {}, {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        by_slug = {s.slug: s for s in services}
        if action == "confirm_all":
            overdue = [s for s in services if s.is_overdue(today)]
            for service in overdue:
                service_mark_verified(
                    service=service, origin=ReviewOrigin.LINK, partner=partner, today=today
                )
            messages.success(
                request,
                gettext("Merci : %(count)s fiche(s) confirmée(s) à jour aujourd'hui.")
                % {"count": len(overdue)},
            )
            return redirect(request.path)
        service = by_slug.get(request.POST.get("service", ""))
        if service is None:
            messages.error(
                request, gettext("Cette fiche n'est pas rattachée à votre organisation.")
            )
            return redirect(request.path)
        if action == "confirm":
            service_mark_verified(
                service=service, origin=ReviewOrigin.LINK, partner=partner, today=today
            )
            messages.success(
                request,
                gettext("Merci : « %(service)s » est confirmée à jour.") % {"service": service.nom},
            )
            return redirect(f"{request.path}#fiche-{service.slug}")
        if action == "correction":
            note = request.POST.get("note", "")
            try:
                service_correction_submit(
                    service=service, note=note, origin=ReviewOrigin.LINK, partner=partner
                )
            except ServiceError as exc:
                errors[service.slug] = str(exc)
                drafts[service.slug] = note
            else:
                messages.success(
                    request,
                    gettext(
                        "Merci : votre correction pour « %(service)s » est transmise à la "
                        "coordination, qui mettra la fiche à jour."
                    )
                    % {"service": service.nom},
                )
                return redirect(f"{request.path}#fiche-{service.slug}")
        else:
            messages.error(
                request, gettext("Action inconnue : choisissez un des boutons de la fiche.")
            )
            return redirect(request.path)
    for service in services:
        service.overdue_now = service.is_overdue(today)
        service.error = errors.get(service.slug, "")
        service.draft = drafts.get(service.slug, "")
    return render(
        request,
        "services/public/review.html",
        {
            "territory": partner.territory,
            "partner": partner,
            "services": services,
            "overdue_count": sum(1 for s in services if s.overdue_now),
        },
        status=400 if errors else 200,
    )
