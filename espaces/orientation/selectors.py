"""Reads of the orientation domain; every one takes the territory it is scoped to."""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from espaces.common.partial_dates import format_partial_date
from espaces.common.urls import cached_reverse
from espaces.ops import memory
from espaces.rome.models import CentreInteret, CentreInteretLink, RomeAppellation, RomeFiche
from espaces.territories.enums import FigureKind, ProjectStatus
from espaces.territories.models import Project, ProjectFigure, Site, Territory

from .enums import BARRIER_THEMATIQUES
from .matching import Candidate, CandidateIndex, ProjectDemand, riasec_weights
from .models import OrientationCompletion, OrientationResult, Questionnaire, normalize_code
from .passerelles import AppellationIndex, RomeGraph, Target
from .questionnaire import Questionnaire as RuntimeQuestionnaire
from .questionnaire import build_questionnaire

FIGURE_WORDS = {
    FigureKind.DIRECT_JOBS: "emplois directs",
    FigureKind.OPERATION_JOBS: "emplois en exploitation",
    FigureKind.CONSTRUCTION_PEAK_JOBS: "emplois au pic du chantier",
}


_QUESTIONNAIRES: dict[int, tuple[tuple, RuntimeQuestionnaire]] = {}


def current_questionnaire(*, territory: Territory) -> RuntimeQuestionnaire | None:
    """The questionnaire in service on the territory, with the ROME centres d'intérêt as the
    options of « J'ai envie de… »; None when the pack has none. Built once per process and
    version row (its `updated_at`) and centres: two small queries check they are unchanged."""
    head = (
        Questionnaire.objects.filter(territory=territory, is_current=True)
        .values_list("pk", "updated_at")
        .first()
    )
    if head is None:
        return None
    centres = tuple(CentreInteret.objects.order_by("code").values_list("code", "label"))
    key = (head, centres)
    hit = _QUESTIONNAIRES.get(territory.pk)
    if hit and hit[0] == key:
        return hit[1]
    row = Questionnaire.objects.get(pk=head[0])
    built = build_questionnaire(row.definition, list(centres))
    _QUESTIONNAIRES[territory.pk] = (key, built)
    return built


def questionnaire_from(row: Questionnaire) -> RuntimeQuestionnaire:
    centres = list(CentreInteret.objects.order_by("code").values_list("code", "label"))
    return build_questionnaire(row.definition, centres)


def questionnaire_version(*, territory: Territory, version: str) -> RuntimeQuestionnaire | None:
    row = Questionnaire.objects.filter(territory=territory, version=version).first()
    return questionnaire_from(row) if row else None


def short_project_name(name: str) -> str:
    """« Neomat (ex-projet XTC-Orano) : matériaux… » → « Neomat » (reasons stay short)."""
    return name.split(" : ")[0].split(" (")[0].strip() or name


def project_demand(project: Project) -> ProjectDemand | None:
    """The headline jobs of a project (figures and their sources prefetched), with source and
    date as published; None when it announces none."""
    figure = project.headline_jobs
    if figure is None or figure.value <= 0:
        return None
    source = figure.source
    return ProjectDemand(
        slug=project.slug,
        name=short_project_name(project.name),
        jobs=figure.value,
        kind_label=FIGURE_WORDS.get(figure.kind, "emplois"),
        source=(source.publisher or source.title) if source else "",
        date=format_partial_date(figure.as_of, figure.as_of_precision),
    )


