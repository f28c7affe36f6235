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


class SiteOut(Schema):
    slug: str
    name: str
    address: str
    commune: CommuneOut | None
    opening_hours: str
    transport_access: str
    opened_on: str | None
    in_qpv: bool
    qpv_name: str
    accessibility: str


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
        "sites": [
            {
                "slug": s.slug,
                "name": s.name,
                "address": s.address,
                "commune": {"insee": s.commune.insee, "name": s.commune.name}
                if s.commune
                else None,
                "opening_hours": s.opening_hours,
                "transport_access": s.transport_access,
                "opened_on": serialize_partial_date(s.opened_on, s.opened_on_precision),
                "in_qpv": s.in_qpv,
                "qpv_name": s.qpv_name,
                "accessibility": s.accessibility,
            }
            for s in sites_for(territory=territory)
        ],
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
    status_note: str
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
    datées et sourcées ; plusieurs chiffres du même type peuvent coexister."""
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
                "status_note": p.status_note,
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
