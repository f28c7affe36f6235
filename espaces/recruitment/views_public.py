"""Public pages: « Qui recrute maintenant » and one offer. No application from here: people
come to an Espace, or register to the job dating the offer is attached to."""

from django.core.paginator import Paginator
from django.shortcuts import render

from espaces.common.lazy import lazy_context
from espaces.territories.models import Commune, Sector, Site
from espaces.territories.views import current_territory

from .enums import Contract
from .selectors import OfferFilters, public_offer, public_offers

PAGE_SIZE = 20


def offer_list(request):
    territory = current_territory(request)
    filters = OfferFilters(
        rome=request.GET.get("rome", "").strip()[:50],
        commune=request.GET.get("commune", "").strip()[:100],
        contract=request.GET.get("contrat", "").strip()[:20],
        employer=request.GET.get("employeur", "").strip()[:100],
        sector=request.GET.get("secteur", "").strip()[:100],
    )
    if filters.contract and filters.contract not in Contract.values:
        filters.contract = ""

    def results() -> dict:
        page = Paginator(public_offers(territory=territory, filters=filters), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return {"page": page, "total_posts": sum(o.posts for o in page.object_list)}

    # The content is a template fragment cached by content version, language and address
    # (templates/recruitment/public/offer_list.html): the context is lazy (querysets and
    # results), so a cached fragment costs no query.
    return render(
        request,
        "recruitment/public/offer_list.html",
        {
            **lazy_context(results, ("page", "total_posts")),
            "filters": filters,
            "contracts": Contract.choices,
            "communes": Commune.objects.filter(territory=territory).order_by("name"),
            "sectors": Sector.objects.filter(territory=territory),
            "sites": Site.objects.filter(territory=territory).order_by("name"),
            "filtered": any(vars(filters).values()),
        },
    )


def offer_detail(request, pk):
    territory = current_territory(request)
    offer = public_offer(territory=territory, pk=pk)
    return render(
        request,
        "recruitment/public/offer_detail.html",
        {"offer": offer, "sites": Site.objects.filter(territory=territory).order_by("name")},
    )