def metier_candidates(*, territory: Territory) -> list[Candidate]:
    """The territory's job sheets as matching candidates (a fixed number of queries)."""
    from espaces.catalogue.models import Metier, MetierProject

    active = (
        Project.objects.exclude(status__in=ProjectStatus.not_recruiting())
        .prefetch_related(
            Prefetch("figures", queryset=ProjectFigure.objects.select_related("source"))
        )
        .filter(territory=territory)
    )
    demands = {p.pk: project_demand(p) for p in active}
    metiers = list(
        Metier.objects.filter(territory=territory)
        .order_by("slug")
        .prefetch_related(
            "rome_fiches",
            "conditions",
            "sectors",
            Prefetch("project_links", queryset=MetierProject.objects.order_by("order", "pk")),
        )
    )
    codes = {f.code for m in metiers for f in m.rome_fiches.all()}
    centres: dict[str, set[int]] = defaultdict(set)
    for fiche_id, centre_id in CentreInteretLink.objects.filter(fiche_id__in=codes).values_list(
        "fiche_id", "centre_id"
    ):
        centres[fiche_id].add(centre_id)
    out = []
    for m in metiers:
        fiches = sorted(m.rome_fiches.all(), key=lambda f: f.code)
        projects = [demands.get(link.project_id) for link in m.project_links.all()]
        projects = sorted(
            (p for p in projects if p is not None), key=lambda p: (-p.jobs, p.name, p.slug)
        )
        sectors = sorted(m.sectors.all(), key=lambda s: (s.order, s.name))
        out.append(
            Candidate(
                slug=m.slug,
                title=m.title,
                rome_codes=tuple(f.code for f in fiches),
                riasec=riasec_weights((f.riasec_major, f.riasec_minor) for f in fiches),
                centres=frozenset(c for f in fiches for c in centres[f.code]),
                conditions=frozenset(c.condition for c in m.conditions.all()),
                entry_level=m.entry_level,
                open_without_diploma=m.open_without_diploma,
                short_training_months=m.short_training_months,
                projects=tuple(projects),
                sectors=tuple(s.slug for s in sectors),
                sector_names=tuple(s.name for s in sectors),
                keywords=tuple(m.keywords or ()),
            )
        )
    return out


def metier_index(*, territory: Territory) -> CandidateIndex:
    return local_index(territory=territory).index


@dataclass(frozen=True)
class LocalIndex:
    """What a request needs of the territory's catalogue, read once per process and kept while
    the catalogue does not change (`local_index`): the candidates and their matching index,
    the sheets' trainings as plain dicts, and sheet primary keys → slugs (catalogue search)."""

    candidates: tuple[Candidate, ...]
    index: CandidateIndex
    trainings: dict[str, tuple[dict, ...]]
    slugs: dict[int, str]
    search: object | None = None  # the catalogue's search index of the territory, if installed


def training_out(training) -> dict:
    return {
        "title": training.title,
        "body": training.body,
        "duration": training.duration,
        "level": training.level,
        "url": training.url,
    }


def _build_local(territory: Territory) -> LocalIndex:
    from espaces.catalogue.models import Metier

    candidates = metier_candidates(territory=territory)
    trainings = trainings_for(territory=territory, slugs=[c.slug for c in candidates])
    try:
        from espaces.catalogue.search import metier_index as catalogue_search_index
    except ImportError:  # the catalogue's search is optional for orientation
        search = None
    else:
        # what changes it (sheets, sectors, appellations) changes this index's signature too
        search = catalogue_search_index(territory)
    return LocalIndex(
        candidates=tuple(candidates),
        index=CandidateIndex(candidates),
        trainings={
            slug: tuple(training_out(t) for t in items) for slug, items in trainings.items()
        },
        slugs=dict(Metier.objects.filter(territory=territory).values_list("pk", "slug")),
        search=search,
    )


# The catalogue's tables read by `metier_candidates` and `trainings_for`. Tables whose rows
# carry `updated_at` are checked by count and last change, the others (children replaced by a
# pack load, links) by count and last id: an insert or a delete changes them; an edit in the
# admin saves the parent sheet or project, whose `updated_at` changes.
def _local_signature_sql(territory_id: int) -> tuple[list[str], list]:
    from espaces.catalogue.models import Metier, MetierCondition, MetierProject, Training
    from espaces.territories.models import Sector, Source

    parts: list[str] = []
    params: list = []
    for model in (Metier, Project, Sector, Source):
        table = model._meta.db_table
        where = f"FROM {table} WHERE territory_id = %s"
        parts += [f"(SELECT COUNT(*) {where})", f"(SELECT MAX(updated_at) {where})"]
        params += [territory_id, territory_id]
    for model in (
        MetierCondition,
        MetierProject,
        Training,
        ProjectFigure,
        Metier.rome_fiches.through,
        Metier.sectors.through,
    ):
        table = model._meta.db_table
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX(id) FROM {table})"]
    return parts, params


