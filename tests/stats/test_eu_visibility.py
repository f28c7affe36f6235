"""The EU visibility elements (docs/eu-visibility.md): the emblem drawn to its official
geometry, « Cofinancé par l'Union européenne » on every page footer, the « À propos » page and the
report covers of a territory whose budget declares an EU fund — and nowhere else."""

import io
import math
import re

import pytest
from openpyxl import load_workbook

from espaces.common import eu_visibility
from espaces.territories.models import Territory
from espaces.territories.packs import load_pack
from tests.conftest import ROOT, run_command

EXAMPLE_B = ROOT / "data" / "packs" / "example-b"


def test_emblem_follows_the_official_geometry():
    height = 180.0
    stars = eu_visibility.stars(height)
    assert len(stars) == 12
    cx, cy = height * 1.5 / 2, height / 2
    for hour, star in enumerate(stars):
        assert len(star) == 10
        centre_x = sum(x for x, _ in star[::2]) / 5
        centre_y = sum(y for _, y in star[::2]) / 5
        # Each star on the circle of radius height/3, like the hours of a clock.
        assert math.hypot(centre_x - cx, centre_y - cy) == pytest.approx(height / 3)
        angle = math.degrees(math.atan2(centre_y - cy, centre_x - cx))
        assert (angle + 90) % 360 == pytest.approx(hour * 30 % 360, abs=1e-6)
        # Its five points on a circle of radius height/18, the first straight up.
        for x, y in star[::2]:
            assert math.hypot(x - centre_x, y - centre_y) == pytest.approx(height / 18)
        assert star[0][0] == pytest.approx(centre_x) and star[0][1] < centre_y


def test_shipped_svg_is_the_drawn_emblem():
    from django.utils import translation

    with translation.override("fr"):
        drawn = eu_visibility.emblem_svg()
    shipped = (ROOT / "static" / "espaces" / "eu-emblem.svg").read_text()
    assert shipped == drawn
    assert 'fill="#003399"' in shipped and shipped.count('fill="#FFCC00"') == 12


def test_png_emblem_is_blue_and_gold():
    from PIL import Image

    image = Image.open(io.BytesIO(eu_visibility.emblem_png(height=90)))
    assert image.size == (135, 90)
    assert image.getpixel((3, 3)) == (0, 51, 153)
    colours = {image.getpixel((x, y)) for x in range(135) for y in range(90)}
    assert (255, 204, 0) in colours


def test_budget_eu_line_marks_the_territory_and_round_trips(example_territory, tmp_path):
    assert example_territory.eu_cofunded is True
    run_command("export_pack", "exemple", str(tmp_path / "pack"))
    budget = (tmp_path / "pack" / "budget.yaml").read_text()
    assert re.search(r"eu: true", budget)
    load_pack(EXAMPLE_B)
    assert Territory.objects.get(slug="exemple-b").eu_cofunded is False


def test_footer_and_about_page_carry_the_emblem_and_statement(client, settings_example):
    html = client.get("/").content.decode()
    assert (
        "Cofinancé par l&#x27;Union européenne" in html
        or "Cofinancé par l'Union européenne" in html
    )
    assert "/static/espaces/eu-emblem.svg" in html and 'alt="Drapeau de l' in html
    about = client.get("/a-propos/").content.decode()
    assert "Le soutien de l" in about
    assert "40,0 %" in about  # 400 of 1 000 € of funding
    assert "Fonds européen" in about
    assert "/impact/" in about


def test_no_emblem_without_an_eu_fund(client, settings, db):
    load_pack(EXAMPLE_B)
    settings.ESPACES_TERRITORY = "exemple-b"
    html = client.get("/").content.decode()
    assert "eu-emblem" not in html and "Cofinancé" not in html
    about = client.get("/a-propos/").content.decode()
    assert client.get("/a-propos/").status_code == 200
    assert "Le soutien de l" not in about


def test_english_footer_says_co_funded(client, settings_example):
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "Co-funded by the European Union" in html


