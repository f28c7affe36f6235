"""Pack section `metiers` (metiers.yaml, metiers-*.yaml): the territory's job sheets."""

import re
from typing import Annotated

from django.utils import timezone
from pydantic import Field, HttpUrl, field_validator

from espaces.rome.models import RomeFiche
from espaces.territories.models import Partner, PhotoSubject, Project, Sector, Source
from espaces.territories.pack import (
    PhotoIn,
    Slug,
    apply_photo,
    check_photo,
    export_photo,
    split_date,
)
from espaces.territories.packs.errors import PackError
from espaces.territories.packs.reading import line_of
from espaces.territories.packs.registry import (
    BlankIsNone,
    PackRecord,
    PackSection,
    PartialDate,
    register_section,
)
from espaces.territories.packs.translations import (
    TranslationsIn,
    check_translations,
    stored_translations,
)

from .conditions import contradictions, rome_conditions
from .enums import Condition, EntryLevel, Funding, SalaryBasis, SalaryPeriod
from .models import Metier, MetierCondition, MetierProject, MetierRevision, RoleModel, Training

MIN_SUMMARY_WORDS = 80
RomeCode = Annotated[str, Field(pattern=r"^[A-Z]\d{4}$")]
Text = Annotated[str, Field(min_length=1)]


def word_count(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+", text))


class TrainingIn(PackRecord):
    title: Text
    body: str = ""
    duration: str = ""
    level: EntryLevel | None = None
    funding: list[Funding] = []
    url: Annotated[HttpUrl | None, BlankIsNone] = None
    note: str = ""


class SalaryIn(PackRecord):
    min: Annotated[int, Field(ge=0)]
    max: Annotated[int, Field(ge=0)] | None = None
    period: SalaryPeriod = SalaryPeriod.MOIS
    basis: SalaryBasis = SalaryBasis.BRUT
    source: Slug
    as_of: PartialDate


class ProjectLinkIn(PackRecord):
    project: Slug
    note: str = ""


class RoleModelIn(PackRecord):
    name: Text
    text: Text
    illustrative: bool = True


class MetierIn(PackRecord):
    slug: Slug
    title: Annotated[str, Field(min_length=3, max_length=200)]
    rome_codes: Annotated[list[RomeCode], Field(min_length=1)]
    sectors: Annotated[list[Slug], Field(min_length=1)]
    summary: str
    day_tasks: Annotated[list[Text], Field(min_length=3, max_length=6)]
    likes: list[Text] = []
    hard: list[Text] = []
    conditions: list[Condition] = []
    # Why a condition differs from the sheet's ROME work contexts (catalogue/conditions.py).
    conditions_reasons: dict[Condition, Text] = {}
    entry_level: EntryLevel
    open_without_diploma: bool = False
    short_training_months: Annotated[int, Field(ge=1, le=48)] | None = None
    trainings: list[TrainingIn] = []
    salary: SalaryIn | None = None
    projects: list[ProjectLinkIn] = []
    employers: list[Slug] = []
    keywords: list[Text] = []
    role_models: list[RoleModelIn] = []
    reviewed_on: PartialDate = None
    # Staff only, never shown publicly: what is left to check, sources read, open questions.
    editor_note: str = ""
    translations: TranslationsIn = {}
    photo: PhotoIn | None = None

    @field_validator("summary")
    @classmethod
    def summary_is_long_enough(cls, value: str) -> str:
        words = word_count(value)
        if words < MIN_SUMMARY_WORDS:
            raise ValueError(
                f"présentation trop courte : {words} mots, il en faut {MIN_SUMMARY_WORDS} au "
                "moins (phrases courtes, en langage simple)"
            )
        return value


def error_at(ctx, record, field_name: str, loc: tuple, message: str) -> None:
    """An error on `field_name`, located on the line of the item at `loc` (e.g. a project)."""
    ctx.errors.append(
        PackError(
            file=record.file,
            line=line_of(record.raw, loc) or record.line,
            record=record.slug,
            field=field_name,
            message=message,
        )
    )


def known_rome_codes(ctx, wanted: set[str]) -> set[str]:
    """Codes of the pack's rome.yaml plus those already in the referential."""
    pack = {getattr(r.data, "code", None) for r in ctx.records.get("rome", [])}
    db = set(RomeFiche.objects.filter(code__in=wanted).values_list("code", flat=True))
    return (pack | db) - {None}


def check_conditions(ctx, records) -> None:
    """A sheet whose checked conditions differ from its ROME work contexts needs a reason."""
    by_code = rome_conditions({code for r in records for code in r.data.rome_codes})
    report = ctx.error if ctx.strict_conditions else ctx.warn
    for record in records:
        d = record.data
        for found in contradictions(d.conditions, d.conditions_reasons, d.rome_codes, by_code):
            report(record, "conditions", found.message())


def check_metiers(ctx, records):
    wanted = {code for r in records for code in r.data.rome_codes}
    rome = known_rome_codes(ctx, wanted)
    check_conditions(ctx, records)
    sectors = ctx.known_slugs("sectors", Sector)
    projects = ctx.known_slugs("projects", Project)
    partners = ctx.known_slugs("partners", Partner)
    sources = ctx.known_slugs("sources", Source)
    for record in records:
        d = record.data
        check_photo(ctx, record)
        for code in d.rome_codes:
            if code not in rome:
                ctx.error(
                    record,
                    "rome_codes",
                    f"code ROME « {code} » inconnu : ajoutez-le dans rome.yaml (code, libellé, "
                    "appellations) ou importez le référentiel (espaces import_rome).",
                )
        for name, values in (
            ("rome_codes", d.rome_codes),
            ("sectors", d.sectors),
            ("conditions", d.conditions),
            ("employers", d.employers),
            ("projects", [p.project for p in d.projects]),
        ):
            doubles = sorted({v for v in values if values.count(v) > 1})
            if doubles:
                ctx.error(record, name, f"valeur en double : {', '.join(doubles)}")
        for sector in d.sectors:
            if sector not in sectors:
                ctx.error(
                    record,
                    "sectors",
                    f"secteur « {sector} » inconnu : il doit figurer dans sectors.yaml. "
                    f"Secteurs connus : {', '.join(sorted(sectors)) or 'aucun'}.",
                )
        for index, link in enumerate(d.projects):
            if link.project not in projects:
                error_at(
                    ctx,
                    record,
                    "projects",
                    ("projects", index, "project"),
                    f"projet « {link.project} » inconnu : il doit figurer dans projects.yaml. "
                    f"Projets connus : {', '.join(sorted(projects)) or 'aucun'}.",
                )
        ctx.check_refs(record, "employers", d.employers, partners, "partenaire")
        if d.salary:
            if d.salary.source not in sources:
                error_at(
                    ctx,
                    record,
                    "salary.source",
                    ("salary", "source"),
                    f"source « {d.salary.source} » inconnue : elle doit figurer dans "
                    "sources.yaml (un salaire n'est affiché qu'avec sa source).",
                )
            if d.salary.max is not None and d.salary.max < d.salary.min:
                ctx.error(record, "salary", "le salaire maximum est inférieur au minimum")
        if d.short_training_months and not d.open_without_diploma:
            ctx.error(
                record,
                "short_training_months",
                "indiquez open_without_diploma: true quand une formation courte ouvre le métier",
            )
        check_translations(ctx, record, Metier.TRANSLATABLE_FIELDS)


TRAINING_FIELDS = ["title", "body", "duration", "level", "funding", "url", "note", "order"]
PROJECT_FIELDS = ["project_id", "note", "order"]
CONDITION_FIELDS = ["condition", "order"]
ROLE_MODEL_FIELDS = ["name", "text", "illustrative", "order"]


def metier_values(d, sources) -> dict:
    salary = d.salary
    as_of, precision = split_date(salary.as_of) if salary else (None, "day")
    reviewed_on, _ = split_date(d.reviewed_on)
    return {
        "title": d.title,
        "summary": d.summary,
        "day_tasks": list(d.day_tasks),
        "likes": list(d.likes),
        "hard": list(d.hard),
        "entry_level": d.entry_level,
        "open_without_diploma": d.open_without_diploma,
        "short_training_months": d.short_training_months,
        "keywords": list(d.keywords),
        "conditions_reasons": {str(k): v for k, v in d.conditions_reasons.items()},
        "reviewed_on": reviewed_on,
        "editor_note": d.editor_note,
        "salary_min": salary.min if salary else None,
        "salary_max": salary.max if salary else None,
        "salary_period": salary.period if salary else "",
        "salary_basis": salary.basis if salary else "",
        "salary_source": sources[salary.source] if salary else None,
        "salary_as_of": as_of,
        "salary_as_of_precision": precision,
        "translations": stored_translations(d.translations, Metier.TRANSLATABLE_FIELDS),
    }


def apply_metiers(ctx, records):
    sectors = ctx.lookup(Sector)
    partners = ctx.lookup(Partner)
    projects = ctx.lookup(Project)
    sources = ctx.lookup(Source)
    codes = {code for r in records for code in r.data.rome_codes}
    fiches = RomeFiche.objects.in_bulk(list(codes))
    existing = set(Metier.objects.filter(territory=ctx.territory).values_list("slug", flat=True))
    for record in records:
        d = record.data
        metier, changed = ctx.upsert(
            "métiers",
            Metier,
            {"territory": ctx.territory, "slug": d.slug},
            metier_values(d, sources),
            m2m={
                "rome_fiches": [fiches[c] for c in d.rome_codes],
                "sectors": [sectors[s] for s in d.sectors],
                "employers": [partners[p] for p in d.employers],
            },
        )
        apply_photo(ctx, subject=PhotoSubject.METIER, slug=d.slug, photo=d.photo)
        children = ctx.replace_children(
            metier.conditions,
            MetierCondition,
            [{"condition": c, "order": i} for i, c in enumerate(d.conditions)],
            CONDITION_FIELDS,
        )
        children |= ctx.replace_children(
            metier.trainings,
            Training,
            [
                {
                    "title": t.title,
                    "body": t.body,
                    "duration": t.duration,
                    "level": t.level or "",
                    "funding": list(t.funding),
                    "url": str(t.url) if t.url else "",
                    "note": t.note,
                    "order": i,
                }
                for i, t in enumerate(d.trainings)
            ],
            TRAINING_FIELDS,
        )
        children |= ctx.replace_children(
            metier.project_links,
            MetierProject,
            [
                {"project_id": projects[p.project].pk, "note": p.note, "order": i}
                for i, p in enumerate(d.projects)
            ],
            PROJECT_FIELDS,
        )
        children |= ctx.replace_children(
            metier.role_models,
            RoleModel,
            [
                {"name": r.name, "text": r.text, "illustrative": r.illustrative, "order": i}
                for i, r in enumerate(d.role_models)
            ],
            ROLE_MODEL_FIELDS,
        )
        if children and not changed:
            ctx.report.counts["métiers"]["inchangés"] -= 1
            ctx.report.count("métiers", "modifiés")
        if changed or children:
            # Related rows changed: bump the sheet so that the search index is rebuilt.
            Metier.objects.filter(pk=metier.pk).update(updated_at=timezone.now())
            MetierRevision.objects.create(
                metier=metier,
                origin="pack",
                message=f"{'Mise à jour' if d.slug in existing else 'Créée'} par le chargement du pack "
                f"({record.file})",
            )


def export_metiers(territory) -> list[dict]:
    """The territory's job sheets, by slug, with their child rows in their order."""
    from espaces.territories.packs.export import compact, partial_date, slugs

    metiers = (
        Metier.objects.filter(territory=territory)
        .select_related("salary_source")
        .prefetch_related(
            "rome_fiches",
            "sectors",
            "employers",
            "conditions",
            "trainings",
            "project_links__project",
            "role_models",
        )
        .order_by("slug")
    )
    out = []
    for m in metiers:
        salary = None
        if m.salary_min is not None and m.salary_source_id:
            salary = compact(
                {
                    "min": m.salary_min,
                    "max": m.salary_max,
                    "period": m.salary_period,
                    "basis": m.salary_basis,
                    "source": m.salary_source.slug,
                    "as_of": partial_date(m.salary_as_of, m.salary_as_of_precision),
                }
            )
        out.append(
            compact(
                {
                    "slug": m.slug,
                    "title": m.title,
                    "rome_codes": sorted(f.code for f in m.rome_fiches.all()),
                    "sectors": slugs(m.sectors.all()),
                    "summary": m.summary,
                    "day_tasks": list(m.day_tasks),
                    "likes": list(m.likes),
                    "hard": list(m.hard),
                    "conditions": [c.condition for c in m.conditions.all()],
                    "conditions_reasons": dict(m.conditions_reasons),
                    "entry_level": m.entry_level,
                    "open_without_diploma": m.open_without_diploma,
                    "short_training_months": m.short_training_months,
                    "trainings": [
                        compact(
                            {
                                "title": t.title,
                                "body": t.body,
                                "duration": t.duration,
                                "level": t.level,
                                "funding": list(t.funding),
                                "url": t.url,
                                "note": t.note,
                            }
                        )
                        for t in m.trainings.all()
                    ],
                    "salary": salary,
                    "projects": [
                        compact({"project": link.project.slug, "note": link.note})
                        for link in m.project_links.all()
                    ],
                    "employers": slugs(m.employers.all()),
                    "keywords": list(m.keywords),
                    "role_models": [
                        {"name": r.name, "text": r.text, "illustrative": r.illustrative}
                        for r in m.role_models.all()
                    ],
                    "reviewed_on": m.reviewed_on,
                    "editor_note": m.editor_note,
                    "translations": stored_translations(m.translations, Metier.TRANSLATABLE_FIELDS),
                    "photo": export_photo(territory, subject=PhotoSubject.METIER, slug=m.slug),
                }
            )
        )
    return out


register_section(
    PackSection(
        kind="metiers",
        order=60,
        schema=MetierIn,
        check=check_metiers,
        apply=apply_metiers,
        export=export_metiers,
        depends_on=["sectors", "partners", "projects", "rome"],
    )
)
