"""Reads of the services domain; every one takes the territory (or the account) it serves.

Matching on thématiques happens in Python over the territory's services (one query): the
lists are JSON, which SQLite cannot search, and a territory has hundreds of services, not
millions.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.territories.models import Commune, Territory

from .enums import (
    CATEGORIES,
    NEED_HINTS,
    Nearness,
    Need,
    ReviewKind,
    ServiceTag,
    category_of,
    need_matches,
)
from .models import Service, ServiceReview, Structure
from .permissions import ReviewAccess


def services_of(*, territory: Territory):
    """Every service of the territory with its structure, for lists."""
    return Service.objects.filter(territory=territory).select_related("structure")


def communes_of(*, territory: Territory):
    return Commune.objects.filter(territory=territory).order_by("name")


# --- nearness --------------------------------------------------------------------------------
def zone_covers(zone: Iterable[str], insee: str) -> bool:
    """Whether a data·inclusion `zone_eligibilite` includes the commune `insee`.

    An empty zone means no restriction. EPCI codes cannot be resolved without the official
    list of their communes: they are taken to cover the territory."""
    zone = list(zone or [])
    if not zone:
        return True
    for code in zone:
        if code == insee or code in ("france", "99100"):
            return True
        if len(code) in (2, 3) and insee.startswith(code):
            return True
        if len(code) == 9 and code.isdigit():
            return True
    return False


def nearness_of(service: Service, insee: str | None) -> int | None:
    """Nearness of `service` for someone living in `insee` (lower is nearer); None when the
    person is not eligible (the zone leaves the commune out)."""
    if not insee:
        return None
    if not zone_covers(service.zone_eligibilite, insee):
        return None
    if service.location_insee == insee:
        return Nearness.SAME_COMMUNE
    if insee in (service.zone_eligibilite or []):
        return Nearness.ZONE_COMMUNE
    return Nearness.WHOLE_AREA


def _matches_thematiques(service: Service, wanted: set[str]) -> int:
    """Relevance: 2 per exact thématique asked for, 1 per category asked for."""
    score = 0
    own = set(service.thematiques or [])
    for item in wanted:
        if item in own:
            score += 2
        elif item in CATEGORIES and any(category_of(t) == item for t in own):
            score += 1
    return score


def _sort_key(service: Service):
    nearness = service.nearness if service.nearness is not None else Nearness.WHOLE_AREA
    relevance = service.relevance
    relevance = tuple(-r for r in relevance) if isinstance(relevance, tuple) else (-relevance,)
    return (nearness, *relevance, service.nom.lower())


def _focus(service: Service, need: str) -> float:
    """Share of the service's thématiques that answer `need` (a bus line: 1; a general
    job-search service that also helps with transport: less)."""
    own = service.thematiques or []
    return sum(1 for t in own if need_matches(need, [t])) / len(own) if own else 0.0


def _eligible(services: Iterable[Service], commune: str | None) -> list[Service]:
    out = []
    for service in services:
        service.nearness = nearness_of(service, commune)
        if commune and service.nearness is None:
            continue
        out.append(service)
    return out


def services_for_thematiques(
    *, territory: Territory, thematiques: Iterable[str], commune: str | None = None
) -> list[Service]:
    """Services answering any of `thematiques` (categories such as `mobilite` or full
    thématiques), open to people of `commune` when given; nearest, then most relevant, first.

    Each service carries `.nearness` (a `Nearness`, or None without commune) and `.relevance`.
    """
    wanted = {t for t in thematiques if t}
    if not wanted:
        return []
    found = []
    for service in _eligible(services_of(territory=territory), commune):
        service.relevance = _matches_thematiques(service, wanted)
        if service.relevance:
            found.append(service)
    return sorted(found, key=_sort_key)


def services_near(*, territory: Territory, commune: str) -> list[Service]:
    """Every service open to people of `commune`, nearest first."""
    services = _eligible(services_of(territory=territory), commune)
    for service in services:
        service.relevance = 0
    return sorted(services, key=_sort_key)


# --- the « Lever les freins » page ------------------------------------------------------------
@dataclass
class NeedGroup:
    need: str
    label: str
    hint: str
    services: list[Service] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.services)


@dataclass
class SearchResult:
    groups: list[NeedGroup]
    counts: dict[str, int]  # services per need (for the tiles), with the commune applied


def services_search(
    *, territory: Territory, needs: Iterable[str], commune: str | None = None
) -> SearchResult:
    """Services grouped by the needs picked, each group nearest then most relevant first.

    Relevance: a service answering several of the needs picked ranks higher in each of its
    groups; then the services devoted to the group's need before those touching it in passing."""
    needs = [n for n in Need.values if n in set(needs)]
    services = _eligible(services_of(territory=territory), commune)
    served = {s.pk: [n for n in Need.values if need_matches(n, s.thematiques)] for s in services}
    counts = {n: 0 for n in Need.values}
    for need_list in served.values():
        for n in need_list:
            counts[n] += 1
    groups = []
    for need in needs:
        matching = []
        for service in services:
            if need in served[service.pk]:
                service.relevance = (
                    sum(1 for n in served[service.pk] if n in needs),
                    _focus(service, need),
                )
                matching.append(service)
        groups.append(
            NeedGroup(
                need=need,
                label=Need(need).label,
                hint=NEED_HINTS[need],
                services=sorted(matching, key=_sort_key),
            )
        )
    return SearchResult(groups=groups, counts=counts)


