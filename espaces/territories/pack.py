"""Pack sections of the territory: territory, sources, sectors, sites, partners, projects."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, HttpUrl

from espaces.common.partial_dates import DatePrecision

from .enums import FigureKind, HeadlineFigureKind, PartnerKind, ProjectStatus
from .identity import HEX_COLOUR, contrast_problems, media_problem, store_media
from .models import (
    DEFAULT_FACTS_MAX_AGE_MONTHS,
    Commune,
    HeadlineFigure,
    Partner,
    Photo,
    PhotoSubject,
    Project,
    ProjectDate,
    ProjectFigure,
    Sector,
    Site,
    Source,
    Territory,
    TerritoryHost,
)
from .packs.links import check_url
from .packs.registry import (
    SLUG_PATTERN,
    BlankIsNone,
    PackRecord,
    PackSection,
    PartialDate,
    VerifiedOn,
    register_section,
)

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=100)]
Url = Annotated[HttpUrl | None, BlankIsNone]


def split_date(value) -> tuple:
    return value if value else (None, DatePrecision.DAY)


# --- export (espaces export_pack, packs/export.py): each section's content read back ---------
def export_territory(territory) -> dict:
    from .packs.export import compact

    return compact(
        {
            "slug": territory.slug,
            "name": territory.name,
            "short_name": territory.short_name,
            "hosts": sorted(territory.hosts.values_list("host", flat=True)),
            "description": territory.description,
            "facts_max_age_months": (
                territory.facts_max_age_months
                if territory.facts_max_age_months != DEFAULT_FACTS_MAX_AGE_MONTHS
                else None
            ),
            "communes": [
                compact({"insee": c.insee, "name": c.name, "note": c.note})
                for c in Commune.objects.filter(territory=territory).order_by("insee")
            ],
            "identity": export_identity(territory),
        }
    )


def export_headline(territory) -> dict:
    from .packs.export import compact, partial_date, slugs

    def figure(f):
        return compact(
            {
                "value": f.value,
                "label": f.label,
                "source": f.source.slug if f.source else None,
                "as_of": partial_date(f.as_of, f.as_of_precision),
            }
        )

    figures = list(
        HeadlineFigure.objects.filter(territory=territory)
        .select_related("source")
        .order_by("kind", "order", "pk")
    )
    headline = compact(
        {
            "value": territory.headline_value,
            "label": territory.headline_label,
            "text": territory.headline_text,
            "sources": slugs(territory.headline_sources.all()),
            "components": [figure(f) for f in figures if f.kind == HeadlineFigureKind.COMPONENT],
            "other_figures": [figure(f) for f in figures if f.kind == HeadlineFigureKind.OTHER],
        }
    )
    return {"headline": headline} if headline else {}


def export_sources(territory) -> list[dict]:
    from .packs.export import compact, partial_date

    return [
        compact(
            {
                "slug": s.slug,
                "title": s.title,
                "publisher": s.publisher,
                "url": s.url,
                "published_on": partial_date(s.published_on, s.published_on_precision),
                "accessed_on": s.accessed_on,
                "note": s.note,
                "verified_on": s.verified_on,
                "editor_note": s.editor_note,
            }
        )
        for s in Source.objects.filter(territory=territory).order_by("slug")
    ]


def export_sectors(territory) -> list[dict]:
    from .packs.export import compact

    return [
        compact({"slug": s.slug, "name": s.name, "description": s.description, "order": s.order})
        for s in Sector.objects.filter(territory=territory).order_by("slug")
    ]


def export_sites(territory) -> list[dict]:
    from .packs.export import compact, partial_date, slugs

    sites = (
        Site.objects.filter(territory=territory)
        .select_related("commune")
        .prefetch_related("sources")
        .order_by("slug")
    )
    return [
        compact(
            {
                "slug": s.slug,
                "name": s.name,
                "address": s.address,
                "commune": s.commune.insee if s.commune else None,
                "postcode": s.postcode,
                "hours": {day: s.hours[day] for day in WEEKDAYS if day in s.hours},
                "hours_exceptions": [compact(e) for e in s.hours_exceptions],
                "opening_hours": s.opening_hours,
                "phone": s.phone,
                "email": s.email,
                "transport_access": s.transport_access,
                "bus_stops": [compact(b) for b in s.bus_stops],
                "latitude": float(s.latitude) if s.latitude is not None else None,
                "longitude": float(s.longitude) if s.longitude is not None else None,
                "plan_image": s.plan_image,
                "plan_image_alt": s.plan_image_alt,
                "opened_on": partial_date(s.opened_on, s.opened_on_precision),
                "in_qpv": s.in_qpv,
                "qpv_name": s.qpv_name,
                "accessibility": s.accessibility,
                "description": s.description,
                "sources": slugs(s.sources.all()),
                "verified_on": s.verified_on,
                "editor_note": s.editor_note,
                "photo": export_photo(territory, subject=PhotoSubject.SITE, slug=s.slug),
            }
        )
        for s in sites
    ]


def export_partners(territory) -> list[dict]:
    from .packs.export import compact

    return [
        compact(
            {
                "slug": p.slug,
                "name": p.name,
                "kind": p.kind,
                "website": p.website,
                "description": p.description,
                "contact_email": p.contact_email,
            }
        )
        for p in Partner.objects.filter(territory=territory).order_by("slug")
    ]


def export_projects(territory) -> list[dict]:
    from .packs.export import compact, partial_date, slugs

    projects = (
        Project.objects.filter(territory=territory)
        .select_related("sector", "partner")
        .prefetch_related("communes", "sources", "figures__source", "key_dates__source")
        .order_by("slug")
    )
    out = []
    for p in projects:
        figures = sorted(p.figures.all(), key=lambda f: (f.order, f.pk))
        dates = sorted(p.key_dates.all(), key=lambda d: (d.order, d.pk))
        out.append(
            compact(
                {
                    "slug": p.slug,
                    "name": p.name,
                    "company": p.company,
                    "location": p.location,
                    "communes": sorted(c.insee for c in p.communes.all()),
                    "sector": p.sector.slug,
                    "status": p.status,
                    "status_note": p.status_note,
                    "status_as_of": partial_date(p.status_as_of, p.status_as_of_precision),
                    "summary": p.summary,
                    "horizon": p.horizon,
                    "figures": [
                        compact(
                            {
                                "kind": f.kind,
                                "value": f.value,
                                "value_max": f.value_max,
                                "as_of": partial_date(f.as_of, f.as_of_precision),
                                "source": f.source.slug if f.source else None,
                                "note": f.note,
                                "verified_on": f.verified_on,
                                "editor_note": f.editor_note,
                            }
                        )
                        for f in figures
                    ],
                    "key_dates": [
                        compact(
                            {
                                "date": partial_date(d.date, d.date_precision),
                                "label": d.label,
                                "source": d.source.slug if d.source else None,
                                "verified_on": d.verified_on,
                                "editor_note": d.editor_note,
                            }
                        )
                        for d in dates
                    ],
                    "jobs_description": p.jobs_description,
                    "partner": p.partner.slug if p.partner else None,
                    "sources": slugs(p.sources.all()),
                    "verified_on": p.verified_on,
                    "editor_note": p.editor_note,
                }
            )
        )
    return out


# --- territory -----------------------------------------------------------------------------
class CommuneIn(PackRecord):
    insee: Annotated[str, Field(pattern=r"^\w{5}$")]
    name: str
    note: str = ""


class FigureIn(PackRecord):
    value: Annotated[int, Field(ge=0)]
    label: str
    source: Slug | None = None
    as_of: PartialDate = None


class HeadlineIn(PackRecord):
    value: Annotated[int, Field(ge=0)] | None = None
    label: str = ""
    text: str = ""
    sources: list[Slug] = []
    components: list[FigureIn] = []
    other_figures: list[FigureIn] = []


class MarkIn(PackRecord):
    """A partner shown next to the EU emblem: its name, and its logo only when the pack ships
    the file given by the organisation (never drawn or fetched here)."""

    name: str
    file: str | None = None  # a PNG, JPEG or SVG file of the pack folder
    alt: str = ""


class OperationIn(PackRecord):
    summary: str = ""
    aims: list[str] = []


class VisibilityIn(PackRecord):
    """`visibility:` of territory.yaml (docs/eu-visibility.md), apart from `identity:`."""

    managing_authority: MarkIn | None = None
    beneficiary: MarkIn | None = None
    operation: OperationIn | None = None


HexColour = Annotated[str, Field(pattern=HEX_COLOUR)]
PackFile = Annotated[str, Field(min_length=1, max_length=300)]


class ColoursIn(PackRecord):
    brand: HexColour | None = None
    brand_dark: HexColour | None = None
    accent: HexColour | None = None


class LogoIn(PackRecord):
    file: PackFile
    alt: Annotated[str, Field(min_length=1, max_length=300)]


class IdentityIn(PackRecord):
    colours: ColoursIn | None = None
    logo: LogoIn | None = None


class PhotoIn(PackRecord):
    """An optional photo (an Espace, an event type, a job sheet): every field is required."""

    file: PackFile
    alt: Annotated[str, Field(min_length=1, max_length=500)]
    author: Annotated[str, Field(min_length=1, max_length=200)]
    licence: Annotated[str, Field(min_length=1, max_length=200)]


def check_photo(ctx, record, field_name: str = "photo") -> None:
    photo = getattr(record.data, field_name, None)
    if photo is not None:
        problem = media_problem(Path(ctx.path), photo.file)
        if problem:
            ctx.error(record, field_name, problem)


def apply_photo(ctx, *, subject: str, slug: str, photo) -> None:
    """The subject's photo as in the pack: written, updated, or removed when the pack has none."""
    lookup = {"territory": ctx.territory, "subject": subject, "slug": slug}
    if photo is None:
        Photo.objects.filter(**lookup).delete()
        return
    media = store_media(ctx, photo.file)
    ctx.upsert(
        "photos",
        Photo,
        lookup,
        {"media": media, "alt": photo.alt, "author": photo.author, "licence": photo.licence},
    )


