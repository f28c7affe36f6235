"""GET /territory and /projects."""

from ninja import Router, Schema
from ninja.errors import HttpError

from espaces.common.partial_dates import serialize_partial_date
from espaces.territories.selectors import headline_figures_for, projects_for, sites_for

from .schemas import Message, SourceOut

router = Router(tags=["territoire"])


def territory_or_404(request):
    territory = request.territory
    if not territory:
        raise HttpError(404, "Territoire inconnu.")
    return territory


def source_out(source) -> dict | None:
    if source is None:
        return None
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": serialize_partial_date(source.published_on, source.published_on_precision),
    }


class CommuneOut(Schema):
    insee: str
    name: str


class HoursExceptionOut(Schema):
    date: str
    until: str | None
    hours: list[str]
    closed: bool
    label: str


class BusStopOut(Schema):
    name: str
    lines: list[str]
    walk_minutes: int | None


class SiteOut(Schema):
    slug: str
    name: str
    address: str
    postcode: str
    commune: CommuneOut | None
    hours: dict[str, list[str]]
    hours_exceptions: list[HoursExceptionOut]
    opening_hours: str
    phone: str
    email: str
    transport_access: str
    bus_stops: list[BusStopOut]
    latitude: float | None
    longitude: float | None
    openstreetmap_url: str
    plan_image_url: str
    plan_image_alt: str
    opened_on: str | None
    in_qpv: bool
    qpv_name: str
    accessibility: str
    verified_on: str | None
    url: str


class FigureOut(Schema):
    value: int
    label: str
    as_of: str | None
    source: SourceOut | None


class HeadlineOut(Schema):
    value: int | None
    label: str
    text: str
    components: list[FigureOut]
    other_figures: list[FigureOut]
    sources: list[SourceOut]


class TerritoryOut(Schema):
    slug: str
    name: str
    short_name: str
    description: str
    communes: list[CommuneOut]
    sites: list[SiteOut]
    headline: HeadlineOut


def site_out(request, s) -> dict:
    """A site's public facts (never its editor_note)."""
    from django.templatetags.static import static
    from django.urls import reverse

    from espaces.common.public_url import absolute_url
    from espaces.territories.site_hours import WEEKDAY_KEYS

    return {
        "slug": s.slug,
        "name": s.name,
        "address": s.address,
        "postcode": s.postcode,
        "commune": {"insee": s.commune.insee, "name": s.commune.name} if s.commune else None,
        "hours": {day: s.hours[day] for day in WEEKDAY_KEYS if day in s.hours},
        "hours_exceptions": [
            {
                "date": e["date"],
                "until": e.get("until"),
                "hours": e.get("hours") or [],
                "closed": not e.get("hours"),
                "label": e.get("label", ""),
            }
            for e in s.hours_exceptions
        ],
        "opening_hours": s.opening_hours,
        "phone": s.phone,
        "email": s.email,
        "transport_access": s.transport_access,
        "bus_stops": [
            {
                "name": b["name"],
                "lines": b.get("lines") or [],
                "walk_minutes": b.get("walk_minutes"),
            }
            for b in s.bus_stops
        ],
        "latitude": float(s.latitude) if s.latitude is not None else None,
        "longitude": float(s.longitude) if s.longitude is not None else None,
        "openstreetmap_url": s.osm_url,
        "plan_image_url": absolute_url(static(s.plan_image), request=request)
        if s.plan_image
        else "",
        "plan_image_alt": s.plan_image_alt,
        "opened_on": serialize_partial_date(s.opened_on, s.opened_on_precision),
        "in_qpv": s.in_qpv,
        "qpv_name": s.qpv_name,
        "accessibility": s.accessibility,
        "verified_on": s.verified_on.isoformat() if s.verified_on else None,
        "url": absolute_url(reverse("territories:site", args=[s.slug]), request=request),
    }


@router.get("/territory", response={200: TerritoryOut, 404: Message}, summary="Le territoire")
def territory_detail(request):
    """Le territoire, ses espaces et son chiffre clé d'emplois avec ses sources."""
    territory = territory_or_404(request)
    figures = list(headline_figures_for(territory=territory))

    def figure_out(f):
        return {
            "value": f.value,
            "label": f.label,
            "as_of": serialize_partial_date(f.as_of, f.as_of_precision),
            "source": source_out(f.source),
        }

    from espaces.territories.models import Commune

    return {
        "slug": territory.slug,
        "name": territory.name,
        "short_name": territory.short_name,
        "description": territory.description,
        "communes": list(Commune.objects.filter(territory=territory).values("insee", "name")),
        "sites": [site_out(request, s) for s in sites_for(territory=territory)],
        "headline": {
            "value": territory.headline_value,
            "label": territory.headline_label,
            "text": territory.headline_text,
            "components": [figure_out(f) for f in figures if f.kind == "component"],
            "other_figures": [figure_out(f) for f in figures if f.kind == "other"],
            "sources": [source_out(s) for s in territory.headline_sources.all()],
        },
    }


class ProjectFigureOut(Schema):
    kind: str
    value: int
    value_max: int | None
    as_of: str | None
    note: str
    source: SourceOut | None


class KeyDateOut(Schema):
    date: str
    label: str


class ProjectOut(Schema):
    slug: str
    name: str
    company: str
    location: str
    sector: str
    status: str
    status_label: str
    status_note: str  # kept for compatibility, always empty: the status note is for the staff
    recruiting: bool
    status_as_of: str | None
    horizon: str
    summary: str
    jobs_description: str
    direct_jobs: int | None
    figures: list[ProjectFigureOut]
    key_dates: list[KeyDateOut]
    communes: list[str]
    sources: list[SourceOut]


@router.get(
    "/projects", response={200: list[ProjectOut], 404: Message}, summary="Projets de transformation"
)
def project_list(request):
    """Projets avec leurs emplois annoncés, statut, dates et sources. Les chiffres sont des annonces
    datées et sourcées ; plusieurs chiffres du même type peuvent coexister. `recruiting` est faux
    pour un projet suspendu, en pause ou abandonné."""
    territory = territory_or_404(request)
    out = []
    for p in projects_for(territory=territory):
        direct = p.headline_direct_jobs
        out.append(
            {
                "slug": p.slug,
                "name": p.name,
                "company": p.company,
                "location": p.location,
                "sector": p.sector.slug,
                "status": p.status,
                "status_label": p.get_status_display(),
                "status_note": "",
                "recruiting": not p.is_suspended,
                "status_as_of": serialize_partial_date(p.status_as_of, p.status_as_of_precision),
                "horizon": p.horizon,
                "summary": p.summary,
                "jobs_description": p.jobs_description,
                "direct_jobs": direct.value if direct else None,
                "figures": [
                    {
                        "kind": f.kind,
                        "value": f.value,
                        "value_max": f.value_max,
                        "as_of": serialize_partial_date(f.as_of, f.as_of_precision),
                        "note": f.note,
                        "source": source_out(f.source),
                    }
                    for f in p.figures.all()
                ],
                "key_dates": [
                    {"date": serialize_partial_date(d.date, d.date_precision), "label": d.label}
                    for d in p.key_dates.all()
                ],
                "communes": [c.insee for c in p.communes.all()],
                "sources": [source_out(s) for s in p.sources.all()],
            }
        )
    return out