_LOCAL_CACHE: dict[int, tuple[tuple, LocalIndex]] = {}


def drop_local_indexes() -> None:
    """Forget the catalogue indexes and questionnaires of this process (signals call it on
    edits the signatures cannot see; the tests between two tests)."""
    _LOCAL_CACHE.clear()
    _QUESTIONNAIRES.clear()


def local_index(*, territory: Territory, signature: tuple | None = None) -> LocalIndex:
    """The territory's catalogue as matching data, rebuilt when its signature changes."""
    if signature is None:
        signature = _signatures(territory.pk)[1]
    hit = _LOCAL_CACHE.get(territory.pk)
    if hit and hit[0] == signature:
        return hit[1]
    built = _build_local(territory)
    _LOCAL_CACHE[territory.pk] = (signature, built)
    memory.keep()
    return built


def rome_candidates(*, with_conditions: bool = False) -> list[Candidate]:
    """Every ROME fiche as a candidate (national, no demand): two queries, four with the
    conditions implied by their work contexts (catalogue.conditions)."""
    centres: dict[str, set[int]] = defaultdict(set)
    for fiche_id, centre_id in CentreInteretLink.objects.values_list("fiche_id", "centre_id"):
        centres[fiche_id].add(centre_id)
    conditions: dict[str, set] = {}
    if with_conditions:
        from espaces.catalogue.conditions import rome_conditions

        conditions = rome_conditions(RomeFiche.objects.values_list("code", flat=True))
    return [
        Candidate(
            slug=code.lower(),
            title=label,
            rome_codes=(code,),
            riasec=riasec_weights([(major, minor)]),
            centres=frozenset(centres[code]),
            conditions=frozenset(str(c) for c in conditions.get(code, ())),
        )
        for code, label, major, minor in RomeFiche.objects.order_by("code").values_list(
            "code", "label", "riasec_major", "riasec_minor"
        )
    ]


def result_by_code(code: str, territory: Territory) -> OrientationResult | None:
    """The result saved under `code` (as typed: case, spaces and dashes do not matter) on
    the territory, or None. Used by RECEPTION to attach a result to a beneficiary's file."""
    normalized = normalize_code(code)
    if not normalized:
        return None
    return OrientationResult.objects.filter(territory=territory, code=normalized).first()


def site_for(*, territory: Territory, slug: str | None) -> Site | None:
    if not slug:
        return None
    return Site.objects.filter(territory=territory, slug=slug).first()


AGE_RANGE = re.compile(r"\b(\d{2})\s*(?:-|–|à)\s*(\d{2})\s*ans\b")
AGE_BELOW = re.compile(r"\bmoins\s+de\s+(\d{2})\s*ans\b")
AGE_ABOVE = re.compile(r"\b(?:plus\s+de|à\s+partir\s+de)\s+(\d{2})\s*ans\b")
AGE_PUBLICS = {"jeunes": "jeunes", "etudiants": "jeunes", "seniors": "seniors"}
OPEN_PUBLICS = frozenset({"", "tous-publics"})


def age_group(service) -> tuple[str, str] | None:
    """(group, label) when the service is kept for an age group (« jeunes », « seniors »),
    read from its publics (only age publics) or its conditions (« de 16 à 25 ans »)."""
    text = " ".join(
        (service.nom or "", service.conditions_acces or "", service.publics_precisions or "")
    ).lower()
    found = AGE_RANGE.search(text)
    if found:
        low, high = int(found.group(1)), int(found.group(2))
        group = "jeunes" if high <= 30 else "seniors" if low >= 45 else ""
        if group:
            return group, f"Réservé aux {low}–{high} ans"
    found = AGE_BELOW.search(text)
    if found and int(found.group(1)) <= 30:
        return "jeunes", f"Réservé aux moins de {found.group(1)} ans"
    found = AGE_ABOVE.search(text)
    if found and int(found.group(1)) >= 45:
        return "seniors", f"Réservé aux plus de {found.group(1)} ans"
    publics = set(service.publics or [])
    groups = {AGE_PUBLICS[p] for p in publics if p in AGE_PUBLICS}
    if publics and len(groups) == 1 and publics <= set(AGE_PUBLICS):
        group = groups.pop()
        return group, "Pour les jeunes" if group == "jeunes" else "Pour les seniors"
    return None


