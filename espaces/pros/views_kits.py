"""Resources for professionals (public: they only hold public information)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from espaces.territories.models import Sector, Site
from espaces.territories.views import current_territory

from . import kits


def _month(year: int, month: int) -> tuple[int, int]:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404("Mois inconnu.")
    return year, month


def _pdf(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def resources(request):
    territory = current_territory(request)
    year, month = kits.next_month()
    today = timezone.localdate()
    return render(
        request,
        "pros/public/resources.html",
        {
            "sectors": kits.sectors_with_metiers(territory=territory),
            "sites": Site.objects.filter(territory=territory),
            "this_month": (today.year, today.month),
            "next_month": (year, month),
        },
    )


def kit(request, slug):
    territory = current_territory(request)
    sector = Sector.objects.filter(territory=territory, slug=slug).first()
    if sector is None:
        raise Http404("Thème inconnu.")
    return _pdf(kits.kit_pdf(territory=territory, sector=sector), f"kit-metiers-{slug}.pdf")


def poster(request, slug, year, month):
    territory = current_territory(request)
    site = Site.objects.filter(territory=territory, slug=slug).first()
    if site is None:
        raise Http404("Cet Espace n'existe pas.")
    year, month = _month(year, month)
    body = kits.poster_pdf(territory=territory, site=site, year=year, month=month)
    return _pdf(body, f"agenda-{slug}-{year}-{month:02d}.pdf")


def presentation(request):
    territory = current_territory(request)
    return _pdf(kits.presentation_pdf(territory=territory), "espaces-presentation.pdf")


def newsletter(request, year, month, fmt):
    territory = current_territory(request)
    year, month = _month(year, month)
    text, html = kits.newsletter(territory=territory, year=year, month=month)
    if fmt not in ("html", "txt"):
        raise Http404("Format inconnu : html ou txt.")
    if fmt == "html":
        return HttpResponse(html, content_type="text/html; charset=utf-8")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
