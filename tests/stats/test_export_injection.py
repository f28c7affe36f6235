"""The bilan's CSV and XLSX, the chart CSVs and the public CSVs hold no formula, whatever the
names of schools and visit options (OWASP CSV-injection payloads)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from espaces.events.models import School
from espaces.reception.models import VisitOption
from tests.common.test_spreadsheet import OWASP_PAYLOADS, _dangerous

pytestmark = pytest.mark.django_db
URL = "/equipe/statistiques/"
PERIOD = "?date_from=2025-01-01&date_to=2025-06-30"


@pytest.fixture
def hostile(semester):
    School.objects.filter(territory=semester.territory).update(name='=HYPERLINK("http://x")')
    VisitOption.objects.filter(territory=semester.territory, slug="atelier").update(label=";=4+4")
    VisitOption.objects.filter(territory=semester.territory, slug="spontane").update(
        label="@SUM(1+1)*cmd|' /C calc'!A0"
    )
    return semester


def _cells_of_csv(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def test_bilan_csv_xlsx_and_chart_csv_hold_no_formula(client, hostile):
    client.force_login(hostile.users.coordinator)
    cells = _cells_of_csv(client.get(f"{URL}bilan.csv{PERIOD}").content)
    assert "';'=4+4" in cells or ";'=4+4" in cells
    assert not [c for c in cells if _dangerous(c)]
    for slug in ("visiteurs-par-motif", "visiteurs-par-canal", "etablissements-scolaires"):
        chart = _cells_of_csv(client.get(f"{URL}donnees/{slug}.csv{PERIOD}").content)
        assert not [c for c in chart if _dangerous(c)], slug
    workbook = load_workbook(io.BytesIO(client.get(f"{URL}bilan.xlsx{PERIOD}").content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert '\'=HYPERLINK("http://x")' in texts
    assert not [t for t in texts if _dangerous(t)]


def test_every_owasp_payload_as_a_visit_option_label(client, hostile):
    client.force_login(hostile.users.coordinator)
    option = VisitOption.objects.get(territory=hostile.territory, slug="atelier")
    for payload in OWASP_PAYLOADS[:8]:
        option.label = payload
        option.save()
        cells = _cells_of_csv(client.get(f"{URL}donnees/visiteurs-par-motif.csv{PERIOD}").content)
        assert not [c for c in cells if _dangerous(c)], payload