def export_photo(territory, *, subject: str, slug: str) -> dict | None:
    photo = (
        Photo.objects.filter(territory=territory, subject=subject, slug=slug)
        .select_related("media")
        .first()
    )
    if photo is None:
        return None
    return {
        "file": photo.media.path,
        "alt": photo.alt,
        "author": photo.author,
        "licence": photo.licence,
    }


class TerritoryIn(PackRecord):
    slug: Slug
    name: str
    short_name: str
    hosts: list[str] = []
    description: str = ""
    facts_max_age_months: Annotated[int, Field(ge=1, le=120)] = DEFAULT_FACTS_MAX_AGE_MONTHS
    communes: list[CommuneIn] = []
    headline: HeadlineIn | None = None
    visibility: VisibilityIn | None = None
    identity: IdentityIn | None = None


def check_territory(ctx, records):
    record = records[0]
    seen = set()
    for commune in record.data.communes:
        if commune.insee in seen:
            ctx.error(record, "communes", f"commune {commune.insee} en double")
        seen.add(commune.insee)
    identity = record.data.identity
    if identity and identity.colours:
        for problem in contrast_problems(identity.colours.model_dump()):
            ctx.error(record, "identity", problem)
    if identity and identity.logo:
        problem = media_problem(Path(ctx.path), identity.logo.file)
        if problem:
            ctx.error(record, "identity", problem)
    hosts = set(record.data.hosts)
    taken = TerritoryHost.objects.filter(host__in=hosts).exclude(territory__slug=record.data.slug)
    for host in taken.values_list("host", flat=True):
        ctx.error(
            record, "hosts", f"le nom d'hôte « {host} » appartient déjà à un autre territoire"
        )
    if record.data.headline:
        ctx.check_refs(
            record,
            "headline",
            list(record.data.headline.sources)
            + [
                f.source
                for f in record.data.headline.components + record.data.headline.other_figures
                if f.source
            ],
            ctx.known_slugs("sources", Source),
            "source",
        )


