"""Cases of the PRIVACY review (issue #18) that had no test of their own: overlapping periods on
the network page and its API, and one code path (one disclosure control) for the API summary
and the dashboard's bilan (docs/security.md, « Cas de la revue → test »)."""

import datetime as dt
import re

import pytest

from espaces.stats.bilan import build_bilan_for
from espaces.stats.selectors import StatsFilter
from tests.reception.factories import VisitFactory

pytestmark = pytest.mark.django_db
K = 5


@pytest.fixture
def small(world):
    """January 2025: 7 visitors of the public (one woman) and 1 professional; February: a group
    of 2 and 1 professional. Every February count is under k."""
    for _ in range(6):
        VisitFactory(site=world.centre, date=dt.date(2025, 1, 8), gender="homme")
    VisitFactory(site=world.centre, date=dt.date(2025, 1, 9), gender="femme")
    VisitFactory(
        site=world.centre, date=dt.date(2025, 1, 10), public_category="professionnel_accompagnement"
    )
    VisitFactory(site=world.gare, date=dt.date(2025, 2, 4), group_size=2, gender="homme")
    VisitFactory(
        site=world.gare, date=dt.date(2025, 2, 5), public_category="professionnel_accompagnement"
    )
    return world


def _no_small_difference(wide: dict, narrow: dict):
    for key, value in wide.items():
        other = narrow.get(key)
        if value is None or other is None:
            continue
        assert value == 0 or value >= K, (key, value)
        assert value - other == 0 or value - other >= K, (key, value, other)


def test_network_api_gives_no_small_count_by_subtracting_overlapping_periods(client, small):
    def indicators(query):
        response = client.get(f"/api/v1/network/stats?{query}")
        assert response.status_code == 200, response.content
        row = next(t for t in response.json()["territories"] if t["slug"] == "exemple")
        return row["indicators"]

    both = indicators("from=2025-01-01&to=2025-02-28")
    january = indicators("from=2025-01-01&to=2025-01-31")
    february = indicators("from=2025-02-01&to=2025-02-28")
    assert both["visitors"] == january["visitors"] == 7  # February's 2 never published
    assert february["visitors"] is None
    _no_small_difference(both, january)
    # a window cut inside the months is widened to whole months: no day-level reading
    assert indicators("from=2025-01-09&to=2025-01-09")["visitors"] == 7


def _page_row(client, query) -> list[str]:
    page = client.get(f"/reseau/?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    row = re.search(r'<th scope="row">Communauté d&#x27;exemple</th>(.*?)</tr>', html, re.S)
    assert row, html[:2000]
    return [re.sub(r"<[^>]+>|\s", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row.group(1))]


def test_network_page_gives_no_small_count_by_subtracting_overlapping_periods(client, small):
    both = _page_row(client, "from=2025-01-01&to=2025-02-28")
    january = _page_row(client, "from=2025-01-01&to=2025-01-31")
    assert both[0] == january[0] == "7"
    for wide, narrow in zip(both, january, strict=True):
        if wide.isdigit() and narrow.isdigit():
            assert int(wide) - int(narrow) in (0,) or int(wide) - int(narrow) >= K
    assert "moinsde5" in "".join(_page_row(client, "from=2025-02-01&to=2025-02-28"))


@pytest.mark.parametrize("role, exact", [("coordinator", True), ("funder", False)])
def test_api_summary_and_dashboard_bilan_are_one_code_path(client, small, bearer, role, exact):
    """The same figures, exact or protected, whichever way they are read."""
    headers = bearer(getattr(small.users, role))
    api = client.get("/api/v1/stats/summary?from=2025-01-01&to=2025-02-28", **headers).json()
    bilan = build_bilan_for(
        territory=small.territory,
        filters=StatsFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 2, 28)),
        exact=exact,
    ).as_dict()["visits"]
    for key in ("visitors", "professionals"):
        assert api[key] == bilan[key], key
    assert {g: v for g, v in api["by_gender"].items() if v} == {
        g: v for g, v in bilan["by_gender"].items() if v
    }
    assert api["visitors"] == (9 if exact else 7)