def service_fit(service, *, situation: str | None, tags: set[str]) -> tuple:
    """Sort key of a service under a barrier, best first: not kept for an age group the person
    did not choose, tagged for the reason, meant for the person's situation (then open to all),
    nearest, free,
    most relevant, then by name. Sets `service.audience_note` (shown next to the service)."""
    group = age_group(service)
    not_chosen = group is not None and group[0] != situation
    service.audience_note = group[1] if not_chosen else ""
    publics = set(service.publics or [])
    # 0: meant for the person's situation, 1: open to all, 2: for other publics
    audience = 0 if situation in publics else 1 if not publics or publics & OPEN_PUBLICS else 2
    nearness = getattr(service, "nearness", None)
    relevance = getattr(service, "relevance", 0)
    relevance = relevance[0] if isinstance(relevance, tuple) else relevance
    return (
        not_chosen,
        not (set(service.tags or ()) & tags),
        audience,
        nearness if nearness is not None else 99,
        not service.is_free,
        -relevance,
        service.nom.lower(),
        service.slug,
    )


def services_for_barriers(
    *,
    territory: Territory,
    barriers: Iterable,
    situation: str | None = None,
    commune: str | None = None,
) -> dict[str, list]:
    """{barrier: the services of SERVICES that lift it}, ordered by fit to the person
    (`service_fit`): age groups they did not choose last and labelled, their situation's
    publics, the barrier's tags (`horaires-atypiques`, `permis`…), nearness to `commune` (INSEE
    code; services whose zone leaves it out are dropped), free first.

    `barriers`: thématiques, or barrier dicts as saved with a result ({"thematique", "tags"})."""
    wanted = [b if isinstance(b, dict) else {"thematique": b, "tags": []} for b in barriers]
    if not wanted:
        return {}
    try:
        from espaces.services.selectors import services_for_thematiques
    except ImportError:  # the services app is optional for orientation
        return {b["thematique"]: [] for b in wanted}
    out = {}
    for barrier in wanted:
        thematiques = BARRIER_THEMATIQUES.get(barrier["thematique"])
        if not thematiques:
            continue
        tags = set(barrier.get("tags") or ())
        found = services_for_thematiques(
            territory=territory, thematiques=thematiques, commune=commune or None
        )
        out[barrier["thematique"]] = sorted(
            found, key=lambda s: service_fit(s, situation=situation, tags=tags)
        )
    return out


def metiers_by_slug(*, territory: Territory, slugs: Iterable[str]) -> dict[str, object]:
    """{slug: job sheet} for the sheets that still exist, with what their titles need (results
    keep the French title they were computed with; the page shows the sheet's translation)."""
    from espaces.catalogue.models import Metier

    sheets = Metier.objects.filter(territory=territory, slug__in=list(slugs)).only(
        "pk", "slug", "title", "translations"
    )
    return {m.slug: m for m in sheets}


def next_sessions(*, territory: Territory, slugs: Iterable[str]) -> dict[str, object]:
    """{job slug: the soonest upcoming session that shows it} when EVENTS is installed."""
    slugs = list(slugs)
    try:
        from espaces.events.selectors import agenda_sessions
    except ImportError:
        return {}
    found: dict[str, object] = {}
    sessions = (
        agenda_sessions(territory=territory)
        .filter(metiers__slug__in=slugs)
        .exclude(status="cancelled")
        .distinct()
    )
    for session in sessions:
        for metier in session.metiers.all():
            if metier.slug in slugs and metier.slug not in found:
                found[metier.slug] = session
    return found