def identity_values(identity) -> dict:
    colours = identity.colours if identity and identity.colours else ColoursIn()
    return {
        "brand_colour": (colours.brand or "").lower(),
        "brand_dark_colour": (colours.brand_dark or "").lower(),
        "accent_colour": (colours.accent or "").lower(),
        "logo_alt": identity.logo.alt if identity and identity.logo else "",
    }


def export_identity(territory) -> dict:
    from .packs.export import compact

    return compact(
        {
            "colours": compact(
                {
                    "brand": territory.brand_colour,
                    "brand_dark": territory.brand_dark_colour,
                    "accent": territory.accent_colour,
                }
            ),
            "logo": (
                {"file": territory.logo_file, "alt": territory.logo_alt}
                if territory.logo_file
                else None
            ),
        }
    )


def apply_territory(ctx, records):
    data = records[0].data
    territory, _ = ctx.upsert(
        "territoire",
        Territory,
        {"slug": data.slug},
        {
            "name": data.name,
            "short_name": data.short_name,
            "description": data.description,
            "facts_max_age_months": data.facts_max_age_months,
            **identity_values(data.identity),
        },
    )
    ctx.territory = territory
    logo = data.identity.logo if data.identity else None
    media = store_media(ctx, logo.file) if logo else None
    version = media.sha256[:12] if media else ""
    if (territory.logo_file, territory.logo_version) != (logo.file if logo else "", version):
        territory.logo_file = logo.file if logo else ""
        territory.logo_version = version
        territory.save(update_fields=["logo_file", "logo_version", "updated_at"])
    for commune in data.communes:
        ctx.upsert(
            "communes",
            Commune,
            {"territory": territory, "insee": commune.insee},
            {"name": commune.name, "note": commune.note},
        )
    for host in data.hosts:
        ctx.upsert(
            "noms d'hôte", TerritoryHost, {"host": host.lower()}, {"territory_id": territory.pk}
        )