def service_detail(*, territory: Territory, slug: str) -> Service | None:
    return (
        Service.objects.filter(territory=territory, slug=slug)
        .select_related("structure", "structure__partner")
        .prefetch_related("sources", "structure__sources")
        .first()
    )


def zone_labels(*, territory: Territory, zone: Iterable[str]) -> list[str]:
    """The eligibility zone in words: commune names, « département 59 », « toute la France »."""
    zone = list(zone or [])
    names = dict(
        Commune.objects.filter(territory=territory, insee__in=zone).values_list("insee", "name")
    )
    labels = []
    for code in zone:
        if code in ("france", "99100"):
            labels.append(gettext("toute la France"))
        elif code in names:
            labels.append(names[code])
        elif len(code) in (2, 3):
            labels.append(gettext("tout le département %(code)s") % {"code": code})
        elif len(code) == 9:
            labels.append(gettext("intercommunalité (SIREN %(code)s)") % {"code": code})
        else:
            labels.append(code)
    return labels


# --- job conditions → services ------------------------------------------------------------------
@dataclass(frozen=True)
class HelpRule:
    """Which services help with some job conditions.

    A service fits when one of its thématiques matches `thematiques` (categories allowed) and,
    if `required_tags` is set, it carries one of them; or when it carries one of `any_tags`.
    Services carrying `preferred_tags` come first."""

    key: str
    title: str
    need: str
    conditions: tuple[str, ...]
    thematiques: frozenset[str]
    required_tags: frozenset[str] = frozenset()
    any_tags: frozenset[str] = frozenset()
    preferred_tags: frozenset[str] = frozenset()

    def fits(self, service: Service) -> bool:
        tags = set(service.tags or [])
        if tags & self.any_tags:
            return True
        themed = any(
            t in self.thematiques or category_of(t) in self.thematiques
            for t in service.thematiques or []
        )
        return themed and (not self.required_tags or bool(tags & self.required_tags))


ATYPICAL_HOURS = ("travail_poste", "nuit", "weekend")

HELP_RULES: tuple[HelpRule, ...] = (
    HelpRule(
        key="mobilite-horaires-decales",
        title=_("Vous déplacer tôt le matin, tard le soir, la nuit ou le week-end"),
        need=Need.MOBILITE,
        conditions=ATYPICAL_HOURS,
        thematiques=frozenset({"mobilite"}),
        required_tags=frozenset({ServiceTag.HORAIRES_ATYPIQUES, ServiceTag.NUIT}),
        preferred_tags=frozenset({ServiceTag.NUIT}),
    ),
    HelpRule(
        key="garde-horaires-decales",
        title=_("Faire garder vos enfants en horaires décalés"),
        need=Need.GARDE_ENFANTS,
        conditions=ATYPICAL_HOURS,
        thematiques=frozenset({"famille--garde-denfants"}),
        required_tags=frozenset(
            {ServiceTag.GARDE_ATYPIQUE, ServiceTag.HORAIRES_ATYPIQUES, ServiceTag.NUIT}
        ),
        preferred_tags=frozenset({ServiceTag.GARDE_ATYPIQUE}),
    ),
    HelpRule(
        key="permis",
        title=_("Passer le permis de conduire et le financer"),
        need=Need.MOBILITE,
        conditions=("permis",),
        thematiques=frozenset({"mobilite--preparer-un-permis"}),
        any_tags=frozenset({ServiceTag.PERMIS}),
    ),
    HelpRule(
        key="acces-sites",
        title=_("Aller jusqu'aux usines, aux chantiers et d'un site à l'autre"),
        need=Need.MOBILITE,
        conditions=("deplacements", "exterieur"),
        thematiques=frozenset({"mobilite"}),
        preferred_tags=frozenset({ServiceTag.ZONE_INDUSTRIELLE}),
    ),
)