def experience_slugs(
    *,
    territory: Territory,
    text: str,
    candidates: Iterable[Candidate],
    slugs: dict[int, str] | None = None,
    search=None,
) -> list[str]:
    """Job sheets close to the jobs typed as « métiers déjà faits » (one per item typed), with
    the catalogue's search when present, else by words of titles and keywords. `slugs`: the
    sheets' primary keys → slugs and `search` the catalogue's search index when already known
    (`LocalIndex`)."""
    items = [
        part.strip()
        for chunk in (text or "").replace("\n", ",").replace(";", ",").split(",")
        for part in chunk.split(" et ")
        if part.strip()
    ][:5]
    if not items:
        return []
    try:
        from espaces.catalogue.search import search_metiers
    except ImportError:
        search_metiers = None
    found: list[str] = []
    if search_metiers is not None:
        from espaces.catalogue.models import Metier

        pks = []
        for item in items:
            if search is not None:
                hits = search.search(item, limit=1)
            else:
                hits = search_metiers(territory=territory, query=item, limit=1)
            if hits and hits[0].matched == hits[0].terms:
                pks.append(hits[0].key)
        if slugs is None:
            slugs = dict(Metier.objects.filter(pk__in=pks).values_list("pk", "slug"))
        found = [slugs[pk] for pk in pks if pk in slugs]
    else:
        found = _word_matches(items, list(candidates))
    return list(dict.fromkeys(found))


def _word_matches(items: list[str], candidates: list[Candidate]) -> list[str]:
    from unidecode import unidecode

    def words(text: str) -> set[str]:
        return {w for w in unidecode(text).lower().replace("/", " ").split() if len(w) > 3}

    out = []
    for item in items:
        wanted = words(item)
        for c in candidates:
            if wanted and wanted <= words(" ".join((c.title, *c.keywords))):
                out.append(c.slug)
                break
    return out


def completions_for(*, territory: Territory, date_from=None, date_to=None, site=None):
    """Completed questionnaires of the period (anonymous counts, for STATS); `site` None
    means every place, the string « en_ligne » the online ones only."""
    queryset = OrientationCompletion.objects.filter(territory=territory).select_related("site")
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if site == "en_ligne":
        queryset = queryset.filter(site__isnull=True)
    elif site is not None:
        queryset = queryset.filter(site=site)
    return queryset


def completion_summary(*, territory: Territory, date_from=None, date_to=None, site=None) -> dict:
    """{"total", "by_place": {name or « en ligne »: n}, "by_mode", "top_metiers": [(slug, n)],
    "top_sectors": [(slug, n)]} for the period, most frequent first (ties by slug)."""
    by_place: dict[str, int] = defaultdict(int)
    by_mode: dict[str, int] = defaultdict(int)
    metiers: dict[str, int] = defaultdict(int)
    sectors: dict[str, int] = defaultdict(int)
    total = 0
    for row in completions_for(
        territory=territory, date_from=date_from, date_to=date_to, site=site
    ):
        total += 1
        by_place[row.place] += 1
        by_mode[row.mode] += 1
        for slug in row.top_metiers:
            metiers[slug] += 1
        for slug in row.top_sectors:
            sectors[slug] += 1

    def ranked(counts):
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    return {
        "total": total,
        "by_place": dict(sorted(by_place.items())),
        "by_mode": dict(sorted(by_mode.items())),
        "top_metiers": ranked(metiers),
        "top_sectors": ranked(sectors),
    }


# --- national fiches and bridges (« passerelles ») ------------------------------------------------
# The ROME referential is national and changes only with `import_rome` / `load_rome_dataset`:
# its indexes are built once per process and rebuilt when the row counts change.
_ROME_CACHE: dict[str, tuple] = {}


def _rome_signature_sql() -> list[str]:
    """The number of fiches, the last fiche code and the last row id of each other table of
    the referential, on indexes (an import or a reload changes them)."""
    from espaces.rome.models import RomeFicheContext, RomeFicheSkill, RomeMobility

    tables = [
        m._meta.db_table
        for m in (
            RomeAppellation,
            RomeFicheSkill,
            RomeMobility,
            CentreInteretLink,
            RomeFicheContext,
        )
    ]
    fiches = RomeFiche._meta.db_table
    return [
        f"(SELECT COUNT(*) FROM {fiches})",
        f"(SELECT MAX(code) FROM {fiches})",
        f"(SELECT COUNT(*) FROM {tables[0]})",  # appellations: the catalogue search counts them
    ] + [f"(SELECT MAX(id) FROM {table})" for table in tables]


