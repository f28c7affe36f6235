"""Pack sections `centres_interet` and `rome`: the part of the ROME referential a pack needs.

The ROME is national: a pack only adds what is missing (origin `pack`) and never modifies an
existing row, so that `import_rome` stays authoritative and loading twice changes nothing.
"""

from typing import Annotated

from pydantic import Field

from espaces.territories.packs.registry import (
    BlankIsNone,
    ListField,
    PackRecord,
    PackSection,
    register_section,
)

from .enums import AppellationClassification, Origin, Riasec, TransitionEco
from .models import CentreInteret, CentreInteretLink, RomeAppellation, RomeFiche

RomeCode = Annotated[str, Field(pattern=r"^[A-N]\d{4}$")]
ROME_ATTRIBUTION = (
    "Source : France Travail, ROME 4.0, Licence Ouverte 2.0 "
    "(https://www.etalab.gouv.fr/licence-ouverte-open-licence/)."
)
CentreCode = Annotated[int, Field(ge=1, le=999)]


# --- centres_interet.yaml ------------------------------------------------------------------
class CentreInteretIn(PackRecord):
    code: CentreCode
    label: Annotated[str, Field(min_length=1, max_length=300)]
    definition: str = ""

    @property
    def slug(self) -> str:  # names the record in error messages
        return str(self.code)


def check_centres(ctx, records):
    seen = set()
    for record in records:
        if record.data.code in seen:
            ctx.error(record, "code", f"centre d'intérêt {record.data.code} en double")
        seen.add(record.data.code)


def apply_centres(ctx, records):
    existing = set(CentreInteret.objects.values_list("code", flat=True))
    new = [
        CentreInteret(code=r.data.code, label=r.data.label, definition=r.data.definition)
        for r in records
        if r.data.code not in existing
    ]
    CentreInteret.objects.bulk_create(new)
    ctx.report.count("centres d'intérêt", "créés", len(new))
    ctx.report.count("centres d'intérêt", "inchangés", len(records) - len(new))


def export_centres(territory) -> list[dict]:
    """Every centre d'intérêt (the questionnaire offers them all), by code."""
    from espaces.territories.packs.export import compact

    return [
        compact({"code": c.code, "label": c.label, "definition": c.definition})
        for c in CentreInteret.objects.order_by("code")
    ]


register_section(
    PackSection(
        kind="centres_interet",
        order=52,
        schema=CentreInteretIn,
        check=check_centres,
        apply=apply_centres,
        has_slug=False,
        export=export_centres,
        export_comment=ROME_ATTRIBUTION,
    )
)


# --- rome.yaml -----------------------------------------------------------------------------
class RomeIn(PackRecord):
    code: RomeCode
    label: Annotated[str, Field(min_length=1, max_length=300)]
    riasec_major: Annotated[Riasec | None, BlankIsNone] = None
    riasec_minor: Annotated[Riasec | None, BlankIsNone] = None
    transition_eco: Annotated[TransitionEco | None, BlankIsNone] = None
    appellations: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=300)]], ListField
    ] = []
    centres_interet: Annotated[list[CentreCode], ListField] = []
    centre_interet_principal: Annotated[CentreCode | None, BlankIsNone] = None

    @property
    def slug(self) -> str:  # names the record in error messages
        return self.code


def known_centres(ctx) -> set[int]:
    """Centre codes of the pack's centres_interet.yaml, plus those already in the database."""
    pack = {r.data.code for r in ctx.records.get("centres_interet", [])}
    return pack | set(CentreInteret.objects.values_list("code", flat=True))


def check_rome(ctx, records):
    centres = known_centres(ctx)
    seen: dict[str, str] = {}
    for record in records:
        d = record.data
        if d.code in seen:
            ctx.error(record, "code", f"code ROME en double (déjà dans {seen[d.code]})")
        seen[d.code] = record.file
        if d.riasec_minor and not d.riasec_major:
            ctx.error(record, "riasec_minor", "lettre mineure sans lettre majeure (riasec_major)")
        doubles = sorted({a for a in d.appellations if d.appellations.count(a) > 1})
        for label in doubles:
            ctx.error(record, "appellations", f"appellation « {label} » en double")
        ctx.check_refs(record, "centres_interet", d.centres_interet, centres, "centre d'intérêt")
        if d.centre_interet_principal and d.centre_interet_principal not in d.centres_interet:
            ctx.error(
                record,
                "centre_interet_principal",
                f"le centre {d.centre_interet_principal} doit aussi figurer dans centres_interet",
            )


