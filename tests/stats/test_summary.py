"""The report's summary: comparisons (previous period, same period a year earlier) through the
one read path and disclosure control, targets of the pack, the coordinator's commentary."""

import datetime as dt
import io

from openpyxl import load_workbook

from espaces.common.models import AuditLog
from espaces.common.numbers import NNBSP
from espaces.stats.comparison import previous_period, same_period_last_year
from espaces.stats.models import ReportCommentary
from espaces.stats.selectors import StatsFilter

URL = "/equipe/statistiques/"
SUMMARY = "/equipe/statistiques/synthese/"
PERIOD = "?date_from=2025-01-01&date_to=2025-06-30"
APRIL = "?date_from=2025-04-01&date_to=2025-04-30"


def _f(start, end):
    return StatsFilter(date_from=start, date_to=end)


def test_previous_period_of_whole_months_is_whole_months():
    f = _f(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    p = previous_period(f)
    assert (p.date_from, p.date_to) == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    march = previous_period(_f(dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
    assert (march.date_from, march.date_to) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))


def test_previous_period_of_days_has_the_same_length():
    p = previous_period(_f(dt.date(2025, 3, 10), dt.date(2025, 3, 16)))
    assert (p.date_from, p.date_to) == (dt.date(2025, 3, 3), dt.date(2025, 3, 9))


def test_same_period_last_year_handles_29_february():
    leap = same_period_last_year(_f(dt.date(2024, 2, 1), dt.date(2024, 2, 29)))
    assert (leap.date_from, leap.date_to) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    days = same_period_last_year(_f(dt.date(2024, 2, 29), dt.date(2024, 3, 5)))
    assert (days.date_from, days.date_to) == (dt.date(2023, 2, 28), dt.date(2023, 3, 5))


def _row(response, key):
    return next(r for r in response.context["bilan"].comparison.rows if r.key == key)


def test_dashboard_compares_with_the_previous_month_and_last_year(client, semester):
    client.force_login(semester.users.coordinator)
    response = client.get(URL + APRIL)
    row = _row(response, "visitors")
    # April 2025: a group of 8; March 2025: 1 + 1 + 2 visitors of the public; April 2024: none
    assert (row.current, row.previous, row.last_year) == (8, 4, 0)
    assert (row.delta_previous, row.delta_last_year) == (4, 8)
    html = response.content.decode()
    assert "Période précédente" in html and "an dernier" in html
    assert 'class="delta-up">+4<' in html


def test_funder_comparison_never_shows_a_withheld_count(client, semester, settings):
    settings.ESPACES_DISCLOSURE_K = 5
    client.force_login(semester.users.funder)
    row = _row(client.get(URL + APRIL), "visitors")
    # March's 4 visitors are under k: withheld in the comparison as everywhere else
    assert (row.current, row.previous) == (8, 0)
    assert row.delta_previous == 8  # the difference of two published figures


def test_dashboard_has_a_table_of_contents_and_french_numbers(client, semester):
    client.force_login(semester.users.coordinator)
    html = client.get(URL + PERIOD).content.decode()
    toc = html.split('class="stats-toc"', 1)[1].split("</nav>", 1)[0]
    for anchor in ("chiffres-cles", "frequentation", "indicateurs", "budget"):
        assert f'href="#{anchor}"' in toc and f'id="{anchor}"' in html
    assert "200.50" not in html and "1000.50" not in html
    assert f"1{NNBSP}000,50{NNBSP}€" in html  # announced total of the example budget
    assert '<td class="num">200,5</td>' in html  # budget line, French decimals
    assert '<th scope="row" class="code-cell">EECO01</th>' in html


def test_targets_of_the_pack_are_prorated_to_the_period(client, semester):
    client.force_login(semester.users.coordinator)
    response = client.get(URL + PERIOD)
    targets = {t.target.slug: t for t in response.context["bilan"].targets}
    visitors = targets["visiteurs-2025"]
    # 1 200 visitors for 2025, the period covers 181 of its 365 days
    assert str(visitors.expected) == "595.1"
    assert visitors.achieved == 12 and round(visitors.ratio, 3) == 0.020
    html = response.content.decode()
    assert '<progress max="100" value="2"' in html
    # a site filter hides the territory's targets
    site = client.get(URL + PERIOD + f"&site={semester.centre.slug}")
    assert site.context["bilan"].targets == []


def test_coordinator_writes_the_commentary_audited_and_shown_in_pdf_and_xlsx(client, semester):
    client.force_login(semester.users.coordinator)
    response = client.post(SUMMARY + PERIOD, {"text": "Ouverture du second espace en juillet."})
    assert response.status_code == 302
    saved = ReportCommentary.objects.get(territory=semester.territory)
    assert (saved.date_from, saved.date_to) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    entry = AuditLog.objects.filter(object_type="reportcommentary").latest("pk")
    assert entry.action == "create" and "Ouverture" not in entry.summary
    page = client.get(SUMMARY + PERIOD).content.decode()
    assert "Ouverture du second espace en juillet." in page
    xlsx = client.get(f"{URL}bilan.xlsx{PERIOD}").content
    sheet = load_workbook(io.BytesIO(xlsx))["Synthèse"]
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "Ouverture du second espace en juillet." in cells
    assert "Commentaire de la coordination" in cells and "Comparaisons" in cells
    pdf = client.get(f"{URL}bilan.pdf{PERIOD}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # emptied: deleted, and audited
    client.post(SUMMARY + PERIOD, {"text": "  "})
    assert not ReportCommentary.objects.exists()
    assert AuditLog.objects.filter(object_type="reportcommentary", action="delete").exists()


def test_funders_read_the_commentary_but_cannot_write_it(client, semester):
    ReportCommentary.objects.create(
        territory=semester.territory,
        date_from=dt.date(2025, 1, 1),
        date_to=dt.date(2025, 6, 30),
        text="Semestre de lancement.",
    )
    client.force_login(semester.users.funder)
    page = client.get(SUMMARY + PERIOD)
    assert page.status_code == 200 and "Semestre de lancement." in page.content.decode()
    assert 'name="text"' not in page.content.decode()
    assert client.post(SUMMARY + PERIOD, {"text": "Autre"}).status_code == 403
    assert ReportCommentary.objects.get().text == "Semestre de lancement."


def test_mediators_cannot_open_the_summary(client, semester):
    client.force_login(semester.users.mediator)
    assert client.get(SUMMARY + PERIOD).status_code == 403