def _signatures(territory_id: int | None = None) -> tuple[tuple, tuple | None]:
    """(ROME signature, catalogue signature of the territory) in one query."""
    from django.db import connection

    rome = _rome_signature_sql()
    local, params = _local_signature_sql(territory_id) if territory_id else ([], [])
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(rome + local), params)
        row = tuple(cursor.fetchone())
    return row[: len(rome)], (row[len(rome) :] if territory_id else None)


def _rome_signature() -> tuple:
    return _signatures()[0]


def _cached(name: str, build, signature: tuple | None = None):
    signature = _rome_signature() if signature is None else signature
    hit = _ROME_CACHE.get(name)
    if hit and hit[0] == signature:
        return hit[1]
    value = build()
    _ROME_CACHE[name] = (signature, value)
    memory.keep()
    return value


def appellation_index(*, signature: tuple | None = None) -> AppellationIndex:
    """Every ROME appellation and fiche label by word, to recognise past jobs typed freely."""

    def build():
        titles = dict(RomeFiche.objects.values_list("code", "label"))
        entries = RomeAppellation.objects.values_list("fiche_id", "label")
        return AppellationIndex(entries, titles)

    return _cached("appellations", build, signature)


def rome_graph(*, signature: tuple | None = None) -> RomeGraph:
    """Skills (savoir-faire and savoirs, core ones first) and mobilities of every fiche."""
    from espaces.rome.enums import CoreLevel, SkillKind
    from espaces.rome.models import RomeFicheSkill, RomeMobility, RomeSkill

    def build():
        kinds = [SkillKind.SAVOIR_FAIRE, SkillKind.SAVOIR]
        skills: dict[str, list[str]] = defaultdict(list)
        core: dict[str, set[str]] = defaultdict(set)
        for code, skill, level in (
            RomeFicheSkill.objects.filter(skill__kind__in=kinds)
            .order_by("fiche_id", "pk")
            .values_list("fiche_id", "skill_id", "core")
        ):
            skills[code].append(skill)
            if level == CoreLevel.PRINCIPALE:
                core[code].add(skill)
        mobilities: dict[str, list[str]] = defaultdict(list)
        for source, target in RomeMobility.objects.order_by(
            "source_id", "order", "target_id"
        ).values_list("source_id", "target_id"):
            mobilities[source].append(target)
        return RomeGraph(
            titles=dict(RomeFiche.objects.values_list("code", "label")),
            skills={code: tuple(s) for code, s in skills.items()},
            mobilities={code: tuple(t) for code, t in mobilities.items()},
            skill_labels=dict(
                RomeSkill.objects.filter(kind__in=kinds).values_list("code_ogr", "label")
            ),
            core={code: frozenset(s) for code, s in core.items()},
        ).prepare()

    return _cached("graph", build, signature)


def national_index(*, signature: tuple | None = None) -> CandidateIndex:
    """The 1 584 ROME fiches as candidates, with the conditions of their work contexts."""
    return _cached(
        "national", lambda: CandidateIndex(rome_candidates(with_conditions=True)), signature
    )


def rome_indexes() -> tuple[AppellationIndex, RomeGraph, CandidateIndex]:
    """The three national indexes with one check of the referential (what a request needs)."""
    signature = _rome_signature()
    return (
        appellation_index(signature=signature),
        rome_graph(signature=signature),
        national_index(signature=signature),
    )


@dataclass(frozen=True)
class OrientationIndexes:
    """The indexes of one request, checked against the database with one query: the
    territory's catalogue, and the national ones built on first use (then kept while the
    referential does not change)."""

    local: LocalIndex
    rome_signature: tuple

    def appellations(self) -> AppellationIndex:
        return appellation_index(signature=self.rome_signature)

    def graph(self) -> RomeGraph:
        return rome_graph(signature=self.rome_signature)

    def national(self) -> CandidateIndex:
        return national_index(signature=self.rome_signature)


def orientation_indexes(*, territory: Territory) -> OrientationIndexes:
    """What a completed questionnaire needs, with one query checking nothing changed."""
    rome, local = _signatures(territory.pk)
    return OrientationIndexes(
        local=local_index(territory=territory, signature=local), rome_signature=rome
    )


