"""Pack sections of the events domain: `event_types` and `schools` (docs/packs.md)."""

from typing import Annotated

from pydantic import Field

from espaces.territories.models import Commune, PhotoSubject
from espaces.territories.pack import (
    PhotoIn,
    Slug,
    apply_photo,
    check_photo,
    export_photo,
    known_communes,
)
from espaces.territories.packs.registry import PackRecord, PackSection, register_section
from espaces.territories.packs.translations import (
    TranslationsIn,
    check_translations,
    stored_translations,
)

from .enums import EventKind, SchoolKind
from .models import EventType, School


# --- event types -----------------------------------------------------------------------------
class EventTypeIn(PackRecord):
    slug: Slug
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: EventKind
    description: str = ""
    default_capacity: Annotated[int, Field(ge=1, le=10000)] = 12
    default_duration_minutes: Annotated[int, Field(ge=5, le=24 * 60)] = 120
    waitlist_enabled: bool = True
    translations: TranslationsIn = {}
    photo: PhotoIn | None = None


def check_event_types(ctx, records):
    for record in records:
        check_photo(ctx, record)
        check_translations(ctx, record, EventType.TRANSLATABLE_FIELDS)


def apply_event_types(ctx, records):
    for record in records:
        d = record.data
        ctx.upsert(
            "types d'événements",
            EventType,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "name": d.name,
                "kind": d.kind,
                "description": d.description,
                "default_capacity": d.default_capacity,
                "default_duration_minutes": d.default_duration_minutes,
                "waitlist_enabled": d.waitlist_enabled,
                "translations": stored_translations(d.translations, EventType.TRANSLATABLE_FIELDS),
            },
        )
        apply_photo(ctx, subject=PhotoSubject.EVENT_TYPE, slug=d.slug, photo=d.photo)


def export_event_types(territory) -> list[dict]:
    from espaces.territories.packs.export import compact

    return [
        compact(
            {
                "slug": t.slug,
                "name": t.name,
                "kind": t.kind,
                "description": t.description,
                "default_capacity": t.default_capacity,
                "default_duration_minutes": t.default_duration_minutes,
                "waitlist_enabled": t.waitlist_enabled,
                "translations": stored_translations(t.translations, EventType.TRANSLATABLE_FIELDS),
                "photo": export_photo(territory, subject=PhotoSubject.EVENT_TYPE, slug=t.slug),
            }
        )
        for t in EventType.objects.filter(territory=territory).order_by("slug")
    ]


register_section(
    PackSection(
        kind="event_types",
        order=80,
        schema=EventTypeIn,
        check=check_event_types,
        apply=apply_event_types,
        export=export_event_types,
    )
)


# --- schools ---------------------------------------------------------------------------------
class SchoolIn(PackRecord):
    uai: Annotated[str, Field(pattern=r"^\d{7}[A-Z]$")]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    commune: Annotated[str, Field(pattern=r"^\w{5}$")] | None = None
    kind: SchoolKind = SchoolKind.LYCEE


def check_schools(ctx, records):
    communes = known_communes(ctx)
    seen: dict[str, int | None] = {}
    for record in records:
        d = record.data
        if d.uai in seen:
            ctx.error(
                record,
                "uai",
                f"code UAI {d.uai} en double (déjà utilisé ligne {seen[d.uai]})",
            )
        seen.setdefault(d.uai, record.line)
        if d.commune:
            ctx.check_refs(record, "commune", d.commune, communes, "commune")


def apply_schools(ctx, records):
    communes = ctx.lookup(Commune, "insee")
    for record in records:
        d = record.data
        ctx.upsert(
            "établissements scolaires",
            School,
            {"territory": ctx.territory, "uai": d.uai},
            {"name": d.name, "kind": d.kind, "commune": communes.get(d.commune)},
        )


def export_schools(territory) -> list[dict]:
    """Every school of the territory, those of the pack and those the team added, by UAI."""
    from espaces.territories.packs.export import compact

    schools = School.objects.filter(territory=territory).select_related("commune").order_by("uai")
    return [
        compact(
            {
                "uai": s.uai,
                "name": s.name,
                "commune": s.commune.insee if s.commune else None,
                "kind": s.kind,
            }
        )
        for s in schools
    ]


register_section(
    PackSection(
        kind="schools",
        order=85,
        schema=SchoolIn,
        check=check_schools,
        apply=apply_schools,
        export=export_schools,
        has_slug=False,
    )
)
