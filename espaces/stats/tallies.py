"""Monthly tallies of the visit log, so that a year of statistics reads a few thousand
aggregated rows instead of grouping hundreds of thousands of visits on every page.

`visit_rows(territory, filters)` gives the people of the period as aggregated rows
`(month, site_id, public_category, dimension, value, people)`:
- the whole months of the period come from `VisitTally`, computed once per month by two GROUP BY
  queries and kept while the month's fingerprint (number of entries, last entry, number of
  people; one grouped pass over the covering index of the visits) is unchanged; a visit saved or
  deleted through the ORM also drops its month's fingerprint (signals below), which catches an
  edit that keeps the counts the same;
- the days of a partial month at either end of the period are grouped directly from the visits.

The tallies are a cache: deleting them (or `VisitTallyMonth`) only makes the next page compute
them again. Two requests computing the same month at once: the second one meets the unique
constraint and keeps the first one's rows, which are the same."""

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Sum
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from espaces.reception.models import Visit

from .enums import TallyDimension
from .models import VisitMonthVersion, VisitTally, VisitTallyMonth

Row = tuple[dt.date, int, str, str, str, int]
GRID = {
    TallyDimension.GENDER: "gender",
    TallyDimension.AGE_BAND: "age_band",
    TallyDimension.QPV: "qpv",
}
MIX = {
    TallyDimension.COMMUNE: "commune_id",
    TallyDimension.CHANNEL: "channel",
    TallyDimension.PURPOSE: "purpose",
}


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def split_period(date_from: dt.date, date_to: dt.date):
    """([first days of the whole months], [(start, end) of the partial stretches])."""
    whole, partial = [], []
    month = date_from.replace(day=1)
    while month <= date_to:
        start, end = max(month, date_from), min(month_end(month), date_to)
        if start == month and end == month_end(month):
            whole.append(month)
        else:
            partial.append((start, end))
        month = month_end(month) + dt.timedelta(days=1)
    return whole, partial


def _grouped(visits, month: dt.date) -> dict[tuple, int]:
    """People per (month, site, public, dimension, value) of a queryset of visits: two GROUP BY
    queries, folded along each dimension."""
    counts: dict[tuple, int] = defaultdict(int)
    for fields in (GRID, MIX):
        rows = visits.values("site_id", "public_category", *fields.values()).annotate(
            n=Sum("group_size")
        )
        for row in rows:
            for dimension, name in fields.items():
                value = row[name]
                key = (month, row["site_id"], row["public_category"], dimension.value)
                counts[(*key, "" if value is None else str(value))] += row["n"]
    return counts


def _fingerprints(territory, months: list[dt.date]) -> dict[dt.date, tuple[int, int, int]]:
    """(entries, last entry id, people) of each month, in one pass grouped by day (the order of
    the index: no sort)."""
    marks = {month: (0, 0, 0) for month in months}
    if not months:
        return marks
    days = (
        Visit.objects.filter(
            territory=territory, date__gte=months[0], date__lte=month_end(months[-1])
        )
        .order_by()
        .values("date")
        .annotate(entries=Count("id"), last=Max("id"), people=Sum("group_size"))
    )
    for day in days:
        month = day["date"].replace(day=1)
        if month not in marks:
            continue
        entries, last, people = marks[month]
        marks[month] = (entries + day["entries"], max(last, day["last"]), people + day["people"])
    return marks


def _versions(territory, months: list[dt.date]) -> dict[dt.date, int]:
    return dict(
        VisitMonthVersion.objects.filter(territory=territory, month__in=months)
        .order_by()
        .values_list("month", "version")
    )


def bump_version(territory_id: int, month: dt.date) -> None:
    """Called in the transaction that writes a visit: the month's tallies become stale for
    every reader once it commits, whatever the order of the concurrent requests."""
    updated = VisitMonthVersion.objects.filter(territory_id=territory_id, month=month).update(
        version=F("version") + 1
    )
    if updated:
        return
    try:
        with transaction.atomic():
            VisitMonthVersion.objects.create(territory_id=territory_id, month=month, version=1)
    except IntegrityError:  # created meanwhile by a concurrent write
        VisitMonthVersion.objects.filter(territory_id=territory_id, month=month).update(
            version=F("version") + 1
        )


