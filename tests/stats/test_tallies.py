"""The monthly tallies of the visit log (espaces/stats/tallies.py): the figures read through
them are the figures of the visits themselves, whatever was written, edited or deleted since,
and by whatever path (ORM save, bulk insert, delete)."""

import datetime as dt
import random

import pytest

from espaces.common.enums import PublicCategory
from espaces.reception.enums import AgeBand, Gender, Qpv
from espaces.reception.models import Visit
from espaces.stats import tallies
from espaces.stats.models import VisitTally, VisitTallyMonth
from espaces.stats.selectors import StatsFilter, visit_figures
from espaces.territories.models import Commune

pytestmark = pytest.mark.django_db


def expected(visits, *, site=None, public="", date_from, date_to):
    """The figures computed the slow way, one visit after another."""
    rows = [
        v
        for v in visits
        if date_from <= v.date <= date_to
        and (site is None or v.site_id == site.pk)
        and (not public or v.public_category == public)
    ]
    pro = PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT
    figures = {
        "visitors": sum(v.group_size for v in rows if v.public_category != pro),
        "professionals": sum(v.group_size for v in rows if v.public_category == pro),
        "by_gender": {g: 0 for g in Gender.values},
        "by_age_band": {a: 0 for a in AgeBand.values},
        "qpv": {q: 0 for q in Qpv.values},
        "communes": {},
        "months": {},
    }
    for v in rows:
        month = v.date.replace(day=1).strftime("%Y-%m")
        figures["months"].setdefault(month, 0)
        if v.public_category == pro:
            continue
        figures["months"][month] += v.group_size
        figures["by_gender"][v.gender] += v.group_size
        figures["by_age_band"][v.age_band] += v.group_size
        figures["qpv"][v.qpv] += v.group_size
        insee = v.commune.insee if v.commune_id else ""
        figures["communes"][insee] = figures["communes"].get(insee, 0) + v.group_size
    return figures


def observed(territory, **filters):
    figures = visit_figures(territory=territory, filters=StatsFilter(**filters))
    series = {s.slug: s for s in figures["series"]}
    return {
        "visitors": figures["visitors"],
        "professionals": figures["professionals"],
        "by_gender": figures["by_gender"],
        "by_age_band": figures["by_age_band"],
        "qpv": figures["qpv"],
        "communes": {key: n for key, _, n in series["visiteurs-par-commune"].rows},
        "months": {key: n for key, _, n in series["visiteurs-par-mois"].rows},
    }


@pytest.fixture
def log(world):
    """240 visits of every kind from November 2024 to April 2025, in both Espaces."""
    rng = random.Random(7)
    communes = list(Commune.objects.filter(territory=world.territory)) + [None]
    start = dt.date(2024, 11, 1)
    visits = Visit.objects.bulk_create(
        Visit(
            territory=world.territory,
            site=rng.choice([world.centre, world.gare]),
            date=start + dt.timedelta(days=rng.randrange(181)),
            public_category=rng.choice(PublicCategory.values),
            gender=rng.choice(Gender.values),
            age_band=rng.choice(AgeBand.values),
            qpv=rng.choice(Qpv.values),
            commune=rng.choice(communes),
            channel=rng.choice(["", "spontane", "evenement"]),
            group_size=rng.choice([1, 1, 1, 3]),
        )
        for _ in range(240)
    )
    return list(Visit.objects.filter(pk__in=[v.pk for v in visits]).select_related("commune"))


PERIODS = [
    # whole months only, partial months at both ends, a single partial month
    dict(date_from=dt.date(2024, 11, 1), date_to=dt.date(2025, 4, 30)),
    dict(date_from=dt.date(2024, 11, 17), date_to=dt.date(2025, 3, 9)),
    dict(date_from=dt.date(2025, 2, 3), date_to=dt.date(2025, 2, 20)),
]


@pytest.mark.parametrize("period", PERIODS)
def test_figures_through_the_tallies_are_the_visits_figures(world, log, period):
    assert observed(world.territory, **period) == expected(log, **period)
    # read again from the stored tallies
    assert observed(world.territory, **period) == expected(log, **period)
    # with an Espace and a public category
    narrowed = dict(period, site=world.gare, public=PublicCategory.DEMANDEUR_EMPLOI)
    assert observed(world.territory, **narrowed) == expected(log, **narrowed)


def test_whole_months_are_stored_once_and_read_back(world, log):
    period = PERIODS[0]
    visit_figures(territory=world.territory, filters=StatsFilter(**period))
    assert VisitTallyMonth.objects.filter(territory=world.territory).count() == 6
    people = sum(v.group_size for v in log)
    stored = VisitTally.objects.filter(territory=world.territory, dimension="gender")
    assert sum(stored.values_list("people", flat=True)) == people
    assert tallies.fresh_months(world.territory, tallies.split_period(**period)[0]) == 0


def test_an_edit_a_deletion_and_a_bulk_insert_are_seen(world, log):
    period = PERIODS[0]
    observed(world.territory, **period)
    # an edit that changes neither the number of entries nor the number of people
    visit = next(v for v in log if v.gender != Gender.FEMME)
    visit.gender = Gender.FEMME
    visit.save()
    # a deletion
    log[-1].delete()
    # a bulk insert (no signal: the fingerprint of the month catches it)
    Visit.objects.bulk_create(
        [
            Visit(
                territory=world.territory,
                site=world.centre,
                date=dt.date(2025, 1, 15),
                public_category=PublicCategory.HABITANT,
                gender=Gender.HOMME,
                group_size=5,
            )
        ]
    )
    remaining = list(
        Visit.objects.filter(territory=world.territory).select_related("commune").order_by("pk")
    )
    assert observed(world.territory, **period) == expected(remaining, **period)


def test_another_territory_is_never_counted(world, log):
    from tests.factories import SiteFactory

    other_site = SiteFactory(territory=world.users.other_coordinator.territory, slug="autre")
    Visit.objects.create(
        territory=other_site.territory,
        site=other_site,
        date=dt.date(2025, 1, 10),
        public_category=PublicCategory.HABITANT,
        group_size=50,
    )
    period = PERIODS[0]
    assert observed(world.territory, **period) == expected(log, **period)
    other = observed(other_site.territory, **period)
    assert other["visitors"] == 50 and other["months"] == {"2025-01": 50}


def test_split_period():
    whole, partial = tallies.split_period(dt.date(2024, 12, 15), dt.date(2025, 3, 31))
    assert whole == [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    assert partial == [(dt.date(2024, 12, 15), dt.date(2024, 12, 31))]
    assert tallies.month_end(dt.date(2024, 2, 1)) == dt.date(2024, 2, 29)
