"""Reads of the ROME referential shared by the other apps.

The ROME is national (the same for every territory): these selectors take no territory.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from .enums import AppellationClassification, CoreLevel, Riasec, SkillKind
from .models import (
    CentreInteret,
    RomeAppellation,
    RomeFiche,
    RomeFicheSkill,
    RomeMobility,
    RomeSkill,
    RomeWorkContext,
)


def fiches_by_codes(codes: Iterable[str]) -> dict[str, RomeFiche]:
    """{code: fiche} for the known codes among `codes`, in code order (unknown codes absent)."""
    return {f.code: f for f in RomeFiche.objects.filter(code__in=set(codes)).order_by("code")}


def centres_interet() -> QuerySet[CentreInteret]:
    """The ROME « centres d'intérêt » (30 in ROME 4.0), by code."""
    return CentreInteret.objects.order_by("code")


def appellations_for_codes(codes: Iterable[str]) -> dict[str, list[RomeAppellation]]:
    """{code: appellations} for `codes`, the principal appellation first, then by label.

    Every requested code is a key (an empty list when the code has no appellation).
    """
    wanted = sorted(set(codes))
    result: dict[str, list[RomeAppellation]] = {code: [] for code in wanted}
    principal_first = Case(
        When(classification=AppellationClassification.PRINCIPALE, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    for appellation in RomeAppellation.objects.filter(fiche_id__in=wanted).order_by(
        "fiche_id", principal_first, "label", "pk"
    ):
        result[appellation.fiche_id].append(appellation)
    return result


# --- the national fiche pages and the orientation bridges ----------------------------------
@dataclass
class FicheDetail:
    """Everything the national page and `GET /api/v1/rome/{code}` show about one fiche."""

    fiche: RomeFiche
    appellations: list[RomeAppellation]
    contexts: dict[str, list[str]]  # type label → context labels, by type then label
    savoir_faire: list[RomeSkill]  # core skills (« cœur de métier ») first
    savoir_etre: list[RomeSkill]
    savoirs: list[RomeSkill]
    centres: list[CentreInteret]  # the principal one first
    mobilities: list[RomeFiche]  # by the referential's order (closest first)

    @property
    def definition_lines(self) -> list[str]:
        return [line for line in self.fiche.definition.split("\n") if line]

    @property
    def access_lines(self) -> list[str]:
        return [line for line in self.fiche.access.split("\n") if line]

    @property
    def riasec_labels(self) -> list[str]:
        return [str(Riasec(letter).label) for letter in self.fiche.riasec if letter]


def fiche_detail(code: str) -> FicheDetail | None:
    """One fiche with its texts, contexts, skills, centres and mobilities (7 queries), or None."""
    fiche = RomeFiche.objects.filter(code=code).first()
    if fiche is None:
        return None
    contexts: dict[str, list[str]] = {}
    for context in RomeWorkContext.objects.filter(fiche_links__fiche=fiche).order_by(
        "type_code", "label"
    ):
        contexts.setdefault(context.get_type_code_display(), []).append(context.label)
    core_first = Case(
        When(fiche_links__core=CoreLevel.PRINCIPALE, then=Value(0)),
        When(fiche_links__core=CoreLevel.EMERGENTE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    skills: dict[str, list[RomeSkill]] = {kind: [] for kind in SkillKind.values}
    for skill in (
        RomeSkill.objects.filter(fiche_links__fiche=fiche)
        .annotate(rank=core_first, core=F("fiche_links__core"))
        .order_by("rank", "label")
    ):
        skills[skill.kind].append(skill)
    centres = list(
        CentreInteret.objects.filter(links__fiche=fiche)
        .annotate(principal=F("links__principal"))
        .order_by("-principal", "code")
    )
    mobilities = list(
        RomeFiche.objects.filter(mobilities_in__source=fiche)
        .annotate(order=F("mobilities_in__order"))
        .order_by("order", "code")
    )
    return FicheDetail(
        fiche=fiche,
        appellations=appellations_for_codes([code])[code],
        contexts=contexts,
        savoir_faire=skills[SkillKind.SAVOIR_FAIRE],
        savoir_etre=skills[SkillKind.SAVOIR_ETRE],
        savoirs=skills[SkillKind.SAVOIR],
        centres=centres,
        mobilities=mobilities,
    )


def skill_codes_by_fiche(
    codes: Iterable[str], kinds: Iterable[str] = (SkillKind.SAVOIR_FAIRE, SkillKind.SAVOIR)
) -> dict[str, set[str]]:
    """{fiche code: OGR codes of its skills of `kinds`} in one query (every code is a key):
    compare two fiches' skills (shared / missing) for career bridges."""
    wanted = set(codes)
    result: dict[str, set[str]] = {code: set() for code in wanted}
    for code, skill in RomeFicheSkill.objects.filter(
        fiche_id__in=wanted, skill__kind__in=list(kinds)
    ).values_list("fiche_id", "skill_id"):
        result[code].add(skill)
    return result


def mobilities_by_fiche(codes: Iterable[str]) -> dict[str, list[tuple[str, int]]]:
    """{fiche code: [(target code, order)…]} closest first, in one query (every code a key)."""
    wanted = set(codes)
    result: dict[str, list[tuple[str, int]]] = {code: [] for code in wanted}
    for source, target, order in (
        RomeMobility.objects.filter(source_id__in=wanted)
        .order_by("source_id", "order", "target_id")
        .values_list("source_id", "target_id", "order")
    ):
        result[source].append((target, order))
    return result


@dataclass(frozen=True)
class ReleaseInfo:
    version: str
    edition: str
    released: str  # ISO date

    @property
    def attribution(self) -> str:
        """« Source : France Travail, ROME 4.0 (version 460, 25M09 du 18/09/2025) »."""
        parts = [f"version {self.version}"] if self.version else []
        if self.edition:
            parts.append(self.edition)
        if self.released:
            y, m, d = self.released.split("-")
            parts[-1] += f" du {d}/{m}/{y}"
        suffix = f" ({', '.join(parts)})" if parts else ""
        return f"Source : France Travail, ROME 4.0{suffix}, Licence Ouverte 2.0"


def rome_release() -> ReleaseInfo:
    """The version of the shipped dataset (data/rome/release.json), read once."""
    global _RELEASE
    if _RELEASE is None:
        import json

        from django.conf import settings

        try:
            data = json.loads((settings.ROME_DATASET_DIR / "release.json").read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        _RELEASE = ReleaseInfo(
            version=data.get("version", ""),
            edition=data.get("edition", ""),
            released=data.get("released", ""),
        )
    return _RELEASE


_RELEASE: ReleaseInfo | None = None
