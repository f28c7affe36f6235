"""Headline figures side by side: the period, the period just before it and the same period a
year earlier, plus the targets of the pack (docs/stats.md « Comparaisons et objectifs »).

Every figure comes from `build_bilan_for`, the one read path of the statistics: a funder's
comparison periods are protected by disclosure control like the period itself (whole months,
counts under k withheld), so a difference between two shown figures is a difference between two
published figures and never reveals a withheld count."""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.territories.models import Territory

from .disclosure import month_end
from .selectors import StatsFilter

# headline key → label; the figures compared for every period
COMPARED = [
    ("visitors", _("Visiteurs du public")),
    ("professionals", _("Professionnels de l'accompagnement (à part)")),
    ("sessions", _("Séances tenues")),
    ("participants", _("Participants présents aux séances")),
    ("school_interventions", _("Interventions scolaires")),
    ("questionnaires", _("Questionnaires d'orientation remplis")),
    ("followed_people", _("Personnes accompagnées (dossiers ouverts)")),
    ("referrals", _("Orientations vers des partenaires")),
    ("hires", _("Embauches après une candidature relayée")),
]


def _whole_months(filters: StatsFilter) -> int | None:
    """The number of whole months of the period, or None when it does not start on the 1st
    and end on a month's last day."""
    start, end = filters.date_from, filters.date_to
    if start.day != 1 or end != month_end(end):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1, day=1)


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def previous_period(filters: StatsFilter) -> StatsFilter:
    """The period of the same length just before: whole months stay whole months (January–June
    → July–December of the year before), otherwise the same number of days."""
    months = _whole_months(filters)
    if months:
        start = _add_months(filters.date_from, -months)
        return replace(filters, date_from=start, date_to=month_end(_add_months(start, months - 1)))
    end = filters.date_from - dt.timedelta(days=1)
    return replace(filters, date_from=end - dt.timedelta(days=filters.days - 1), date_to=end)


def same_period_last_year(filters: StatsFilter) -> StatsFilter:
    end = _year_before(filters.date_to)
    if filters.date_to == month_end(filters.date_to):
        end = month_end(end)  # 29 February → 28 February, whole months stay whole
    return replace(filters, date_from=_year_before(filters.date_from), date_to=end)


@dataclass
class ComparedRow:
    key: str
    label: str
    current: float | None
    previous: float | None
    last_year: float | None

    @staticmethod
    def _delta(a, b):
        if a is None or b is None:
            return None
        return a - b

    @property
    def delta_previous(self):
        return self._delta(self.current, self.previous)

    @property
    def delta_last_year(self):
        return self._delta(self.current, self.last_year)


@dataclass
class Comparison:
    current: StatsFilter
    previous: StatsFilter
    last_year: StatsFilter
    rows: list[ComparedRow] = field(default_factory=list)
    protected: bool = False

    def as_dict(self) -> dict:
        return {
            "periods": {
                name: {"from": f.date_from.isoformat(), "to": f.date_to.isoformat()}
                for name, f in (
                    ("current", self.current),
                    ("previous", self.previous),
                    ("last_year", self.last_year),
                )
            },
            "rows": [
                {
                    "key": r.key,
                    "label": str(r.label),
                    "current": r.current,
                    "previous": r.previous,
                    "last_year": r.last_year,
                }
                for r in self.rows
            ],
        }


# The comparison periods are in the past: their headline is kept this long in the cache
# (CACHE_URL, shared by the app servers), so that moving around the dashboard, opening the
# summary and downloading the report compute them once. A late correction of a past period
# shows in the comparisons after at most this delay (the period itself is always fresh).
HEADLINE_CACHE_SECONDS = 600


def _headline(territory: Territory, filters: StatsFilter, exact: bool) -> dict:
    from django.core.cache import cache

    from .bilan import build_bilan_for

    key = ":".join(
        [
            "stats-headline",
            str(territory.pk),
            filters.date_from.isoformat(),
            filters.date_to.isoformat(),
            str(filters.site.pk if filters.site else ""),
            filters.public or "",
            "exact" if exact else "protected",
        ]
    )
    headline = cache.get(key)
    if headline is None:
        headline = build_bilan_for(territory=territory, filters=filters, exact=exact).headline
        cache.set(key, headline, HEADLINE_CACHE_SECONDS)
    return headline


def build_comparison(*, territory: Territory, bilan, exact: bool) -> Comparison:
    """The bilan's headline beside the two comparison periods (same reader, same protection;
    their headlines cached for HEADLINE_CACHE_SECONDS)."""
    filters = bilan.filters
    previous_f, last_year_f = previous_period(filters), same_period_last_year(filters)
    previous = _headline(territory, previous_f, exact)
    last_year = _headline(territory, last_year_f, exact)
    current = bilan.headline
    rows = [
        ComparedRow(key, str(label), current.get(key), previous.get(key), last_year.get(key))
        for key, label in COMPARED
    ]
    return Comparison(filters, previous_f, last_year_f, rows, protected=bilan.protected)


def period_label(filters: StatsFilter) -> str:
    from .selectors import format_day

    return gettext("du %(start)s au %(end)s") % {
        "start": format_day(filters.date_from),
        "end": format_day(filters.date_to),
    }
