"""Disclosure control (espaces/stats/disclosure.py): no figure under k readable by a funder or
the public, directly or by difference; coordinators see exact figures."""

import datetime as dt

import pytest

from espaces.stats import disclosure
from espaces.stats.bilan import build_bilan_for
from espaces.stats.selectors import StatsFilter
from tests.reception.factories import BeneficiaryFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_protect_group_withholds_small_counts_and_a_complement():
    assert disclosure.protect_group({"a": 10, "b": 3, "c": 7}, 5) == {"a": 10, "b": None, "c": None}
    assert disclosure.protect_group({"a": 10, "b": 3, "c": 2}, 5) == {"a": 10, "b": None, "c": None}
    # a lone zero gives nothing away: no complement needed
    assert disclosure.protect_group({"a": 10, "b": 0, "c": 7}, 5) == {"a": 10, "b": None, "c": 7}
    assert disclosure.protect_group({"a": 5, "b": 6}, 5) == {"a": 5, "b": 6}


def test_k_comes_from_the_settings(settings):
    assert disclosure.k() == 5
    settings.ESPACES_DISCLOSURE_K = 11
    assert disclosure.k() == 11


def test_periods_are_whole_closed_months():
    today = dt.date(2026, 3, 15)
    assert disclosure.closed_months(dt.date(2025, 1, 10), dt.date(2025, 2, 3), today) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 2, 28),
    )
    # the running month is never published: two readings a day apart would give the day
    assert disclosure.closed_months(dt.date(2026, 3, 1), dt.date(2026, 3, 14), today) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )


@pytest.fixture
def small(world):
    """January 2025: 7 visitors (one woman), February: 2; a disabled participant on one day."""
    for _ in range(6):
        VisitFactory(site=world.centre, date=dt.date(2025, 1, 8), gender="homme")
    VisitFactory(site=world.centre, date=dt.date(2025, 1, 9), gender="femme")
    VisitFactory(site=world.gare, date=dt.date(2025, 2, 4), group_size=2, gender="homme")
    BeneficiaryFactory(
        territory=world.territory, site=world.centre, gender="femme", disability="oui",
        opened_on=dt.date(2025, 2, 4),
    )  # fmt: skip
    for day in (5, 6, 7, 8, 9, 12):
        BeneficiaryFactory(
            territory=world.territory, site=world.centre, gender="homme",
            opened_on=dt.date(2025, 1, day),
        )  # fmt: skip
    return world


def _api(client, headers, path, query):
    response = client.get(f"{path}?{query}", **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_funder_cannot_read_one_disabled_participant_of_one_day_and_one_site(
    client, small, bearer
):
    funder = bearer(small.users.funder)
    narrowed = client.get(
        "/api/v1/stats/indicators?from=2025-02-04&to=2025-02-04&site=centre", **funder
    )
    assert narrowed.status_code == 403
    assert "réservés à la coordination" in narrowed.json()["message"]
    data = _api(client, funder, "/api/v1/stats/indicators", "from=2025-02-04&to=2025-02-04")
    assert data["protected"] is True and data["period"] == {
        "from": "2025-02-01",
        "to": "2025-02-28",
    }
    eeco12 = next(i for i in data["indicators"] if i["code"] == "EECO12")
    assert all(eeco12[c] in (0,) or eeco12[c] >= 5 for c in ("femmes", "hommes", "total"))
    assert eeco12["femmes"] == 0
    # the coordinator reads the exact figure
    coordinator = bearer(small.users.coordinator)
    exact = _api(client, coordinator, "/api/v1/stats/indicators", "from=2025-02-04&to=2025-02-04")
    assert next(i for i in exact["indicators"] if i["code"] == "EECO12")["femmes"] == 1


def _counts(data, prefix=""):
    out = {}
    for key, value in data.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            out[prefix + key] = value
        elif isinstance(value, dict):
            out.update(_counts(value, f"{prefix}{key}."))
    return out


def test_no_small_count_by_difference_of_two_overlapping_periods(client, small, bearer):
    funder = bearer(small.users.funder)
    both = _counts(_api(client, funder, "/api/v1/stats/summary", "from=2025-01-01&to=2025-02-28"))
    january = _counts(
        _api(client, funder, "/api/v1/stats/summary", "from=2025-01-01&to=2025-01-31")
    )
    february = _counts(
        _api(client, funder, "/api/v1/stats/summary", "from=2025-02-01&to=2025-02-28")
    )
    assert both["visitors"] == 7 and january["visitors"] == 7 and february["visitors"] == 0
    for key, value in both.items():
        if key == "k":
            continue
        assert value == 0 or value >= 5, key
        difference = value - january.get(key, 0)
        assert difference == 0 or difference >= 5, key
    # January's lone woman is withheld, and so is a complement
    assert january["by_gender.femme"] == 0
    # the coordinator sees the exact difference
    coordinator = bearer(small.users.coordinator)
    exact = _api(client, coordinator, "/api/v1/stats/summary", "from=2025-01-01&to=2025-02-28")
    assert exact["visitors"] == 9 and exact["by_gender"]["femme"] == 1


def test_the_funder_dashboard_and_bilan_are_protected(client, small):
    filters = StatsFilter(date_from=dt.date(2025, 1, 3), date_to=dt.date(2025, 2, 10))
    protected = build_bilan_for(territory=small.territory, filters=filters, exact=False)
    assert protected.protected and protected.filters.date_from == dt.date(2025, 1, 1)
    assert protected.filters.date_to == dt.date(2025, 2, 28)
    data = protected.as_dict()
    flat = _counts({k: v for k, v in data.items() if k not in ("budget",)})
    small_ones = {
        key: value
        for key, value in flat.items()
        if 0 < value < 5 and not key.endswith(("industrial_metiers", "hours"))
    }
    assert small_ones == {}
    for item in data["indicators"]["items"]:
        for column in ("femmes", "hommes", "non_binaires", "non_renseigne", "total"):
            value = item[column]
            assert value == "non collecté" or value == 0 or value >= 5, item["code"]
    client.force_login(small.users.funder)
    html = client.get("/equipe/statistiques/?date_from=2025-02-04&date_to=2025-02-04").content
    assert "un nombre inférieur à 5 n" in html.decode()
    assert b'name="site"' not in html
    exact = build_bilan_for(territory=small.territory, filters=filters, exact=True)
    assert exact.indicators.by_code["EECO12"].values["femmes"] == 1


def test_public_page_and_network_add_only_published_months(client, small, settings):
    from espaces.network.selectors import network_stats

    stats = network_stats(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 2, 28))
    january = network_stats(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 1, 31))
    row = next(r for r in stats.rows if r.slug == small.territory.slug)
    row_january = next(r for r in january.rows if r.slug == small.territory.slug)
    assert row.cells[0].value == row_january.cells[0].value == 7
    html = client.get("/impact/").content.decode()
    assert "Homme : 8" not in html