ROME_PAGE_NAMES = ("catalogue:rome", "rome:fiche")
_ROME_PAGE: list[str] = []  # the URL name found, looked for once per process


def rome_fiche_url(code: str) -> str:
    """The public page of a national fiche (when the ROME pages are installed), else ""."""
    if not _ROME_PAGE:
        for name in ROME_PAGE_NAMES:
            try:
                reverse(name, args=["A1101"])
            except NoReverseMatch:
                continue
            _ROME_PAGE.append(name)
            break
        else:
            _ROME_PAGE.append("")
    return cached_reverse(_ROME_PAGE[0], [str(code)]) if _ROME_PAGE[0] else ""


def with_urls(passerelles: list[dict]) -> list[dict]:
    """The bridges with the address of their target (a sheet or a national fiche page), each
    address reversed once per process (espaces/common/urls.py)."""
    for bridge in passerelles:
        target = bridge["to"]
        if target["kind"] == "metier":
            target["url"] = _metier_url(target["slug"])
        else:
            target["url"] = rome_fiche_url(target["code"])
    return passerelles


def bridge_targets(
    *,
    candidates: list[Candidate],
    excluded: Iterable[str],
    profile=None,
    graph: RomeGraph,
    national: CandidateIndex | None = None,
):
    """`target_of(code)` for the bridges: the territory's sheet carrying the ROME code (kind
    « metier ») unless a hard limit of the person excludes it, else the national fiche (kind
    « rome ») unless its work contexts break a hard limit of `profile`. The targets carry no
    address yet: `with_urls` adds them to the bridges kept."""
    from .matching import hard_limit

    ruled_out = set(excluded)
    local: dict[str, Candidate] = {}
    for c in sorted(candidates, key=lambda c: c.slug):
        for code in c.rome_codes:
            local.setdefault(code, c)
    by_code = national.by_code if national is not None and profile is not None else {}

    def target_of(code: str) -> Target | None:
        sheet = local.get(code)
        if sheet is not None:
            if sheet.slug in ruled_out:
                return None
            return Target(
                kind="metier", key=sheet.slug, title=sheet.title, rome_codes=sheet.rome_codes
            )
        fiche = by_code.get(code)
        if fiche is not None and hard_limit(profile, fiche.conditions, None, False, None):
            return None
        title = graph.titles.get(code)
        if not title:
            return None
        return Target(kind="rome", key=code, title=title, rome_codes=(code,))

    return target_of


def _metier_url(slug: str) -> str:
    try:
        return cached_reverse("catalogue:detail", [str(slug)])
    except NoReverseMatch:
        return ""


def trainings_for(*, territory: Territory, slugs: Iterable[str]) -> dict[str, list]:
    """{sheet slug: its trainings in order} in one query."""
    from espaces.catalogue.models import Training

    out: dict[str, list] = defaultdict(list)
    for training in (
        Training.objects.filter(metier__territory=territory, metier__slug__in=list(slugs))
        .select_related("metier")
        .order_by("metier__slug", "order", "pk")
    ):
        out[training.metier.slug].append(training)
    return out


# --- one completed questionnaire, computed (no write) ---------------------------------------------
TRAININGS_SHOWN = 2


@dataclass(frozen=True)
class Outcome:
    """What a completed questionnaire gives, before it is saved (`orientation_complete`)."""

    stored: dict  # the answers without the free texts
    experience: list[str]
    recognised: list
    matching: object  # matching.Matching
    results: list[dict]
    barriers: list[dict]
    passerelles: list[dict]
    situation: str | None

    @property
    def summary(self) -> dict:
        return {
            **self.matching.summary(),
            "recognised": [r.as_dict() for r in self.recognised],
            "situation": self.situation,
        }


def _text_of(questionnaire: RuntimeQuestionnaire, answers: dict, dimension: str) -> str:
    return " , ".join(
        answers.pop(q.id)
        for q in questionnaire.questions
        if q.dimension == dimension and q.id in answers
    )


