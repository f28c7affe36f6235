"""Disclosure control: the one place that decides which counts a reader may see
(docs/stats.md, « Disclosure control »). Used by the dashboard, the bilan downloads, the public
/impact/ page, the API (`/api/v1/stats/summary`, `/api/v1/stats/indicators`,
`/api/v1/network/stats`) and /reseau/.

Readers who may open personal files (coordinators, admins) see exact figures. Every other
reader (funders, the public, the network of territories) gets **protected** figures:

1. Periods are whole calendar months (`align`), for the whole territory (no Espace nor public
   filter: those would give small counts by subtraction from the territory's figure).
2. The unit of publication is the calendar month: within each month, every count under k
   (`ESPACES_DISCLOSURE_K`, default 5) is withheld, and when a group of counts (genders, age
   bands, publics…) has exactly one withheld count, its smallest other count is withheld too
   (complementary suppression: the group's total would give it back).
3. A figure of a period is the sum of its published monthly counts. Any difference between two
   figures (two overlapping periods, a total and its parts) is therefore a sum of monthly counts
   that are each ≥ k, or zero: no withheld count can be found back by subtraction. Figures are
   minima: « au moins N ».

Rates computed from withheld counts (fill rate, no-show rate) are not given to these readers;
the sensitive categories (EECO12–EECO16: disability, third-country nationals, foreign
background, minorities, homelessness) follow the same rule, so they are never below k for them.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from django.conf import settings

from espaces.accounts.enums import Role

# Keys that are not counts of people: kept as computed on the whole period.
NOT_PEOPLE = {"hours", "session_hours", "industrial_metiers", "k"}


def k() -> int:
    """The smallest count readable by a reader without access to personal files."""
    return max(1, int(getattr(settings, "ESPACES_DISCLOSURE_K", 5)))


def sees_exact_figures(user) -> bool:
    """Coordinators and admins (who may read personal files) see exact figures."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.has_role(Role.ADMIN, Role.COORDINATOR)
    )


# --- periods --------------------------------------------------------------------------------
def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def align(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The whole months covering the period."""
    return month_start(date_from), month_end(date_to)


def months(date_from: dt.date, date_to: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The whole months of an aligned period, in order."""
    out = []
    start = month_start(date_from)
    while start <= date_to:
        end = month_end(start)
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def closed_months(
    date_from: dt.date, date_to: dt.date, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The whole months covering the period, ending with the last complete month: the figures
    of a month still running change day by day, and two readings a day apart would give the
    day's counts by subtraction."""
    from django.utils import timezone

    today = today or timezone.localdate()
    start, end = align(date_from, date_to)
    last_closed = month_start(today) - dt.timedelta(days=1)
    end = min(end, last_closed)
    start = min(start, month_start(end))
    return start, end


def align_filters(filters, today: dt.date | None = None):
    """A StatsFilter for a protected reader: whole closed months, whole territory, every
    public."""
    start, end = closed_months(filters.date_from, filters.date_to, today)
    return replace(filters, date_from=start, date_to=end, site=None, public="")


# --- suppression ----------------------------------------------------------------------------
def protect_group(values: dict, threshold: int | None = None) -> dict:
    """Counts under k → None; when exactly one non-zero count is withheld, the smallest other
    published count is withheld too (complementary suppression)."""
    threshold = threshold or k()
    out = {key: (value if value >= threshold else None) for key, value in values.items()}
    withheld = [key for key, value in values.items() if out[key] is None]
    if len(withheld) == 1 and values[withheld[0]] > 0:
        shown = [key for key in values if out[key] is not None]
        if shown:
            smallest = min(shown, key=lambda key: values[key])
            out[smallest] = None
    return out


def protect_value(value: int, threshold: int | None = None) -> int | None:
    threshold = threshold or k()
    return value if value >= threshold else None


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_group(value) -> bool:
    return isinstance(value, dict) and len(value) > 1 and all(_is_count(v) for v in value.values())


def sum_published(parts: Sequence, threshold: int) -> int:
    """The sum of the monthly counts that reach k."""
    return sum(p for p in parts if _is_count(p) and p >= threshold)


def sum_groups(full: dict, parts: Sequence[dict], threshold: int) -> dict:
    """Per key, the sum of the monthly counts published after complementary suppression."""
    protected = [protect_group(p, threshold) for p in parts if isinstance(p, dict)]
    return {key: sum(p.get(key) or 0 for p in protected) for key in full}


def combine(full, parts: Sequence, threshold: int, key: str = ""):
    """The protected version of `full` (a figure or a structure of figures of the whole
    period) from the same structures computed month by month (`parts`)."""
    from .selectors import Series, Table

    if full is None or isinstance(full, bool | str | dt.date):
        return full
    if key in NOT_PEOPLE:
        return full
    if _is_count(full):
        return sum_published(parts, threshold)
    if isinstance(full, float):
        return None  # a rate: computed from counts some of which are withheld
    if _is_group(full):
        return sum_groups(full, parts, threshold)
    if isinstance(full, dict):
        return {
            name: combine(
                value, [p.get(name) for p in parts if isinstance(p, dict)], threshold, name
            )
            for name, value in full.items()
        }
    if isinstance(full, Series):
        groups = [{k_: v for k_, _, v in p.rows} for p in parts if isinstance(p, Series)]
        summed = sum_groups({k_: v for k_, _, v in full.rows}, groups, threshold)
        return replace(full, rows=[(k_, label, summed[k_]) for k_, label, _ in full.rows])
    if isinstance(full, Table):
        return _combine_table(full, [p for p in parts if isinstance(p, Table)], threshold)
    if isinstance(full, list):
        return [_combine_item(item, parts, threshold, index) for index, item in enumerate(full)]
    return full


def _item_key(item):
    from .selectors import Series

    if isinstance(item, Series):
        return ("series", item.slug)
    if isinstance(item, dict):
        return ("dict", item.get("name") or item.get("slug") or item.get("key"))
    return None


def _combine_item(item, parts: Sequence, threshold: int, index: int):
    key = _item_key(item)
    matches = []
    for part in parts:
        if not isinstance(part, list):
            continue
        if key is None:
            matches.append(part[index] if index < len(part) else None)
        else:
            matches.extend(p for p in part if _item_key(p) == key)
    return combine(item, matches, threshold)


def _combine_table(full, parts: Sequence, threshold: int):
    """Rows matched by their first cell; each count cell is the sum of its published monthly
    values; other cells (names, hours) stay; percentages are withheld."""
    by_label = {}
    for part in parts:
        for row in part.rows:
            by_label.setdefault(row[0], []).append(row)
    rows = []
    for row in full.rows:
        monthly = by_label.get(row[0], [])
        out = [row[0]]
        for index, cell in enumerate(row[1:], start=1):
            if _is_count(cell):
                out.append(sum_published([m[index] for m in monthly], threshold))
            elif isinstance(cell, str) and cell.endswith("%"):
                out.append("—")
            else:
                out.append(cell)
        rows.append(out)
    return replace(full, rows=rows)


def protected(
    compute: Callable, *, filters, threshold: int | None = None, exact: bool = False
) -> tuple[object, object]:
    """(figures, filters): `compute(filters)` on the period as asked when `exact`, else on
    the aligned period, combined from the same computation month by month."""
    if exact:
        return compute(filters), filters
    threshold = threshold or k()
    aligned = align_filters(filters)
    full = compute(aligned)
    parts = [
        compute(replace(aligned, date_from=start, date_to=end))
        for start, end in months(aligned.date_from, aligned.date_to)
    ]
    return combine(full, parts, threshold), aligned
