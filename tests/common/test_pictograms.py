"""The pictograms (static/espaces/pictos, espaces/common/pictograms.py) and {% picto %}."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from espaces.common.pictograms import FALLBACKS, PICTOS, drawing_for
from espaces.services.enums import CATEGORIES, Need

ROOT = Path(__file__).resolve().parents[2]
PICTO_DIR = ROOT / "static" / "espaces" / "pictos"
PACKS = ROOT / "data" / "packs"


def pack_slugs(pack: str, kind: str) -> set[str]:
    import yaml

    return {row["slug"] for row in yaml.safe_load((PACKS / pack / f"{kind}.yaml").read_text())}


def test_every_drawing_is_a_24px_stroke_icon_in_current_colour():
    files = sorted(PICTO_DIR.glob("*.svg"))
    assert len(files) >= 40
    for svg in files:
        text = svg.read_text()
        assert 'viewBox="0 0 24 24"' in text, svg.name
        assert 'stroke="currentColor"' in text and 'fill="none"' in text, svg.name
        assert not re.search(r"<script|<text|style=|href=", text), svg.name


def test_every_mapped_drawing_exists():
    for slug, drawing in {**PICTOS, **FALLBACKS}.items():
        assert (PICTO_DIR / f"{drawing}.svg").is_file(), (slug, drawing)


@pytest.mark.parametrize("pack", ["dunkerque", "example", "example-b", "douai-lens-bethune"])
def test_sectors_and_event_types_of_the_packs_all_have_their_own_pictogram(pack):
    for slug in pack_slugs(pack, "sectors") | pack_slugs(pack, "event_types"):
        assert slug in PICTOS, slug


def test_needs_and_data_inclusion_categories_have_a_pictogram():
    for slug in [n.value for n in Need] + sorted(CATEGORIES):
        assert slug in PICTOS, slug
    # A thématique takes its category's drawing.
    assert drawing_for("mobilite--comprendre-et-utiliser-les-transports-en-commun") == "bus"


def test_unknown_slug_takes_its_kind_default():
    assert drawing_for("secteur-inconnu", "sector") == FALLBACKS["sector"]
    assert drawing_for("type-inconnu", "event") == FALLBACKS["event"]


def render(source: str) -> str:
    return Template("{% load pictos %}" + source).render(Context({}))


def test_picto_tag_is_decorative_by_default():
    html = render('{% picto "batteries" %}')
    assert html.startswith('<svg class="picto picto-batterie"')
    assert 'aria-hidden="true"' in html and 'focusable="false"' in html
    assert "role=" not in html
    assert "<rect" in html  # the drawing itself, inline so that it takes the text's colour


def test_picto_tag_with_a_label_is_an_image_for_screen_readers():
    html = render('{% picto "agenda" label="Agenda des ateliers" %}')
    assert 'role="img" aria-label="Agenda des ateliers"' in html
    assert "aria-hidden" not in html


def test_pictograms_appear_on_home_catalogue_services_and_agenda(client, settings_example):
    home = client.get("/").content.decode()
    assert home.count('class="card-picto"') == 5
    catalogue = client.get("/metiers/").content.decode()
    assert 'class="picto picto-' in catalogue
    services = client.get("/lever-les-freins/").content.decode()
    assert 'class="picto picto-bus pictogram"' in services
