"""Reads of the catalogue; every one takes the territory it is scoped to."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, QuerySet

from espaces.rome.models import RomeAppellation, RomeFiche
from espaces.territories.enums import FigureKind, ProjectStatus
from espaces.territories.models import Project, ProjectFigure, Sector, Territory

from . import search
from .enums import Condition, EntryLevel, Sort
from .models import Metier, MetierProject, MetierRevision


def metiers_for(*, territory: Territory) -> QuerySet:
    """Job sheets with what list cards show (sectors, conditions, ROME codes)."""
    return Metier.objects.filter(territory=territory).prefetch_related(
        "sectors", "conditions", "rome_fiches"
    )


def metier_detail(*, territory: Territory, slug: str) -> Metier | None:
    """One sheet with everything its page shows, or None."""
    return (
        Metier.objects.filter(territory=territory, slug=slug)
        .select_related("salary_source")
        .prefetch_related(
            "sectors",
            "conditions",
            "trainings",
            "role_models",
            "employers",
            Prefetch(
                "rome_fiches",
                queryset=RomeFiche.objects.prefetch_related(
                    Prefetch("appellations", queryset=RomeAppellation.objects.order_by("label"))
                ),
            ),
            Prefetch(
                "project_links",
                queryset=MetierProject.objects.select_related("project", "project__sector")
                .prefetch_related(
                    Prefetch(
                        "project__figures", queryset=ProjectFigure.objects.select_related("source")
                    )
                )
                .order_by("order", "pk"),
            ),
        )
        .first()
    )


def metiers_by_slugs(*, territory: Territory, slugs: list[str]) -> list[Metier]:
    """Sheets for the compare page, in the order asked, with what the page shows."""
    found = {
        m.slug: m
        for m in Metier.objects.filter(territory=territory, slug__in=slugs)
        .select_related("salary_source")
        .prefetch_related(
            "sectors",
            "conditions",
            "trainings",
            "rome_fiches",
            Prefetch(
                "project_links",
                queryset=MetierProject.objects.select_related("project").order_by("order", "pk"),
            ),
        )
    }
    return [found[s] for s in slugs if s in found]


def active_project_jobs(*, territory: Territory) -> dict[int, object | None]:
    """{pk of each project not suspended: its latest direct-jobs figure, else its latest
    operation-jobs figure, else None}."""
    figures = ProjectFigure.objects.filter(
        kind__in=[FigureKind.DIRECT_JOBS, FigureKind.OPERATION_JOBS]
    ).only("pk", "project_id", "kind", "value", "as_of", "order")
    projects = (
        Project.objects.filter(territory=territory)
        .exclude(status=ProjectStatus.SUSPENDU)
        .only("pk", "status")
        .prefetch_related(Prefetch("figures", queryset=figures.order_by("order")))
    )
    return {p.pk: p.headline_direct_jobs or p.headline_operation_jobs for p in projects}


def recruiting_volumes(*, territory: Territory) -> tuple[dict[int, int], dict[int, int]]:
    """Per sheet: the jobs announced by the active projects recruiting it, and how many
    such projects there are (used by the « most recruited first » sort)."""
    figures = active_project_jobs(territory=territory)
    volumes: dict[int, int] = defaultdict(int)
    counts: dict[int, int] = defaultdict(int)
    links = MetierProject.objects.filter(metier__territory=territory).values_list(
        "metier_id", "project_id"
    )
    for metier_id, project_id in links:
        if project_id in figures:
            counts[metier_id] += 1
            if figures[project_id] is not None:
                volumes[metier_id] += figures[project_id].value
    return volumes, counts


@dataclass
class CatalogueFilters:
    q: str = ""
    sectors: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    no_diploma: bool = False
    avoid: list[str] = field(default_factory=list)
    recruiting: bool = False
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        if self.sort in Sort.values and not (self.sort == Sort.PERTINENCE and not self.q):
            return self.sort
        return Sort.PERTINENCE if self.q else Sort.RECRUTEMENTS

    @property
    def is_active(self) -> bool:
        return bool(
            self.q
            or self.sectors
            or self.levels
            or self.no_diploma
            or self.avoid
            or self.recruiting
        )

    @property
    def is_active_besides_query(self) -> bool:
        return bool(self.sectors or self.levels or self.no_diploma or self.avoid or self.recruiting)

    @classmethod
    def from_query(cls, params, *, sector_slugs: set[str]) -> tuple[CatalogueFilters, list[str]]:
        """Filters from GET parameters; unknown values are dropped and reported (in French)."""
        ignored = []

        def choices(name, allowed):
            values = []
            for value in params.getlist(name):
                if value in allowed:
                    if value not in values:
                        values.append(value)
                elif value and value not in ignored:
                    ignored.append(value)
            return values

        def flag(name):
            return params.get(name, "").lower() in ("1", "true", "on", "oui")

        filters = cls(
            q=" ".join(params.get("q", "").split())[:200],
            sectors=choices("secteur", sector_slugs),
            levels=choices("niveau", set(EntryLevel.values)),
            no_diploma=flag("sans_diplome"),
            avoid=choices("eviter", set(Condition.values)),
            recruiting=flag("recrute"),
            sort=params.get("tri", "") if params.get("tri", "") in Sort.values else "",
        )
        return filters, ignored


@dataclass
class CatalogueResult:
    pks: list[int]  # every matching sheet, in display order
    query_matched: bool  # False when a query found nothing (then `suggestions`)
    suggestions: list[Metier]
    volumes: dict[int, int]
    counts: dict[int, int]
    # National ROME fiches matching every word of the query, after the local sheets (only
    # with a query and no other filter: national fiches have no sector, level or conditions).
    national: list[RomeFiche] = field(default_factory=list)
    # True when no local sheet matches every word: the national fiches are shown first.
    national_first: bool = False

    @property
    def count(self) -> int:
        return len(self.pks)


def filtered_metiers(*, territory: Territory, filters: CatalogueFilters) -> QuerySet:
    """Sheets matching the filters other than the text query, in the database."""
    qs = Metier.objects.filter(territory=territory)
    if filters.sectors:
        qs = qs.filter(
            pk__in=Metier.sectors.through.objects.filter(
                sector__territory=territory, sector__slug__in=filters.sectors
            ).values("metier_id")
        )
    if filters.levels:
        qs = qs.filter(entry_level__in=filters.levels)
    if filters.no_diploma:
        qs = qs.filter(open_without_diploma=True)
    if filters.avoid:
        qs = qs.exclude(conditions__condition__in=filters.avoid)
    if filters.recruiting:
        qs = qs.filter(
            pk__in=MetierProject.objects.exclude(project__status=ProjectStatus.SUSPENDU).values(
                "metier_id"
            )
        )
    return qs


def catalogue_search(*, territory: Territory, filters: CatalogueFilters) -> CatalogueResult:
    """The catalogue page's list: filtered in the database, searched and ranked in memory."""
    rows = list(filtered_metiers(territory=territory, filters=filters).values_list("pk", "title"))
    titles = dict(rows)
    volumes, counts = recruiting_volumes(territory=territory)
    suggestions: list[Metier] = []
    query_matched = True
    sort = filters.effective_sort
    national: list[RomeFiche] = []
    national_first = False
    if filters.q:
        hits = search.search_metiers(territory=territory, query=filters.q)
        rank = {h.key: i for i, h in enumerate(hits) if h.key in titles}
        pks = sorted(rank, key=rank.get)
        if not filters.is_active_besides_query:
            national = national_matches(territory=territory, query=filters.q, local_pks=pks)
        national_first = bool(national) and not any(
            h.matched == h.terms for h in hits if h.key in titles
        )
        if not hits and not national:
            query_matched = False
            closest = search.closest_metiers(territory=territory, query=filters.q, limit=6)
            by_pk = metiers_for(territory=territory).in_bulk(closest)
            suggestions = [by_pk[pk] for pk in closest if pk in by_pk]
    else:
        pks = list(titles)
    if sort == Sort.ALPHA:
        pks.sort(key=lambda pk: search.fold(titles[pk]))
    elif sort == Sort.RECRUTEMENTS:
        pks.sort(key=lambda pk: (-volumes.get(pk, 0), -counts.get(pk, 0), search.fold(titles[pk])))
    return CatalogueResult(
        pks=pks,
        query_matched=query_matched,
        suggestions=suggestions,
        volumes=volumes,
        counts=counts,
        national=national,
        national_first=national_first,
    )


