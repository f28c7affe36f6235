"""Public pages of the catalogue: list with search and filters, job sheet, compare, print."""

import segno
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from espaces.common.lazy import lazy_context
from espaces.common.public_url import absolute_url
from espaces.rome.selectors import rome_release
from espaces.territories.views import current_territory

from .enums import Condition, EntryLevel, Sort
from .models import Metier
from .selectors import (
    CatalogueFilters,
    active_project_jobs,
    catalogue_search,
    metier_detail,
    metiers_by_slugs,
    metiers_for,
    metiers_page,
    national_fiche,
    national_fiches_index,
    sectors_with_metiers,
)

PER_PAGE = 12
MAX_COMPARED = 3


def _without(params, name: str, value: str | None = None) -> str:
    """The query string of `params` without one filter value (and without the page)."""
    copy = params.copy()
    copy.pop("page", None)
    if value is None:
        copy.pop(name, None)
    else:
        copy.setlist(name, [v for v in copy.getlist(name) if v != value])
    encoded = copy.urlencode()
    return f"?{encoded}" if encoded else "?"


def _active_filters(params, filters: CatalogueFilters, sectors: dict) -> list[dict]:
    chips = []
    if filters.q:
        chips.append(
            {
                "label": gettext("Recherche : « %(q)s »") % {"q": filters.q},
                "url": _without(params, "q"),
            }
        )
    for slug in filters.sectors:
        chips.append(
            {
                "label": gettext("Secteur : %(sector)s") % {"sector": sectors[slug].name},
                "url": _without(params, "secteur", slug),
            }
        )
    for level in filters.levels:
        chips.append(
            {
                "label": gettext("Niveau : %(level)s") % {"level": EntryLevel(level).label},
                "url": _without(params, "niveau", level),
            }
        )
    if filters.no_diploma:
        chips.append(
            {"label": gettext("Accessible sans diplôme"), "url": _without(params, "sans_diplome")}
        )
    for condition in filters.avoid:
        chips.append(
            {
                "label": gettext("Sans : %(condition)s")
                % {"condition": Condition(condition).label.lower()},
                "url": _without(params, "eviter", condition),
            }
        )
    if filters.recruiting:
        chips.append(
            {
                "label": gettext("Recherché par un projet en cours"),
                "url": _without(params, "recrute"),
            }
        )
    return chips


RESULT_KEYS = ("result", "page", "metiers")


def metier_list(request):
    """The catalogue. The results are a template fragment cached by content version, language
    and address (templates/catalogue/public/list.html): the search and the sheets of the page
    are read only when the fragment is not in the cache."""
    territory = current_territory(request)
    sectors = {s.slug: s for s in sectors_with_metiers(territory=territory)}
    filters, ignored = CatalogueFilters.from_query(request.GET, sector_slugs=set(sectors))

    def results() -> dict:
        result = catalogue_search(territory=territory, filters=filters)
        page = Paginator(result.pks, PER_PAGE).get_page(request.GET.get("page"))
        metiers = metiers_page(territory=territory, pks=list(page.object_list))
        for metier in metiers:
            metier.recruiting_count = result.counts.get(metier.pk, 0)
        return {"result": result, "page": page, "metiers": metiers}

    sort = filters.effective_sort
    context = {
        "filters": filters,
        "ignored": ignored,
        "sectors": list(sectors.values()),
        "levels": EntryLevel.choices,
        "conditions": Condition.choices,
        "sorts": [(v, label) for v, label in Sort.choices if v != Sort.PERTINENCE or filters.q],
        "sort": sort,
        "active_filters": _active_filters(request.GET, filters, sectors),
        "orientation_url": "/orientation/",
    }
    if request.headers.get("HX-Request"):
        context.update(results())
        return render(request, "catalogue/public/_results.html", {**context, "htmx": True})
    context.update(lazy_context(results, RESULT_KEYS))
    return render(request, "catalogue/public/list.html", context)


def _detail_or_404(request, slug):
    territory = current_territory(request)
    metier = metier_detail(territory=territory, slug=slug)
    if metier is None:
        raise Http404("Cette fiche métier n'existe pas (ou plus).")
    return metier


def metier_detail_view(request, slug):
    """A job sheet. Its content is a template fragment cached by content version and language
    (templates/catalogue/public/detail.html): the sheet with everything it shows (a dozen
    prefetches) is read only when the fragment is not in the cache; the title comes from a
    one-row read."""
    territory = current_territory(request)
    head = Metier.objects.filter(territory=territory, slug=slug).first()
    if head is None:
        raise Http404("Cette fiche métier n'existe pas (ou plus).")
    metier = SimpleLazyObject(lambda: metier_detail(territory=territory, slug=slug))
    return render(request, "catalogue/public/detail.html", {"metier": metier, "metier_head": head})


def metier_print(request, slug):
    metier = _detail_or_404(request, slug)
    url = absolute_url(request=request, path=reverse("catalogue:detail", args=[metier.slug]))
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=3, title=f"QR code vers la fiche en ligne : {url}")
    return render(
        request,
        "catalogue/public/print.html",
        {
            "metier": metier,
            "absolute_url": url,
            "qr_svg": mark_safe(svg),  # noqa: S308
            "find_us_url": absolute_url(request=request, path=reverse("territories:sites")),
        },
    )


def metier_compare(request):
    territory = current_territory(request)
    slugs = list(dict.fromkeys(s for s in request.GET.getlist("m") if s))
    metiers = metiers_by_slugs(territory=territory, slugs=slugs[: MAX_COMPARED + 1])
    unknown = [s for s in slugs if s not in {m.slug for m in metiers}]
    status = 200
    message = ""
    if len(slugs) > MAX_COMPARED:
        message = gettext(
            "Vous avez choisi %(count)s métiers : on peut en comparer %(max)s au plus. "
            "Gardez-en deux ou trois."
        ) % {"count": len(slugs), "max": MAX_COMPARED}
        status = 400
    elif len(metiers) < 2:
        message = (
            gettext("Choisissez encore un ou deux métiers pour les comparer.")
            if metiers
            else gettext("Choisissez deux ou trois métiers pour les comparer.")
        )
    context = {
        "metiers": metiers if not message else [],
        "chosen": [m.slug for m in metiers],
        "unknown": unknown,
        "message": message,
        "all_metiers": metiers_for(territory=territory).order_by("title") if message else [],
    }
    if not message:
        jobs = active_project_jobs(territory=territory)
        for metier in metiers:
            metier.recruiting_count = sum(
                1 for link in metier.project_links.all() if link.project_id in jobs
            )
    return render(request, "catalogue/public/compare.html", context, status=status)


def rome_fiche(request, code):
    """A national ROME fiche (the same data for every territory, local links of this one)."""
    territory = current_territory(request)
    fiche = national_fiche(territory=territory, code=code.upper())
    if fiche is None:
        raise Http404("Cette fiche ROME n'existe pas : vérifiez le code (par exemple H2913).")
    return render(
        request,
        "catalogue/public/rome_fiche.html",
        {"fiche": fiche, "detail": fiche.detail, "release": rome_release()},
    )


def rome_index(request):
    """Every national fiche, by professional domain."""
    return render(
        request,
        "catalogue/public/rome_index.html",
        {"domains": national_fiches_index(), "release": rome_release()},
    )