register_section(
    PackSection(
        kind="territory",
        order=0,
        schema=TerritoryIn,
        many=False,
        check=check_territory,
        apply=apply_territory,
        export=export_territory,
    )
)


def apply_headline(ctx, records):
    headline = records[0].data.headline
    if headline is None:
        return
    sources = ctx.lookup(Source)
    territory = ctx.territory
    ctx.upsert(
        "chiffre clé",
        Territory,
        {"pk": territory.pk},
        {
            "headline_value": headline.value,
            "headline_label": headline.label,
            "headline_text": headline.text,
        },
        m2m={"headline_sources": [sources[s] for s in headline.sources]},
    )
    rows = []
    for kind, figures in (
        (HeadlineFigureKind.COMPONENT, headline.components),
        (HeadlineFigureKind.OTHER, headline.other_figures),
    ):
        for order, figure in enumerate(figures):
            as_of, precision = split_date(figure.as_of)
            rows.append(
                {
                    "territory": territory,
                    "kind": kind,
                    "value": figure.value,
                    "label": figure.label,
                    "source": sources.get(figure.source),
                    "as_of": as_of,
                    "as_of_precision": precision,
                    "order": order,
                }
            )
    fields = ["kind", "value", "label", "source", "as_of", "as_of_precision", "order"]
    current = list(HeadlineFigure.objects.filter(territory=territory))
    if [tuple(getattr(o, f) for f in fields) for o in current] != [
        tuple(r[f] for f in fields) for r in rows
    ]:
        HeadlineFigure.objects.filter(territory=territory).delete()
        HeadlineFigure.objects.bulk_create([HeadlineFigure(**r) for r in rows])