def test_report_covers_carry_the_statement_and_the_emblem(settings_example, tmp_path):
    from tests.stats.test_reports import pdf_text

    pdf = tmp_path / "bilan.pdf"
    run_command("report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", "pdf",
                "--output", str(pdf))  # fmt: skip
    content = pdf.read_bytes()
    assert "Cofinancé par l'Union européenne" in pdf_text(content)
    assert b"/Subtype /Image" in content
    xlsx = tmp_path / "bilan.xlsx"
    run_command("report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", "xlsx",
                "--output", str(xlsx))  # fmt: skip
    sheet = load_workbook(xlsx)["Synthèse"]
    assert sheet["C2"].value == "Cofinancé par l'Union européenne"
    assert len(sheet._images) == 1


def test_partners_names_are_shown_as_text_next_to_the_emblem(client, settings_example):
    html = client.get("/").content.decode()
    footer = html.split('class="eu-visibility eu-marks"', 1)[1].split("</div>", 1)[0]
    assert "Région d&#x27;exemple (autorité de gestion)" in footer
    assert "Collectivité d&#x27;exemple" in footer
    assert footer.count("<img") == 1  # the emblem only: no logo file in the pack, none drawn
    about = client.get("/a-propos/").content.decode()
    assert "Un lieu d&#x27;exemple pour tester les pages." in about
    assert "Informer les habitants d&#x27;exemple." in about
    assert "Autorité de gestion : <span" in about


def test_report_covers_name_the_managing_authority_and_the_beneficiary(settings_example, tmp_path):
    from tests.stats.test_reports import pdf_text

    pdf = tmp_path / "bilan.pdf"
    run_command("report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", "pdf",
                "--output", str(pdf))  # fmt: skip
    text = pdf_text(pdf.read_bytes())
    assert "Autorité de gestion : Région d'exemple (autorité de gestion)" in text
    assert "Bénéficiaire : Collectivité d'exemple" in text
    xlsx = tmp_path / "bilan.xlsx"
    run_command("report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", "xlsx",
                "--output", str(xlsx))  # fmt: skip
    sheet = load_workbook(xlsx)["Synthèse"]
    assert sheet["C4"].value == "Autorité de gestion : Région d'exemple (autorité de gestion)"
    assert sheet["C5"].value == "Bénéficiaire : Collectivité d'exemple"


def test_a_logo_file_shipped_in_the_pack_is_shown_and_a_missing_one_refused(
    client, settings_example, tmp_path
):
    import shutil

    from PIL import Image

    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "data" / "packs" / "example", pack)
    Image.new("RGB", (30, 10), (10, 20, 30)).save(pack / "logo-region.png")
    text = (pack / "territory.yaml").read_text()
    text = text.replace(
        """managing_authority: {name: "Région d'exemple (autorité de gestion)"}""",
        """managing_authority: {name: "Région d'exemple (autorité de gestion)", """
        """file: logo-region.png, alt: "Logo de la Région d'exemple"}""",
    )
    (pack / "territory.yaml").write_text(text)
    load_pack(pack)
    html = client.get("/").content.decode()
    assert (
        'src="data:image/png;base64,' in html and 'alt="Logo de la Région d&#x27;exemple"' in html
    )
    (pack / "territory.yaml").write_text(text.replace("logo-region.png", "absent.png"))
    from espaces.territories.packs.loader import PackValidationError

    with pytest.raises(PackValidationError, match="absent.png"):
        load_pack(pack)


def test_about_page_gives_the_published_results(client, settings_example):
    import datetime as dt

    from django.utils import timezone

    from espaces.territories.models import Site
    from tests.reception.factories import VisitFactory

    site = Site.objects.filter(territory__slug="exemple").order_by("pk").first()
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=20)
    VisitFactory(site=site, date=last_month.replace(day=3), public_category="habitant",
                 group_size=12)  # fmt: skip
    about = client.get("/a-propos/").content.decode()
    results = about.split('class="about-results"', 1)[1].split("</ul>", 1)[0]
    assert "<strong>12</strong> visiteurs accueillis dans les Espaces" in results
