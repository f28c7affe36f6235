"""A month's tallies written by a slow request after a concurrent edit that kept the month's
fingerprint (same entries, same last entry, same people) are not kept: the month's version,
bumped in the edit's transaction, no longer matches."""

import datetime as dt

import pytest

from espaces.stats import tallies
from espaces.stats.models import VisitMonthVersion
from espaces.stats.selectors import StatsFilter, visit_figures
from tests.reception.factories import VisitFactory

pytestmark = pytest.mark.django_db
MONTH = dt.date(2025, 3, 1)


def test_a_concurrent_edit_keeping_the_fingerprint_is_not_lost(world):
    t = world.territory
    visit = VisitFactory(site=world.centre, date=dt.date(2025, 3, 10), gender="femme")
    filters = StatsFilter(date_from=MONTH, date_to=dt.date(2025, 3, 31))
    assert visit_figures(territory=t, filters=filters)["by_gender"]["femme"] == 1

    # a slow request reads the version and fingerprint of March before the edit…
    version = tallies._versions(t, [MONTH]).get(MONTH, 0)
    mark = tallies._fingerprints(t, [MONTH])[MONTH]
    # …the edit commits (same counts, another gender)…
    visit.gender = "homme"
    visit.save()
    assert VisitMonthVersion.objects.get(territory=t, month=MONTH).version == version + 1
    # …then the slow request stores the month computed from its old snapshot (simulated by
    # putting the old gender back in the rows it wrote)
    tallies.refresh_month(t, MONTH, mark, version)
    from espaces.stats.models import VisitTally

    VisitTally.objects.filter(territory=t, month=MONTH, dimension="gender").update(value="femme")

    figures = visit_figures(territory=t, filters=filters)
    assert figures["by_gender"]["homme"] == 1 and figures["by_gender"]["femme"] == 0
