"""`espaces report` in every format, and the budget figures of the bilan."""

import json
import re
import zlib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from espaces.stats.bilan import build_bilan
from espaces.stats.budget import budget_figures, euros_text
from espaces.stats.selectors import StatsFilter
from tests.conftest import run_command

from .conftest import SEMESTER


def report(tmp_path, fmt, *extra) -> bytes:
    path = tmp_path / f"bilan.{fmt}"
    out = run_command(
        "report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", fmt,
        "--output", str(path), *extra,
    )  # fmt: skip
    assert "écrit dans" in out and "contrôles des indicateurs tous respectés" in out
    return path.read_bytes()


def pdf_text(content: bytes) -> str:
    """The text drawn on the pages: fpdf2 writes (string) Tj operators in Flate streams."""
    try:  # pypdf reads it best when installed
        import io

        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    except ImportError:
        pass
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            chunks.append(stream)
    strings = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", b"\n".join(chunks))
    return "\n".join(
        s.replace(b"\\(", b"(").replace(b"\\)", b")").decode("cp1252") for s in strings
    )


def test_pdf_report_opens_and_holds_the_key_figures(semester, tmp_path):
    content = report(tmp_path, "pdf")
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    text = pdf_text(content)
    assert "Bilan du 1 janvier 2025 au 30 juin 2025" in text
    assert "Visiteurs du public" in text and "12" in text
    assert "EECO01" in text and "EECR06" in text and "non collecté" in text
    assert "respectée" in text and "NON RESPECTÉE" not in text
    assert "Interventions scolaires" in text
    assert "1 000,50 €" in text.replace("\u00a0", " ")


def test_xlsx_report_has_one_sheet_per_section(semester, tmp_path):
    path = tmp_path / "bilan.xlsx"
    path.write_bytes(report(tmp_path, "xlsx"))
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Synthèse",
        "Fréquentation",
        "Événements",
        "Scolaires",
        "Orientation",
        "Parcours",
        "Recrutement",
        "Indicateurs FSE+",
        "Budget",
    ]
    summary = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(values_only=True) if row[0]}
    assert summary["Visiteurs du public"] == "12"
    assert summary["Interventions scolaires"] == "1"
    codes = [row[0] for row in workbook["Indicateurs FSE+"].iter_rows(values_only=True)]
    assert "EECO01" in codes and "EECR05" in codes


def test_json_report_carries_indicator_codes_and_budget_total(semester, tmp_path):
    data = json.loads(report(tmp_path, "json"))
    assert data["period"] == {"from": "2025-01-01", "to": "2025-06-30"}
    assert data["headline"]["visitors"] == 12 and data["headline"]["professionals"] == 4
    codes = [item["code"] for item in data["indicators"]["items"]]
    assert codes[0] == "EECO01" and "EECR06" in codes
    assert data["indicators"]["all_checks_passed"] is True
    assert data["budget"]["total"] == "1000.50"
    assert data["budget"]["funding_total"] == "1000.00"


def test_csv_report_is_long_format(semester, tmp_path):
    text = report(tmp_path, "csv").decode()
    assert text.splitlines()[0] == "section,identifiant,libellé,valeur"
    assert (
        "visiteurs-par-public,stagiaire_formation,Stagiaire de la formation professionnelle,8"
        in text
    )
    assert "indicateurs,EECO01.total,Nombre total de participants,3" in text


def test_report_for_one_site(semester, tmp_path):
    data = json.loads(report(tmp_path, "json", "--site", "gare"))
    assert data["site"] == "gare" and data["headline"]["visitors"] == 0
    assert data["budget"]["costs"] == [] and "ventilé" in data["budget"]["costs_note"]


def test_report_refuses_bad_input_with_french_messages(world, tmp_path):
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("report", "--from", "2025-01-32", "--to", "2025-06-30", "--format", "json",
                     "--output", str(tmp_path / "x.json"))  # fmt: skip
    with pytest.raises(CommandError, match="Espaces : centre, gare"):
        call_command("report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", "json",
                     "--site", "nulle-part", "--output", str(tmp_path / "x.json"))  # fmt: skip
    with pytest.raises(CommandError, match="--to doit suivre --from"):
        call_command("report", "--from", "2025-06-01", "--to", "2025-01-30", "--format", "json",
                     "--output", str(tmp_path / "x.json"))  # fmt: skip


def test_costs_are_prorated_to_the_period_over_the_budget_period(semester):
    # example budget: 1 000,50 € of expenses from 2024-10-01 to 2025-09-30 (365 days);
    # January–June 2025 is 181 days of it
    figures = budget_figures(
        territory=semester.territory,
        date_from=SEMESTER[0],
        date_to=SEMESTER[1],
        units={"visiteur": ("Coût par visiteur", 12), "rien": ("Rien", 0)},
    )
    cent = Decimal("0.01")
    prorated = (Decimal("1000.50") * 181 / 365).quantize(cent, rounding=ROUND_HALF_UP)
    assert figures.prorated_expenses == prorated
    costs = {c["unit"]: c["cost"] for c in figures.costs}
    assert costs["visiteur"] == (prorated / 12).quantize(cent, rounding=ROUND_HALF_UP)
    assert costs["rien"] is None
    # funding (1 000 €) differs from expenses (1 000,50 €): flagged, not corrected
    assert any("0,50" in flag and "financements" in flag for flag in figures.flags)


def test_dunkerque_budget_flags_the_ten_cents(dunkerque):
    import datetime as dt

    figures = budget_figures(
        territory=dunkerque, date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 6, 30), units={}
    )
    assert figures.announced_total == Decimal("885924.90")
    assert figures.expenses_total == Decimal("885925.00")
    assert len(figures.flags) == 1 and "0,10" in figures.flags[0]
    assert euros_text(Decimal("885924.9")) == "885\u00a0924,90\u00a0€"


def test_bilan_costs_use_the_periods_quantities(semester):
    bilan = build_bilan(territory=semester.territory, filters=StatsFilter(*SEMESTER))
    costs = {c["unit"]: c for c in bilan.budget.costs}
    assert costs["visiteur"]["quantity"] == 12
    assert costs["participant"]["quantity"] == 27
    assert costs["heure_seance"]["quantity"] == 4.0
    assert costs["personne_suivie"]["quantity"] == 3
