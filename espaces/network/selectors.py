"""The network view: a few anonymous indicators of every territory of the deployment, side by
side (docs/replicate.md), protected by disclosure control (espaces/stats/disclosure.py): whole
closed months, each monthly count under k (ESPACES_DISCLOSURE_K, default 5) withheld; network
totals add only the published counts, so that no withheld count can be found back by
subtraction."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espaces.orientation.models import OrientationCompletion
from espaces.stats import disclosure
from espaces.stats.selectors import (
    StatsFilter,
    held_sessions,
    history_start,
    school_figures,
    visit_figures,
)
from espaces.territories.models import Territory

# (key, label) in display order; the keys are those of GET /api/v1/network/stats.
INDICATORS = [
    ("visitors", _("Visiteurs accueillis")),
    ("professionals", _("Professionnels de l'accompagnement")),
    ("sessions", _("Séances tenues")),
    ("school_interventions", _("Interventions en classe")),
    ("questionnaires", _("Questionnaires d'orientation remplis")),
]


def small_count_k() -> int:
    """Counts below k are withheld (ESPACES_DISCLOSURE_K, espaces/stats/disclosure.py)."""
    return disclosure.k()


@dataclass
class Cell:
    key: str
    label: str
    value: int | None  # None: withheld (under k)

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass
class TerritoryRow:
    slug: str
    name: str
    short_name: str
    cells: list[Cell]

    @property
    def suppressed(self) -> list[str]:
        return [c.key for c in self.cells if c.suppressed]


@dataclass
class NetworkStats:
    date_from: dt.date | None
    date_to: dt.date | None
    k: int
    rows: list[TerritoryRow] = field(default_factory=list)

    def totals(self) -> list[dict]:
        """Per indicator: the sum of the published counts and how many territories were
        withheld (their counts are not in the sum)."""
        out = []
        for index, (key, label) in enumerate(INDICATORS):
            cells = [row.cells[index] for row in self.rows]
            out.append(
                {
                    "key": key,
                    "label": label,
                    "published_total": sum(c.value for c in cells if c.value is not None),
                    "territories_withheld": sum(1 for c in cells if c.suppressed),
                }
            )
        return out


def raw_counts(
    *, territory: Territory, date_from: dt.date | None, date_to: dt.date | None
) -> dict[str, int]:
    """The five counts of one territory for the period, before any suppression, read through
    the statistics selectors (espaces/stats/selectors.py) like the dashboard."""
    filters = StatsFilter(
        date_from=date_from or history_start(territory=territory),
        date_to=date_to or timezone.localdate(),
    )
    visits = visit_figures(territory=territory, filters=filters)
    schools = school_figures(territory=territory, filters=filters)
    return {
        "visitors": visits["visitors"],
        "professionals": visits["professionals"],
        "sessions": held_sessions(territory, filters).count(),
        "school_interventions": schools["interventions"],
        "questionnaires": OrientationCompletion.objects.filter(
            territory=territory, date__gte=filters.date_from, date__lte=filters.date_to
        ).count(),
    }


CLOSED_MONTH_SECONDS = 7 * 24 * 3600


def closed_month_counts(
    *, territory: Territory, months: list[tuple[dt.date, dt.date]]
) -> list[dict[str, int]]:
    """raw_counts of each closed month, kept in the shared cache: a closed month's figures do
    not change, unless a visit of that month is written (its VisitMonthVersion, read in one
    query) or content changes (the territory's content version: sessions, schools)."""
    from django.core.cache import cache

    from espaces.ops.content_version import current
    from espaces.stats.models import VisitMonthVersion

    if not months:
        return []
    visit_versions = dict(
        VisitMonthVersion.objects.filter(
            territory=territory, month__gte=months[0][0], month__lte=months[-1][1]
        ).values_list("month", "version")
    )
    content = current(territory.pk)
    keys = [
        f"espaces:reseau:{territory.pk}:{start:%Y-%m}:{visit_versions.get(start, 0)}:{content}"
        for start, _end in months
    ]
    known = cache.get_many(keys)
    missing = {}
    parts = []
    for key, (start, end) in zip(keys, months, strict=True):
        counts = known.get(key)
        if counts is None:
            counts = raw_counts(territory=territory, date_from=start, date_to=end)
            missing[key] = counts
        parts.append(counts)
    if missing:
        cache.set_many(missing, timeout=CLOSED_MONTH_SECONDS)
    return parts


def protected_counts(
    *, territory: Territory, date_from: dt.date | None, date_to: dt.date | None, k: int
) -> tuple[dict[str, int | None], tuple[dt.date, dt.date]]:
    """The five counts on whole closed months, each the sum of its monthly counts that reach
    k (espaces/stats/disclosure.py); None when nothing reaches k."""
    start, end = disclosure.closed_months(
        date_from or history_start(territory=territory), date_to or timezone.localdate()
    )
    parts = closed_month_counts(territory=territory, months=disclosure.months(start, end))
    counts = {}
    for key, _label in INDICATORS:
        total = disclosure.sum_published([p[key] for p in parts], k)
        counts[key] = total if total >= k else None
    return counts, (start, end)


def network_stats(
    *, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> NetworkStats:
    """Every territory's indicators for the period: whole closed months, monthly counts under k
    withheld, so that two overlapping periods cannot give a withheld count by subtraction."""
    k = small_count_k()
    stats = NetworkStats(date_from=date_from, date_to=date_to, k=k)
    for territory in Territory.objects.order_by("name", "slug"):
        counts, period = protected_counts(
            territory=territory, date_from=date_from, date_to=date_to, k=k
        )
        if date_from is not None:
            stats.date_from = period[0]
        if date_to is not None:
            stats.date_to = period[1]
        stats.rows.append(
            TerritoryRow(
                slug=territory.slug,
                name=territory.name,
                short_name=territory.short_name,
                cells=[Cell(key=key, label=label, value=counts[key]) for key, label in INDICATORS],
            )
        )
    return stats


NETWORK_PAGE_SECONDS = 3600


def cached_network_stats(
    *, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> NetworkStats:
    """network_stats() kept in the shared cache, under what can change it: the day, k, the
    period asked, the deployment's content version (territories, sessions, schools) and the
    versions of the visit months of every territory (one query; a visit written in a past month
    changes its month's version). The page then costs one query instead of three per territory
    (issue SPEED)."""
    from django.core.cache import cache
    from django.db.models import Count, Sum

    from espaces.ops.content_version import current
    from espaces.stats.models import VisitMonthVersion

    months = VisitMonthVersion.objects.aggregate(n=Count("pk"), total=Sum("version"))
    key = ":".join(
        str(part)
        for part in (
            "espaces:reseau-page",
            timezone.localdate().isoformat(),
            small_count_k(),
            date_from or "",
            date_to or "",
            current(),
            months["n"],
            months["total"] or 0,
        )
    )
    stats = cache.get(key)
    if stats is None:
        stats = network_stats(date_from=date_from, date_to=date_to)
        cache.set(key, stats, NETWORK_PAGE_SECONDS)
    return stats