NATIONAL_LIMIT = 10


def national_matches(
    *, territory: Territory, query: str, local_pks: list[int], limit: int = NATIONAL_LIMIT
) -> list[RomeFiche]:
    """National fiches matching every word of `query`, best first, without the ROME codes of
    the territory's sheets already found (`local_pks`): those sheets link to them."""
    hits = search.search_rome(query, limit=limit, exclude=search.rome_codes_of(local_pks))
    found = RomeFiche.objects.only("code", "label", "domain_label").in_bulk([h.key for h in hits])
    return [found[h.key] for h in hits if h.key in found]


def metiers_page(*, territory: Territory, pks: list[int]) -> list[Metier]:
    """The sheets of one page, in the order of `pks`."""
    found = (
        Metier.objects.filter(territory=territory)
        .only(
            "pk",
            "slug",
            "title",
            "summary",
            "entry_level",
            "open_without_diploma",
            "translations",
        )
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.only("pk", "name", "slug")))
        .in_bulk(pks)
    )
    return [found[pk] for pk in pks if pk in found]


def sectors_with_metiers(*, territory: Territory) -> QuerySet:
    return Sector.objects.filter(territory=territory, metiers__isnull=False).distinct()


def metiers_to_review(*, territory: Territory, today: dt.date) -> QuerySet:
    """Sheets never reviewed, then those reviewed more than 12 months ago, oldest first."""
    return (
        Metier.objects.filter(territory=territory)
        .to_review(today=today)
        .order_by(F("reviewed_on").asc(nulls_first=True), "title")
        .prefetch_related("sectors")
    )