def refresh_month(territory, month: dt.date, mark: tuple[int, int, int], version: int = 0) -> None:
    """Computes the tallies of one month again and stores them with the fingerprint read
    before (a visit written meanwhile changes the fingerprint: the month is computed again
    next time, never kept wrong)."""
    visits = Visit.objects.filter(
        territory=territory, date__gte=month, date__lte=month_end(month)
    ).order_by()
    counts = _grouped(visits, month)
    try:
        with transaction.atomic():
            VisitTally.objects.filter(territory=territory, month=month).delete()
            VisitTally.objects.bulk_create(
                VisitTally(
                    territory=territory,
                    month=month,
                    site_id=site_id,
                    public_category=public,
                    dimension=dimension,
                    value=value,
                    people=people,
                )
                for (_, site_id, public, dimension, value), people in counts.items()
            )
            VisitTallyMonth.objects.update_or_create(
                territory=territory,
                month=month,
                defaults={
                    "visits": mark[0],
                    "last_visit_id": mark[1],
                    "people": mark[2],
                    "version": version,
                },
            )
    except IntegrityError:  # another request stored the same month meanwhile
        pass


def fresh_months(territory, months: list[dt.date]) -> int:
    """Makes the tallies of these months current; returns how many had to be computed."""
    if not months:
        return 0
    # the versions are read before the visits: a write committed after this read bumps the
    # version, so a month computed from a snapshot without it is never kept
    versions = _versions(territory, months)
    marks = _fingerprints(territory, months)
    stored = {
        row[0]: tuple(row[1:])
        for row in VisitTallyMonth.objects.filter(territory=territory, month__in=months)
        .order_by()
        .values_list("month", "visits", "last_visit_id", "people", "version")
    }
    stale = [
        month for month in months if stored.get(month) != (*marks[month], versions.get(month, 0))
    ]
    for month in stale:
        refresh_month(territory, month, marks[month], versions.get(month, 0))
    return len(stale)


def visit_rows(territory, filters) -> list[Row]:
    """People of the period as aggregated rows (see the module's docstring), restricted to the
    filter's Espace and public category."""
    whole, partial = split_period(filters.date_from, filters.date_to)
    fresh_months(territory, whole)
    tallies = VisitTally.objects.filter(territory=territory, month__in=whole).order_by()
    if filters.site is not None:
        tallies = tallies.filter(site=filters.site)
    if filters.public:
        tallies = tallies.filter(public_category=filters.public)
    rows: list[Row] = list(
        tallies.values_list("month", "site_id", "public_category", "dimension", "value", "people")
    )
    for start, end in partial:
        visits = Visit.objects.filter(territory=territory, date__gte=start, date__lte=end)
        if filters.site is not None:
            visits = visits.filter(site=filters.site)
        if filters.public:
            visits = visits.filter(public_category=filters.public)
        grouped = _grouped(visits.order_by(), start.replace(day=1))
        rows += [(*key, people) for key, people in grouped.items()]
    return rows


@receiver(post_save, sender=Visit, dispatch_uid="stats_visit_saved")
@receiver(post_delete, sender=Visit, dispatch_uid="stats_visit_deleted")
def forget_month(sender, instance, **kwargs):
    """A visit saved or deleted through the ORM: its month's version is bumped in the same
    transaction (and its fingerprint dropped), so its tallies are computed again next time."""
    day = instance.date
    if not isinstance(day, dt.date):
        day = dt.date.fromisoformat(str(day)[:10])
    month = day.replace(day=1)
    bump_version(instance.territory_id, month)
    VisitTallyMonth.objects.filter(territory_id=instance.territory_id, month=month).delete()
