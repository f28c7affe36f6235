"""The network view: a few anonymous indicators of every territory of the deployment, side by
side (docs/replicate.md). Each count under k (ESPACES_SMALL_COUNT_K, default 5) is withheld for
that territory, and network totals add only the published counts, so that no withheld count can
be found back by subtraction."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from espaces.events.selectors import attendance_stats, school_stats
from espaces.orientation.models import OrientationCompletion
from espaces.reception.selectors import visit_summary
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
    """Counts below k are withheld (the same setting as the public impact page)."""
    return max(1, int(getattr(settings, "ESPACES_SMALL_COUNT_K", 5)))


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
    """The five counts of one territory for the period, before any suppression."""
    visits = visit_summary(territory=territory, date_from=date_from, date_to=date_to)
    sessions = attendance_stats(
        territory=territory, date_from=date_from, date_to=date_to, site=None
    )
    schools = school_stats(territory=territory, date_from=date_from, date_to=date_to, site=None)
    completions = OrientationCompletion.objects.filter(territory=territory)
    if date_from:
        completions = completions.filter(date__gte=date_from)
    if date_to:
        completions = completions.filter(date__lte=date_to)
    return {
        "visitors": visits["visitors"],
        "professionals": visits["professionals"],
        "sessions": sessions.total.sessions,
        "school_interventions": schools.interventions,
        "questionnaires": completions.count(),
    }


def network_stats(
    *, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> NetworkStats:
    """Every territory's indicators for the period (bounds included), counts under k withheld."""
    k = small_count_k()
    stats = NetworkStats(date_from=date_from, date_to=date_to, k=k)
    for territory in Territory.objects.order_by("name", "slug"):
        counts = raw_counts(territory=territory, date_from=date_from, date_to=date_to)
        stats.rows.append(
            TerritoryRow(
                slug=territory.slug,
                name=territory.name,
                short_name=territory.short_name,
                cells=[
                    Cell(key=key, label=label, value=counts[key] if counts[key] >= k else None)
                    for key, label in INDICATORS
                ],
            )
        )
    return stats
