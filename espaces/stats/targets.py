"""Targets of the pack (targets.yaml) against the figures of the period shown: each target is
prorated to the days of its period that the period shown covers (docs/stats.md)."""

from dataclasses import dataclass
from decimal import Decimal

from espaces.territories.models import Territory

from .comparison import COMPARED
from .models import Target
from .selectors import StatsFilter

LABELS = dict(COMPARED)


@dataclass
class TargetProgress:
    target: Target
    label: str
    achieved: float
    expected: Decimal | None  # the target's share for the period shown, None when outside it
    covered_days: int

    @property
    def ratio(self) -> float | None:
        if not self.expected:
            return None
        return float(Decimal(str(self.achieved)) / self.expected)

    @property
    def percent(self) -> int:
        """0–100 for the <progress> element (a ratio above 1 shows a full bar)."""
        return min(100, round((self.ratio or 0) * 100))

    def as_dict(self) -> dict:
        t = self.target
        return {
            "slug": t.slug,
            "indicator": t.indicator,
            "label": self.label,
            "value": float(t.value),
            "unit": t.unit,
            "period": {"from": t.period_start.isoformat(), "to": t.period_end.isoformat()},
            "source": t.source.title if t.source else None,
            "achieved": self.achieved,
            "expected_for_period": float(self.expected) if self.expected is not None else None,
            "ratio": self.ratio,
        }


def target_progress(*, territory: Territory, filters: StatsFilter, headline: dict) -> list:
    """One line per target overlapping the period shown (one query)."""
    out = []
    targets = Target.objects.filter(
        territory=territory,
        period_start__lte=filters.date_to,
        period_end__gte=filters.date_from,
    ).select_related("source")
    for target in targets:
        start = max(target.period_start, filters.date_from)
        end = min(target.period_end, filters.date_to)
        covered = (end - start).days + 1
        total = (target.period_end - target.period_start).days + 1
        expected = (target.value * covered / total).quantize(Decimal("0.1"))
        out.append(
            TargetProgress(
                target=target,
                label=str(LABELS.get(target.indicator, target.indicator)),
                achieved=headline.get(target.indicator) or 0,
                expected=expected,
                covered_days=covered,
            )
        )
    return out