register_section(
    PackSection(
        kind="headline",
        file_kind="territory",
        order=15,
        schema=TerritoryIn,
        many=False,
        apply=apply_headline,
        export=export_headline,
    )
)


# --- sources -------------------------------------------------------------------------------
class SourceIn(PackRecord):
    slug: Slug
    title: str
    publisher: str = ""
    url: Url = None
    published_on: PartialDate = None
    accessed_on: PartialDate = None
    note: str = ""
    verified_on: VerifiedOn = None
    editor_note: str = ""


def check_sources(ctx, records):
    """Source links must be real publication addresses: refused hosts are errors, aggregators
    are warnings (packs/links.py)."""
    for record in records:
        if record.data.url:
            check_url(ctx, record, "url", str(record.data.url))


def apply_sources(ctx, records):
    for record in records:
        d = record.data
        published_on, precision = split_date(d.published_on)
        ctx.upsert(
            "sources",
            Source,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "title": d.title,
                "publisher": d.publisher,
                "url": str(d.url) if d.url else "",
                "published_on": published_on,
                "published_on_precision": precision,
                "accessed_on": split_date(d.accessed_on)[0],
                "note": d.note,
                "verified_on": d.verified_on,
                "editor_note": d.editor_note,
            },
        )


register_section(
    PackSection(
        kind="sources",
        order=10,
        schema=SourceIn,
        check=check_sources,
        apply=apply_sources,
        export=export_sources,
    )
)


# --- sectors -------------------------------------------------------------------------------
class SectorIn(PackRecord):
    slug: Slug
    name: str
    description: str = ""
    order: int = 0


def apply_sectors(ctx, records):
    for record in records:
        d = record.data
        ctx.upsert(
            "secteurs",
            Sector,
            {"territory": ctx.territory, "slug": d.slug},
            {"name": d.name, "description": d.description, "order": d.order},
        )


register_section(
    PackSection(
        kind="sectors", order=20, schema=SectorIn, apply=apply_sectors, export=export_sectors
    )
)


def known_communes(ctx) -> set[str]:
    territory = ctx.records.get("territory")
    pack = {c.insee for c in territory[0].data.communes} if territory else set()
    db = set(
        Commune.objects.filter(territory__slug=ctx.territory_slug).values_list("insee", flat=True)
    )
    return pack | db


# --- sites ---------------------------------------------------------------------------------
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
TimeRange = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")]