def metier_revisions(*, metier: Metier) -> QuerySet:
    return MetierRevision.objects.filter(metier=metier).select_related("user")


# --- national ROME fiches ----------------------------------------------------------------------
@dataclass
class NationalFiche:
    """A national ROME fiche as the territory's public page shows it: the national data (the
    same for every territory) plus the current territory's sheets and services."""

    detail: object  # espaces.rome.selectors.FicheDetail
    territory: Territory
    local_sheets: list[Metier]  # the territory's sheets with this ROME code
    local_by_code: dict[str, list[Metier]]  # the territory's sheets of each mobility target
    conditions: list[str]  # sheet conditions implied by the ROME work contexts

    @property
    def code(self) -> str:
        return self.detail.fiche.code

    @property
    def title(self) -> str:
        return self.detail.fiche.label


def national_fiche(*, territory: Territory, code: str) -> NationalFiche | None:
    """The national fiche `code` with the sheets of `territory` that use it, or None."""
    from espaces.rome.selectors import fiche_detail

    from .conditions import rome_conditions

    detail = fiche_detail(code)
    if detail is None:
        return None
    targets = [f.code for f in detail.mobilities]
    local_by_code: dict[str, list[Metier]] = defaultdict(list)
    local = []
    for metier in (
        Metier.objects.filter(territory=territory, rome_fiches__code__in=[code, *targets])
        .annotate(rome_code=F("rome_fiches__code"))
        .only("pk", "slug", "title", "translations")
        .order_by("title")
    ):
        if metier.rome_code == code:
            local.append(metier)
        else:
            local_by_code[metier.rome_code].append(metier)
    for target in detail.mobilities:
        target.local_sheets = local_by_code.get(target.code, [])
    conditions = rome_conditions([code]).get(code, set())
    return NationalFiche(
        detail=detail,
        territory=territory,
        local_sheets=local,
        local_by_code=dict(local_by_code),
        conditions=[c for c in Condition.values if c in conditions],
    )


def national_fiches_index() -> dict[str, list[RomeFiche]]:
    """Every national fiche by professional domain label (for the index page), in code order."""
    grouped: dict[str, list[RomeFiche]] = {}
    for fiche in RomeFiche.objects.only("code", "label", "domain_code", "domain_label"):
        grouped.setdefault(f"{fiche.domain_code} — {fiche.domain_label}", []).append(fiche)
    return grouped
