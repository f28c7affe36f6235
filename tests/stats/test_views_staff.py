"""The staff dashboard: who may open it, what it shows, its CSV and report downloads."""

import csv
import io

import pytest
from django.urls import reverse

URL = "/equipe/statistiques/"
PERIOD = "?date_from=2025-01-01&date_to=2025-06-30"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mediator", 403),
        ("partner", 403),
        ("other_coordinator", 403),
        ("funder", 200),
        ("coordinator", 200),
    ],
)
def test_dashboard_is_for_coordinators_and_funders_of_the_territory(client, world, role, status):
    client.force_login(getattr(world.users, role))
    assert client.get(URL).status_code == status
    assert client.get(f"{URL}bilan.pdf").status_code == status
    assert client.get(f"{URL}donnees/visiteurs-par-public.csv").status_code == status


def test_anonymous_is_sent_to_the_login_page(client, world):
    for url in (URL, f"{URL}bilan.json", f"{URL}donnees/visiteurs-par-public.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_dashboard_shows_the_figures_charts_and_checks(
    client, semester, django_assert_max_num_queries
):
    client.force_login(semester.users.coordinator)
    client.get(URL + PERIOD)  # the first view computes the monthly tallies of the visits
    # 32: two for the recruitment figures; 34: the targets and the commentary of the period
    # (the comparison periods' headlines are cached by the first view: espaces/stats/comparison.py)
    with django_assert_max_num_queries(34):
        response = client.get(URL + PERIOD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "du 1 janvier 2025 au 30 juin 2025" in html
    assert 'role="img"' in html and "Voir les données du graphique en tableau" in html
    assert "Stagiaire de la formation professionnelle : 8." in html  # the chart's text alternative
    assert "EECO01" in html and "Respecté" in html and "Non respecté" not in html
    assert "Télécharger les données (CSV)" in html
    assert "/equipe/statistiques/bilan.pdf?date_from=2025-01-01" in html
    assert "Part des femmes parmi les personnes suivies" in html
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_query_count_does_not_grow_with_the_data(client, semester, django_assert_max_num_queries):
    from tests.reception.factories import VisitFactory

    client.force_login(semester.users.coordinator)
    client.get(URL + PERIOD)  # the monthly tallies of the six months
    for _ in range(30):
        VisitFactory(
            site=semester.centre, date=semester.centre.opened_on.replace(year=2025, month=5)
        )
    # May is computed again (a fixed number of queries, whatever its number of visits).
    with django_assert_max_num_queries(34 + 12):
        assert client.get(URL + PERIOD).status_code == 200
    # 34: two for the recruitment figures, the targets and the commentary
    with django_assert_max_num_queries(34):
        assert client.get(URL + PERIOD).status_code == 200


def test_chart_csv_has_the_charts_rows(client, semester):
    client.force_login(semester.users.coordinator)
    response = client.get(f"{URL}donnees/visiteurs-par-public.csv{PERIOD}")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Identifiant", "Libellé", "Personnes"]
    assert ["stagiaire_formation", "Stagiaire de la formation professionnelle", "8"] in rows
    table = client.get(f"{URL}donnees/seances-par-type.csv{PERIOD}").content.decode()
    assert "Taux de remplissage" in table.splitlines()[0]
    assert client.get(f"{URL}donnees/inconnu.csv").status_code == 404


def test_public_filter_applies_to_visits(client, semester):
    client.force_login(semester.users.coordinator)
    response = client.get(f"{URL}donnees/visiteurs-par-public.csv{PERIOD}&public=habitant")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [["habitant", "Habitant·e", "2"]]


def test_bad_filters_are_explained_and_the_default_period_shown(client, world):
    client.force_login(world.users.coordinator)
    response = client.get(f"{URL}?date_from=2025-06-30&date_to=2025-01-01&site=nulle-part")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Les filtres n'ont pas été appliqués" in html
    assert "La fin de la période doit suivre son début" in html


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("xlsx", "application/vnd.openxmlformats", b"PK"),
        ("json", "application/json", b"{"),
        ("csv", "text/csv", b"section"),
    ],
)
def test_report_download_buttons(client, semester, fmt, content_type, start):
    client.force_login(semester.users.funder)
    response = client.get(f"{URL}bilan.{fmt}{PERIOD}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response.content.startswith(start)
    assert 'filename="bilan-exemple-2025-01-01-2025-06-30.' in response["Content-Disposition"]


def test_unknown_report_format_is_404(client, world):
    client.force_login(world.users.coordinator)
    assert client.get(f"{URL}bilan.docx").status_code == 404


def test_the_funder_dashboard_runs_one_bilan_per_month(
    client, semester, django_assert_max_num_queries
):
    """Disclosure control computes the period and each of its months (docs/stats.md)."""
    client.force_login(semester.users.funder)
    client.get(URL + PERIOD)
    with django_assert_max_num_queries(32 + 6 * 26):  # +2: targets and commentary
        response = client.get(URL + PERIOD)
    html = response.content.decode()
    assert response.status_code == 200 and "est donc un minimum" in html
    assert "Stagiaire de la formation professionnelle : 8." in html  # April: 8, published