def _email(value: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(f"adresse de courriel « {value} » invalide") from None
    return value


class HoursExceptionIn(PackRecord):
    date: dt.date
    until: dt.date | None = None
    hours: list[TimeRange] = []  # empty: closed
    label: str = ""


class BusStopIn(PackRecord):
    name: str
    lines: list[str] = []
    walk_minutes: int | None = Field(default=None, ge=0, le=120)


class SiteIn(PackRecord):
    slug: Slug
    name: str
    address: str = ""
    postcode: Annotated[str, Field(pattern=r"^(\d{5})?$")] = ""
    commune: str | None = None
    hours: dict[Literal[WEEKDAYS], list[TimeRange]] = {}
    hours_exceptions: list[HoursExceptionIn] = []
    opening_hours: str = ""
    phone: str = ""
    email: Annotated[str, AfterValidator(_email)] = ""
    transport_access: str = ""
    bus_stops: list[BusStopIn] = []
    latitude: Annotated[Decimal | None, Field(ge=-90, le=90), BlankIsNone] = None
    longitude: Annotated[Decimal | None, Field(ge=-180, le=180), BlankIsNone] = None
    plan_image: str = ""
    plan_image_alt: str = ""
    opened_on: PartialDate = None
    in_qpv: bool = False
    qpv_name: str = ""
    accessibility: str = ""
    description: str = ""
    sources: list[Slug] = []
    verified_on: VerifiedOn = None
    editor_note: str = ""
    photo: PhotoIn | None = None


def check_sites(ctx, records):
    from django.contrib.staticfiles import finders

    communes = known_communes(ctx)
    sources = ctx.known_slugs("sources", Source)
    for record in records:
        check_photo(ctx, record)
        d = record.data
        if d.commune:
            ctx.check_refs(record, "commune", d.commune, communes, "commune")
        ctx.check_refs(record, "sources", d.sources, sources, "source")
        if (d.latitude is None) != (d.longitude is None):
            ctx.error(record, "latitude", "latitude et longitude vont ensemble : donnez les deux")
        if d.plan_image and not finders.find(d.plan_image):
            ctx.error(
                record,
                "plan_image",
                f"image « {d.plan_image} » introuvable dans les fichiers statiques",
            )
        if d.plan_image and not d.plan_image_alt:
            ctx.error(record, "plan_image_alt", "décrivez le plan en texte (accessibilité)")
        for exception in d.hours_exceptions:
            if exception.until and exception.until < exception.date:
                ctx.error(record, "hours_exceptions", "« until » est avant « date »")


def coordinate(value: Decimal | None) -> Decimal | None:
    return value.quantize(Decimal("0.000001")) if value is not None else None


def site_hours(d) -> dict:
    return {day: list(d.hours[day]) for day in WEEKDAYS if day in d.hours}


def site_hours_exceptions(d) -> list[dict]:
    return [
        {
            "date": e.date.isoformat(),
            "until": e.until.isoformat() if e.until else None,
            "hours": list(e.hours),
            "label": e.label,
        }
        for e in sorted(d.hours_exceptions, key=lambda e: e.date)
    ]


def apply_sites(ctx, records):
    communes = ctx.lookup(Commune, "insee")
    sources = ctx.lookup(Source)
    for record in records:
        d = record.data
        opened_on, precision = split_date(d.opened_on)
        ctx.upsert(
            "espaces",
            Site,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "name": d.name,
                "address": d.address,
                "postcode": d.postcode,
                "commune": communes.get(d.commune),
                "hours": site_hours(d),
                "hours_exceptions": site_hours_exceptions(d),
                "opening_hours": d.opening_hours,
                "phone": d.phone,
                "email": d.email,
                "transport_access": d.transport_access,
                "bus_stops": [
                    {"name": b.name, "lines": list(b.lines), "walk_minutes": b.walk_minutes}
                    for b in d.bus_stops
                ],
                "latitude": coordinate(d.latitude),
                "longitude": coordinate(d.longitude),
                "plan_image": d.plan_image,
                "plan_image_alt": d.plan_image_alt,
                "opened_on": opened_on,
                "opened_on_precision": precision,
                "in_qpv": d.in_qpv,
                "qpv_name": d.qpv_name,
                "accessibility": d.accessibility,
                "description": d.description,
                "verified_on": d.verified_on,
                "editor_note": d.editor_note,
            },
            m2m={"sources": [sources[s] for s in d.sources]},
        )
        apply_photo(ctx, subject=PhotoSubject.SITE, slug=d.slug, photo=d.photo)


register_section(
    PackSection(
        kind="sites",
        order=30,
        schema=SiteIn,
        check=check_sites,
        apply=apply_sites,
        export=export_sites,
    )
)


# --- partners ------------------------------------------------------------------------------
class PartnerIn(PackRecord):
    slug: Slug
    name: str
    kind: PartnerKind
    website: Url = None
    description: str = ""
    contact_email: str = ""


def check_partners(ctx, records):
    for record in records:
        if record.data.website:
            check_url(ctx, record, "website", str(record.data.website), aggregators=False)


def apply_partners(ctx, records):
    for record in records:
        d = record.data
        ctx.upsert(
            "partenaires",
            Partner,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "name": d.name,
                "kind": d.kind,
                "website": str(d.website) if d.website else "",
                "description": d.description,
                "contact_email": d.contact_email,
            },
        )


