"""The public impact page: anonymous, aggregates only, and no count under k shown anywhere."""

import csv
import datetime as dt
import io
import re

import pytest

from espaces.stats.public import suppress_series, suppress_value
from espaces.stats.selectors import Series
from tests.reception.factories import VisitFactory


@pytest.fixture
def visits(world):
    day = dt.date(2025, 3, 10)
    VisitFactory(site=world.centre, date=day, public_category="demandeur_emploi", gender="femme",
                 group_size=40)  # fmt: skip
    VisitFactory(site=world.centre, date=day, public_category="stagiaire_formation", gender="homme",
                 group_size=12)  # fmt: skip
    VisitFactory(site=world.centre, date=day, public_category="etudiant", gender="autre",
                 group_size=3)  # fmt: skip
    VisitFactory(site=world.gare, date=dt.date(2025, 9, 1), public_category="salarie",
                 gender="homme", group_size=9)  # fmt: skip
    return world


def test_impact_page_is_public_and_shows_aggregates(client, visits):
    response = client.get("/impact/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "L'impact des Espaces 20 000 emplois" in html
    assert "Stagiaire de la formation professionnelle : 12." in html
    assert "64" in html  # 40 + 12 + 3 + 9 visitors


def test_small_counts_are_suppressed_in_tables_and_charts(client, visits):
    html = client.get("/impact/").content.decode()
    assert "moins de 5" in html
    # the three students: neither in the chart's text alternative, nor its bar, nor its table
    assert "Étudiant·e : 3" not in html
    assert "Étudiant·e : moins de 5" in html
    assert not re.search(r"<th scope=\"row\">Étudiant·e</th><td>\d", html)
    # « autre » gender (3 people) is suppressed in the gender chart too
    assert "Autre : moins de 5" in html
    # no number from 1 to 4 is printed as a value anywhere in the charts
    values = re.findall(r'class="chart-value">([^<]*)<', html)
    assert values and all(v == "moins de 5" or int(v.replace("\u202f", "")) >= 5 for v in values)
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert all(c in ("", "moins de 5") or not c.isdigit() or int(c) >= 5 for c in cells)


def test_threshold_is_configurable(client, visits, settings):
    settings.ESPACES_DISCLOSURE_K = 10
    html = client.get("/impact/").content.decode()
    assert "moins de 10" in html
    assert "Salarié·e : 9" not in html


def test_public_csv_is_suppressed_too(client, visits):
    response = client.get("/impact/donnees/visiteurs-par-public.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    by_key = {row[0]: row[2] for row in rows[1:]}
    assert by_key["demandeur_emploi"] == "40"
    assert by_key["etudiant"] == "moins de 5"
    assert client.get("/impact/donnees/inconnu.csv").status_code == 404


def test_a_single_small_cell_brings_down_the_next_smallest():
    series = Series("s", "t", "d", [("a", "A", 50), ("b", "B", 20), ("c", "C", 2)])
    cells = {c.key: c for c in suppress_series(series, 5).cells}
    assert cells["c"].suppressed and cells["b"].suppressed and not cells["a"].suppressed
    assert suppress_value(4, 5) == (None, "moins de 5")
    assert suppress_value(5, 5) == (5, "")
