"""Pack section `visit_options` (visit_options.yaml): the channels and purposes of visits."""

from typing import Annotated

from pydantic import Field

from espaces.territories.models import Site
from espaces.territories.pack import Slug
from espaces.territories.packs.errors import PackError
from espaces.territories.packs.registry import PackRecord, PackSection, register_section

from .enums import OptionKind
from .models import VisitOption

OptionSlug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=50)]


class VisitOptionIn(PackRecord):
    slug: OptionSlug
    label: Annotated[str, Field(min_length=1, max_length=100)]
    sites: list[Slug] = []


class VisitOptionsIn(PackRecord):
    channels: list[VisitOptionIn] = []
    purposes: list[VisitOptionIn] = []


FIELDS = {OptionKind.CHANNEL: "channels", OptionKind.PURPOSE: "purposes"}


def _item_line(record, field_name: str, index: int) -> int | None:
    items = record.raw.get(field_name) or []
    if index < len(items) and isinstance(items[index], dict):
        return items[index].get("__line__") or record.line_for(field_name)
    return record.line_for(field_name)


def check_visit_options(ctx, records):
    record = records[0]
    sites = ctx.known_slugs("sites", Site)
    for field_name in FIELDS.values():
        seen = set()
        for index, option in enumerate(getattr(record.data, field_name)):
            line = _item_line(record, field_name, index)
            if option.slug in seen:
                ctx.errors.append(
                    PackError(
                        file=record.file,
                        line=line,
                        record=option.slug,
                        field=field_name,
                        message="identifiant en double",
                    )
                )
            seen.add(option.slug)
            for site in option.sites:
                if site not in sites:
                    ctx.errors.append(
                        PackError(
                            file=record.file,
                            line=line,
                            record=option.slug,
                            field=f"{field_name}.sites",
                            message=(
                                f"espace « {site} » inconnu. Valeurs permises : "
                                f"{', '.join(sorted(sites)) or 'aucune'}."
                            ),
                        )
                    )


def apply_visit_options(ctx, records):
    data = records[0].data
    sites = ctx.lookup(Site)
    for kind, field_name in FIELDS.items():
        for order, option in enumerate(getattr(data, field_name)):
            ctx.upsert(
                "canaux et motifs de visite",
                VisitOption,
                {"territory": ctx.territory, "kind": kind, "slug": option.slug},
                {"label": option.label, "order": order},
                m2m={"sites": [sites[s] for s in option.sites]},
            )


def export_visit_options(territory) -> dict:
    from espaces.territories.packs.export import compact, slugs

    options = (
        VisitOption.objects.filter(territory=territory)
        .prefetch_related("sites")
        .order_by("kind", "order", "pk")
    )
    content = {field_name: [] for field_name in FIELDS.values()}
    for option in options:
        content[FIELDS[option.kind]].append(
            compact(
                {"slug": option.slug, "label": option.label, "sites": slugs(option.sites.all())}
            )
        )
    return compact(content)


register_section(
    PackSection(
        kind="visit_options",
        order=90,
        schema=VisitOptionsIn,
        many=False,
        has_slug=False,
        check=check_visit_options,
        apply=apply_visit_options,
        export=export_visit_options,
    )
)