def apply_rome(ctx, records):
    codes = [r.data.code for r in records]
    fiches = RomeFiche.objects.in_bulk(codes)
    domains = dict(
        RomeFiche.objects.filter(domain_code__in={c[:3] for c in codes})
        .exclude(domain_label="")
        .values_list("domain_code", "domain_label")
    )
    new_fiches = []
    for record in records:
        d = record.data
        if d.code in fiches:
            continue
        new_fiches.append(
            RomeFiche(
                code=d.code,
                label=d.label,
                riasec_major=d.riasec_major or "",
                riasec_minor=d.riasec_minor or "",
                transition_eco=d.transition_eco or "",
                domain_code=d.code[:3],
                domain_label=domains.get(d.code[:3], ""),
                origin=Origin.PACK,
            )
        )
    RomeFiche.objects.bulk_create(new_fiches)
    ctx.report.count("fiches ROME", "créés", len(new_fiches))
    ctx.report.count("fiches ROME", "inchangés", len(records) - len(new_fiches))

    labels = set(
        RomeAppellation.objects.filter(fiche_id__in=codes).values_list("fiche_id", "label")
    )
    links = set(
        CentreInteretLink.objects.filter(fiche_id__in=codes).values_list("centre_id", "fiche_id")
    )
    new_appellations, new_links = [], []
    appellations_total = links_total = 0
    for record in records:
        d = record.data
        appellations_total += len(d.appellations)
        for label in d.appellations:
            if (d.code, label) not in labels:
                new_appellations.append(
                    RomeAppellation(
                        fiche_id=d.code,
                        label=label,
                        # In the referential the principal appellation bears the fiche's label.
                        classification=AppellationClassification.PRINCIPALE
                        if label == d.label
                        else AppellationClassification.SYNONYME,
                        origin=Origin.PACK,
                    )
                )
        links_total += len(d.centres_interet)
        for centre in d.centres_interet:
            if (centre, d.code) not in links:
                new_links.append(
                    CentreInteretLink(
                        centre_id=centre,
                        fiche_id=d.code,
                        principal=centre == d.centre_interet_principal,
                    )
                )
    RomeAppellation.objects.bulk_create(new_appellations)
    CentreInteretLink.objects.bulk_create(new_links)
    ctx.report.count("appellations ROME", "créés", len(new_appellations))
    ctx.report.count("appellations ROME", "inchangés", appellations_total - len(new_appellations))
    ctx.report.count("liens centres d'intérêt", "créés", len(new_links))
    ctx.report.count("liens centres d'intérêt", "inchangés", links_total - len(new_links))


def export_rome(territory) -> list[dict]:
    """The ROME codes the territory's métiers use, as the database knows them."""
    from espaces.catalogue.models import Metier
    from espaces.territories.packs.export import compact, text_sort_key

    fiches = (
        RomeFiche.objects.filter(metiers__in=Metier.objects.filter(territory=territory))
        .distinct()
        .prefetch_related("appellations", "centre_links")
        .order_by("code")
    )
    out = []
    for fiche in fiches:
        links = sorted(fiche.centre_links.all(), key=lambda link: link.centre_id)
        principal = [link.centre_id for link in links if link.principal]
        out.append(
            compact(
                {
                    "code": fiche.code,
                    "label": fiche.label,
                    "riasec_major": fiche.riasec_major,
                    "riasec_minor": fiche.riasec_minor,
                    "transition_eco": fiche.transition_eco,
                    "centres_interet": [link.centre_id for link in links],
                    "centre_interet_principal": principal[0] if principal else None,
                    "appellations": sorted(
                        {a.label for a in fiche.appellations.all()}, key=text_sort_key
                    ),
                }
            )
        )
    return out


register_section(
    PackSection(
        kind="rome",
        order=55,
        schema=RomeIn,
        check=check_rome,
        apply=apply_rome,
        has_slug=False,
        export=export_rome,
        export_comment=ROME_ATTRIBUTION,
        depends_on=["centres_interet"],
    )
)
