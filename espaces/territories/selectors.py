"""Reads of the territory domain; every one takes the territory it is scoped to."""

from django.conf import settings
from django.db.models import Prefetch

from .models import HeadlineFigure, Project, ProjectFigure, Site, Territory, TerritoryHost


def territory_for_request(request) -> Territory | None:
    """The territory of a request: `?territory=` on the API, else its host, else the default."""
    slug = None
    if request.path.startswith("/api/"):
        slug = request.GET.get("territory")
    if slug:
        return Territory.objects.filter(slug=slug).first()
    host = request.get_host().split(":")[0].lower() if request.META.get("HTTP_HOST") else ""
    if host:
        match = TerritoryHost.objects.select_related("territory").filter(host=host).first()
        if match:
            return match.territory
    return Territory.objects.filter(slug=settings.ESPACES_TERRITORY).first()


def projects_for(*, territory: Territory):
    """Projects with their figures, dates, sector and sources, for lists."""
    return (
        Project.objects.filter(territory=territory)
        .select_related("sector", "partner")
        .prefetch_related(
            Prefetch("figures", queryset=ProjectFigure.objects.select_related("source")),
            "key_dates__source",
            "sources",
            "communes",
        )
    )


def sites_for(*, territory: Territory):
    return (
        Site.objects.filter(territory=territory)
        .select_related("commune")
        .prefetch_related("sources")
    )


def headline_figures_for(*, territory: Territory):
    return HeadlineFigure.objects.filter(territory=territory).select_related("source")
