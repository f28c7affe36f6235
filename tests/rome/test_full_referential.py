"""The whole official referential (ROME 4.0 v460), when /work/shared/data holds it."""

import time
from collections import Counter

import pytest

from espaces.rome.models import CentreInteret, CentreInteretLink, RomeAppellation, RomeFiche
from espaces.rome.opendata import read_csv_table
from espaces.rome.services import rome_import
from tests.conftest import ROME_DIR

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ROME_DIR.is_dir(), reason=f"référentiel ROME 4.0 absent ({ROME_DIR})"),
]


def test_full_import_loads_the_whole_referential_quickly_and_idempotently():
    start = time.perf_counter()
    report = rome_import(directory=ROME_DIR)
    seconds = time.perf_counter() - start

    assert (
        seconds < 180
    )  # ~5 s of processor time; generous for loaded machines (figures: make bench)
    assert report.version == "460"
    assert RomeFiche.objects.count() == 1584
    assert RomeAppellation.objects.count() == 13120
    assert RomeAppellation.objects.filter(classification="PRINCIPALE").count() == 1584
    assert CentreInteret.objects.count() == 30
    assert CentreInteretLink.objects.count() == 4444
    assert CentreInteretLink.objects.filter(principal=True).count() == 1584
    assert Counter(RomeFiche.objects.values_list("transition_eco", flat=True)) == {
        "Emploi Vert": 96,
        "Emploi stratégique pour la Transition écologique": 261,
        "Emploi Blanc": 1194,
        "Emploi Brun": 33,
    }
    # unix_referentiel_code_rome_riasec_v460_utf8.csv: "E1401","E","C" and "H2913","R",""
    assert RomeFiche.objects.get(code="E1401").riasec == "EC"
    soudeur = RomeFiche.objects.get(code="H2913")
    assert (soudeur.label, soudeur.riasec, soudeur.domain_label) == (
        "Soudeur / Soudeuse",
        "R",
        "Mécanique, travail des métaux et outillage",
    )
    assert not RomeFiche.objects.filter(domain_label="").exists()

    again = rome_import(directory=ROME_DIR)
    assert again.changed == 0
    assert again.appellations.unchanged == 13120


def test_the_secteur_naf_file_is_latin1_despite_its_name():
    table = read_csv_table(ROME_DIR / "unix_arborescence_secteur_naf_v460_utf8.csv")

    assert table.encoding == "latin-1"
    assert len(table.rows) == 2920
    labels = {row["libelle_rome"] for row in table.rows}
    assert "Jardinier / Jardinière paysagiste" in labels