# How the job-sheet box says it: « Ce métier demande du travail de nuit et le permis… ».
CONDITION_PHRASES = {
    "travail_poste": _("du travail en équipes (2x8, 3x8)"),
    "nuit": _("du travail de nuit"),
    "weekend": _("du travail le week-end"),
    "permis": _("le permis de conduire"),
    "deplacements": _("des déplacements fréquents"),
    "exterieur": _("du travail en extérieur, sur des sites parfois éloignés"),
}


def condition_label(condition: str) -> str:
    if condition in CONDITION_PHRASES:
        return str(CONDITION_PHRASES[condition])
    try:
        from espaces.catalogue.enums import Condition

        label = str(Condition(condition).label)
    except (ImportError, ValueError):
        label = condition.replace("_", " ")
    return label[:1].lower() + label[1:]


@dataclass
class ConditionHelp:
    key: str
    title: str
    need: str
    conditions: list[str]
    services: list[Service]

    @property
    def condition_labels(self) -> list[str]:
        return [condition_label(c) for c in self.conditions]


def services_for_conditions(
    *, territory: Territory, conditions: Iterable[str], commune: str | None = None
) -> list[ConditionHelp]:
    """The services that answer the conditions of a job (shift work → night mobility and
    childcare with atypical hours, driving licence → help with the licence…), one group per
    kind of help; a service appears in the first group it fits only."""
    conditions = list(dict.fromkeys(c for c in conditions or [] if c))
    rules = [r for r in HELP_RULES if set(r.conditions) & set(conditions)]
    if not rules:
        return []
    services = _eligible(services_of(territory=territory), commune)
    shown: set[int] = set()
    helps = []
    for rule in rules:
        fitting = [s for s in services if s.pk not in shown and rule.fits(s)]
        for s in fitting:
            s.relevance = len(set(s.tags or []) & rule.preferred_tags)
        fitting.sort(key=_sort_key)
        if not fitting:
            continue
        shown.update(s.pk for s in fitting)
        helps.append(
            ConditionHelp(
                key=rule.key,
                title=rule.title,
                need=rule.need,
                conditions=[c for c in conditions if c in rule.conditions],
                services=fitting,
            )
        )
    return helps


# --- freshness -------------------------------------------------------------------------------
def _scoped(queryset, access: ReviewAccess, partner_path: str):
    if access.partner is not None:
        return queryset.filter(**{partner_path: access.partner})
    return queryset


def overdue_services_for(*, territory: Territory, access: ReviewAccess, today=None):
    """Services past their review date (or never verified), scoped to what `access` may see;
    never-verified first, then the oldest."""
    today = today or timezone.localdate()
    pending = ServiceReview.objects.filter(kind=ReviewKind.CORRECTION, handled_at__isnull=True)
    queryset = (
        Service.objects.filter(territory=territory)
        .overdue(today)
        .select_related("structure", "structure__partner")
        .prefetch_related(Prefetch("reviews", queryset=pending, to_attr="pending_corrections"))
        .order_by(F("last_verified_on").asc(nulls_first=True), "nom")
    )
    return _scoped(queryset, access, "structure__partner")


def pending_corrections_for(*, territory: Territory, access: ReviewAccess):
    """Corrections sent by partners and not handled yet, oldest first."""
    queryset = (
        ServiceReview.objects.filter(
            territory=territory, kind=ReviewKind.CORRECTION, handled_at__isnull=True
        )
        .select_related("service", "service__structure", "partner")
        .order_by("created_at")
    )
    return _scoped(queryset, access, "service__structure__partner")


def services_for_partner(*, partner, today=None) -> list[Service]:
    """A partner's service sheets, overdue ones first (for the review page)."""
    today = today or timezone.localdate()
    services = list(
        Service.objects.filter(territory_id=partner.territory_id)
        .for_partner(partner)
        .select_related("structure")
        .order_by("nom")
    )
    return sorted(services, key=lambda s: (not s.is_overdue(today), s.nom.lower()))


def overdue_by_partner(*, territory: Territory, today=None) -> dict:
    """{partner: [overdue services]} for the partners of the territory, plus None for the
    overdue services no partner is linked to."""
    today = today or timezone.localdate()
    grouped: dict = {}
    services = (
        Service.objects.filter(territory=territory)
        .overdue(today)
        .select_related("structure", "structure__partner")
        .order_by("nom")
    )
    for service in services:
        grouped.setdefault(service.structure.partner, []).append(service)
    return grouped


def structures_of(*, territory: Territory, source_system: str | None = None):
    queryset = Structure.objects.filter(territory=territory)
    if source_system:
        queryset = queryset.filter(source_system=source_system)
    return queryset
