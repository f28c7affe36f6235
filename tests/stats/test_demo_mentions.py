"""TRUST item 6: a demo database says so on every page, export and report; real data never."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from espaces.territories.models import Territory

from .test_reports import pdf_text

MENTION = "Données de démonstration"
URL = "/equipe/statistiques/"
PERIOD = "?date_from=2025-01-01&date_to=2025-06-30"


@pytest.fixture(params=[True, False], ids=["demo", "real"])
def demo_flag(request, world):
    Territory.objects.filter(pk=world.territory.pk).update(demo_data=request.param)
    world.territory.refresh_from_db()
    return request.param


def test_public_staff_and_kiosk_pages_carry_the_banner_only_for_demo_data(client, world, demo_flag):
    for url in ("/", "/impact/", "/nous-trouver/", "/metiers/"):
        assert (MENTION in client.get(url).content.decode()) is demo_flag, url
    client.force_login(world.users.coordinator)
    assert (MENTION in client.get(URL + PERIOD).content.decode()) is demo_flag
    client.logout()
    kiosk = client.__class__()
    kiosk.get("/borne/")
    assert (MENTION in kiosk.get("/").content.decode()) is demo_flag


def test_every_report_format_says_demo_only_for_demo_data(semester, tmp_path, demo_flag):
    def report(fmt):
        path = tmp_path / f"bilan.{fmt}"
        call_command(
            "report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", fmt,
            "--output", str(path), stdout=io.StringIO(),
        )  # fmt: skip
        return path.read_bytes()

    data = json.loads(report("json"))
    assert data["demo_data"] is demo_flag
    assert ("mention" in data) is demo_flag
    rows = list(csv.reader(io.StringIO(report("csv").decode())))
    assert (rows[1][0] == "avertissement") is demo_flag
    (tmp_path / "b.xlsx").write_bytes(report("xlsx"))
    # The first text of column A (the EU statement and emblem may stand above it).
    title = next(c.value for c in load_workbook(tmp_path / "b.xlsx")["Synthèse"]["A"] if c.value)
    assert ("DÉMONSTRATION" in title) is demo_flag
    assert (MENTION in pdf_text(report("pdf"))) is demo_flag


def test_chart_csv_download_says_demo(client, semester, demo_flag):
    client.force_login(semester.users.coordinator)
    body = client.get(f"{URL}donnees/visiteurs-par-public.csv{PERIOD}").content.decode()
    assert (MENTION in body.splitlines()[0]) is demo_flag


def test_demo_data_command_marks_the_territory_and_deleting_unmarks_it(dunkerque):
    from espaces.stats.demo import demo_data_create, demo_data_delete

    assert dunkerque.demo_data is False
    demo_data_create(territory=dunkerque)
    assert Territory.objects.get(pk=dunkerque.pk).demo_data is True
    demo_data_delete(territory=dunkerque)
    assert Territory.objects.get(pk=dunkerque.pk).demo_data is False