register_section(
    PackSection(
        kind="partners",
        order=40,
        schema=PartnerIn,
        check=check_partners,
        apply=apply_partners,
        export=export_partners,
    )
)


# --- projects ------------------------------------------------------------------------------
class ProjectFigureIn(PackRecord):
    kind: FigureKind
    value: Annotated[int, Field(ge=0)]
    value_max: Annotated[int, Field(ge=0)] | None = None
    as_of: PartialDate = None
    source: Slug | None = None
    note: str = ""
    verified_on: VerifiedOn = None
    editor_note: str = ""


class KeyDateIn(PackRecord):
    date: PartialDate
    label: str
    source: Slug | None = None
    verified_on: VerifiedOn = None
    editor_note: str = ""


class ProjectIn(PackRecord):
    slug: Slug
    name: str
    company: str
    location: str = ""
    communes: list[str] = []
    sector: Slug
    status: ProjectStatus
    status_note: str = ""
    status_as_of: PartialDate = None
    summary: str = ""
    horizon: str = ""
    figures: list[ProjectFigureIn] = []
    key_dates: list[KeyDateIn] = []
    jobs_description: str = ""
    partner: Slug | None = None
    sources: list[Slug] = []
    verified_on: VerifiedOn = None
    editor_note: str = ""


def check_projects(ctx, records):
    communes = known_communes(ctx)
    sources = ctx.known_slugs("sources", Source)
    sectors = ctx.known_slugs("sectors", Sector)
    partners = ctx.known_slugs("partners", Partner)
    for record in records:
        d = record.data
        ctx.check_refs(record, "communes", d.communes, communes, "commune")
        ctx.check_refs(record, "sector", d.sector, sectors, "secteur")
        if d.partner:
            ctx.check_refs(record, "partner", d.partner, partners, "partenaire")
        ctx.check_refs(record, "sources", d.sources, sources, "source")
        ctx.check_refs(
            record, "figures", [f.source for f in d.figures if f.source], sources, "source"
        )
        ctx.check_refs(
            record, "key_dates", [k.source for k in d.key_dates if k.source], sources, "source"
        )
        for figure in d.figures:
            if figure.value_max is not None and figure.value_max < figure.value:
                ctx.error(
                    record, "figures", "la valeur haute (value_max) est inférieure à la valeur"
                )


FIGURE_FIELDS = [
    "kind",
    "value",
    "value_max",
    "as_of",
    "as_of_precision",
    "source_id",
    "note",
    "verified_on",
    "editor_note",
    "order",
]
DATE_FIELDS = [
    "date",
    "date_precision",
    "label",
    "source_id",
    "verified_on",
    "editor_note",
    "order",
]


def apply_projects(ctx, records):
    communes = ctx.lookup(Commune, "insee")
    sources = ctx.lookup(Source)
    sectors = ctx.lookup(Sector)
    partners = ctx.lookup(Partner)

    def source_id(slug):
        return sources[slug].pk if slug else None

    for record in records:
        d = record.data
        status_as_of, status_precision = split_date(d.status_as_of)
        project, changed = ctx.upsert(
            "projets",
            Project,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "name": d.name,
                "company": d.company,
                "location": d.location,
                "sector": sectors[d.sector],
                "status": d.status,
                "status_note": d.status_note,
                "status_as_of": status_as_of,
                "status_as_of_precision": status_precision,
                "summary": d.summary,
                "horizon": d.horizon,
                "jobs_description": d.jobs_description,
                "partner": partners.get(d.partner) if d.partner else None,
                "verified_on": d.verified_on,
                "editor_note": d.editor_note,
            },
            m2m={
                "communes": [communes[c] for c in d.communes],
                "sources": [sources[s] for s in d.sources],
            },
        )
        figures = []
        for order, f in enumerate(d.figures):
            as_of, precision = split_date(f.as_of)
            figures.append(
                {
                    "kind": f.kind,
                    "value": f.value,
                    "value_max": f.value_max,
                    "as_of": as_of,
                    "as_of_precision": precision,
                    "source_id": source_id(f.source),
                    "note": f.note,
                    "verified_on": f.verified_on,
                    "editor_note": f.editor_note,
                    "order": order,
                }
            )
        dates = []
        for order, k in enumerate(d.key_dates):
            date, precision = split_date(k.date)
            dates.append(
                {
                    "date": date,
                    "date_precision": precision,
                    "label": k.label,
                    "source_id": source_id(k.source),
                    "verified_on": k.verified_on,
                    "editor_note": k.editor_note,
                    "order": order,
                }
            )
        children_changed = ctx.replace_children(
            project.figures, ProjectFigure, figures, FIGURE_FIELDS
        )
        children_changed |= ctx.replace_children(project.key_dates, ProjectDate, dates, DATE_FIELDS)
        if children_changed and not changed:
            ctx.report.counts["projets"]["inchangés"] -= 1
            ctx.report.count("projets", "modifiés")