def suggested_trainings(local: LocalIndex, profile, slugs: Iterable[str]) -> dict[str, list[dict]]:
    """{sheet slug: up to 2 of its trainings that suit the person (`matching.training_fits`)}."""
    from .matching import training_fits

    out = {}
    for slug in slugs:
        items = local.trainings.get(slug)
        if items:
            fits = [dict(t) for t in items if training_fits(t["level"], profile, t["duration"])]
            out[slug] = fits[:TRAININGS_SHOWN]
    return out


def orientation_outcome(
    *,
    territory: Territory,
    questionnaire: RuntimeQuestionnaire,
    answers: dict,
    indexes: OrientationIndexes | None = None,
) -> Outcome:
    """Match clean answers (see `Questionnaire.validate`) against the territory's jobs: past
    jobs recognised among the ROME appellations, hard limits, ranking, national fiches for the
    wishes not covered, bridges and trainings. Reads indexes kept in memory (one query to check
    them, plus the catalogue search of past jobs); the free texts are left out of `stored`."""
    import dataclasses

    from .enums import Barrier, Dimension
    from .matching import build_profile, match, national_for
    from .passerelles import bridges

    indexes = indexes or orientation_indexes(territory=territory)
    local = indexes.local
    stored = dict(answers)
    past_text = _text_of(questionnaire, stored, Dimension.EXPERIENCE)
    specialty_text = _text_of(questionnaire, stored, Dimension.DIPLOMA_SPECIALTY)
    recognised: list = []
    experience: list[str] = []
    if past_text or specialty_text:
        appellations = indexes.appellations()
        past = appellations.recognise(past_text)
        codes = {r.rome_code for r in past}
        recognised = past + [
            r for r in appellations.recognise(specialty_text) if r.rome_code not in codes
        ]
        experience = experience_slugs(
            territory=territory,
            text=past_text,
            candidates=local.candidates,
            slugs=local.slugs,
            search=local.search,
        )
        # the sheets carrying the ROME code of a past job count as jobs already done
        experience += [c.slug for c in local.candidates if codes.intersection(c.rome_codes)]
        experience = list(dict.fromkeys(experience))
    profile = build_profile(questionnaire, stored, experience=experience)
    matching = match(profile, local.index)
    national = None
    if matching.uncovered:  # the national fiches only when local jobs miss a wish
        national = indexes.national()
        found = national_for(profile, national, matching.uncovered, local.index)
        matching = dataclasses.replace(matching, national=found)
    passerelles: list[dict] = []
    if recognised:
        graph = indexes.graph()
        target_of = bridge_targets(
            candidates=local.candidates,
            excluded=[e.slug for e in matching.excluded],
            profile=profile,
            graph=graph,
            national=national or indexes.national(),
        )
        passerelles = with_urls([b.as_dict() for b in bridges(recognised, graph, target_of)])
    bridged = [p["to"]["slug"] for p in passerelles if p["to"]["kind"] == "metier"]
    trainings = suggested_trainings(local, profile, [r.slug for r in matching.results] + bridged)
    for bridge in passerelles:
        if bridge["to"]["kind"] == "metier":
            bridge["learn_with"] = trainings.get(bridge["to"]["slug"], [])
    results = [{**r.as_dict(), "trainings": trainings.get(r.slug, [])} for r in matching.results]
    barriers = [b.as_dict() for b in matching.barriers]
    if passerelles and Barrier.SE_FORMER not in {b["thematique"] for b in barriers}:
        # what a bridge leaves to learn is lifted by the training services
        barriers.append(
            {
                "thematique": str(Barrier.SE_FORMER),
                "label": str(Barrier.SE_FORMER.label),
                "reasons": ["des compétences à apprendre pour changer de métier"],
                "metiers": [],
                "tags": [],
            }
        )
        order = list(Barrier.values)
        barriers.sort(key=lambda b: order.index(b["thematique"]))
    situation = next(
        (
            str(stored[q.id])
            for q in questionnaire.questions
            if q.dimension == Dimension.SITUATION and q.id in stored
        ),
        None,
    )
    return Outcome(
        stored=stored,
        experience=experience,
        recognised=recognised,
        matching=matching,
        results=results,
        barriers=barriers,
        passerelles=passerelles,
        situation=situation,
    )