register_section(
    PackSection(
        kind="projects",
        order=50,
        schema=ProjectIn,
        check=check_projects,
        apply=apply_projects,
        export=export_projects,
    )
)


# --- EU visibility: the managing authority's and the beneficiary's marks, the operation -----
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
LOGO_MAX_BYTES = 300_000


def _logo_data(ctx, record, field_name: str, file: str) -> str:
    """The logo file of the pack as a data: URI (CSP allows data: images), or an error."""
    import base64
    from pathlib import Path

    root = Path(ctx.path).resolve()
    path = (root / file).resolve()
    kind = LOGO_TYPES.get(path.suffix.lower())
    if root not in path.parents or not path.is_file():
        ctx.error(record, field_name, f"fichier « {file} » introuvable dans le pack")
        return ""
    if kind is None:
        ctx.error(record, field_name, "un logo est un fichier PNG, JPEG ou SVG")
        return ""
    content = path.read_bytes()
    if len(content) > LOGO_MAX_BYTES:
        ctx.error(record, field_name, f"fichier trop lourd (plus de {LOGO_MAX_BYTES} octets)")
        return ""
    return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def check_visibility(ctx, records):
    visibility = records[0].data.visibility
    if visibility is None:
        return
    for role in ("managing_authority", "beneficiary"):
        mark = getattr(visibility, role)
        if mark and mark.file:
            _logo_data(ctx, records[0], f"visibility.{role}.file", mark.file)


def apply_visibility(ctx, records):
    visibility = records[0].data.visibility
    value = {}
    if visibility is not None:
        for role in ("managing_authority", "beneficiary"):
            mark = getattr(visibility, role)
            if mark:
                value[role] = {"name": mark.name, "alt": mark.alt or mark.name}
                if mark.file:
                    value[role]["file"] = mark.file
                    value[role]["data"] = _logo_data(
                        ctx, records[0], f"visibility.{role}.file", mark.file
                    )
        if visibility.operation:
            value["operation"] = {
                "summary": visibility.operation.summary,
                "aims": list(visibility.operation.aims),
            }
    ctx.upsert("visibilité UE", Territory, {"pk": ctx.territory.pk}, {"eu_visibility": value})
    ctx.territory.eu_visibility = value


def export_visibility(territory) -> dict:
    from .packs.export import compact

    value = territory.eu_visibility or {}
    if not value:
        return {}
    out = {}
    for role in ("managing_authority", "beneficiary"):
        if role in value:
            mark = value[role]
            out[role] = compact(
                {
                    "name": mark["name"],
                    "file": mark.get("file"),
                    "alt": mark["alt"] if mark.get("alt") != mark["name"] else None,
                }
            )
    if value.get("operation"):
        out["operation"] = compact(dict(value["operation"]))
    return {"visibility": out}


register_section(
    PackSection(
        kind="visibility",
        file_kind="territory",
        order=16,
        schema=TerritoryIn,
        many=False,
        check=check_visibility,
        apply=apply_visibility,
        export=export_visibility,
    )
)
