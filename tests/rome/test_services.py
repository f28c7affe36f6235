import pytest

from espaces.rome.enums import AppellationClassification, Origin, TransitionEco
from espaces.rome.models import CentreInteret, CentreInteretLink, RomeAppellation, RomeFiche
from espaces.rome.opendata import RomeDataError
from espaces.rome.services import rome_import

from .conftest import FIXTURE_DIR

pytestmark = pytest.mark.django_db


def snapshot():
    """Every column of every ROME row, to prove a second import writes nothing."""
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (RomeFiche, RomeAppellation, CentreInteret, CentreInteretLink)
    ]


def test_import_creates_fiches_with_riasec_domain_and_transition():
    report = rome_import(directory=FIXTURE_DIR)

    assert report.version == "499"
    assert (report.fiches.created, report.appellations.created) == (5, 13)
    assert (report.centres.created, report.links.created) == (2, 5)
    fiche = RomeFiche.objects.get(code="A1208")
    assert fiche.label == "Jardinier / Jardinière paysagiste"
    assert fiche.transition_eco == TransitionEco.VERT
    assert (fiche.riasec_major, fiche.riasec_minor, fiche.riasec) == ("R", "A", "RA")
    assert (fiche.domain_code, fiche.domain_label) == ("A12", "Espaces naturels et espaces verts")
    assert fiche.code_ogr == "488734"
    assert fiche.origin == Origin.IMPORT
    assert RomeFiche.objects.get(code="H2913").riasec == "R"
    assert RomeFiche.objects.get(code="N1101").transition_eco == TransitionEco.BRUN


def test_import_creates_appellations_including_same_label_pairs_of_the_referential():
    rome_import(directory=FIXTURE_DIR)

    quai = RomeAppellation.objects.get(code_ogr="11681")
    assert quai.fiche_id == "N1101"
    assert quai.label == "Agent / Agente de quai cariste"
    assert quai.label_short == "Cariste agent / Cariste agente de quai"
    assert quai.classification == AppellationClassification.SYNONYME
    assert quai.transition_eco == ""
    publicite = RomeAppellation.objects.filter(fiche_id="E1401", label="Chef / Cheffe de publicité")
    assert sorted(publicite.values_list("code_ogr", "classification")) == [
        ("12262", "SYNONYME"),
        ("404431", "PRINCIPALE"),
    ]
    assert RomeAppellation.objects.filter(classification="PRINCIPALE").count() == 5


def test_import_creates_centres_and_their_principal_links():
    rome_import(directory=FIXTURE_DIR)

    centre = CentreInteret.objects.get(code=14)
    assert centre.label == "J'aime le travail manuel"
    assert centre.definition.startswith("Vous aimez travailler de vos mains ?\n\n Fabriquer")
    links = CentreInteretLink.objects.order_by("centre_id", "fiche_id")
    assert list(links.values_list("centre_id", "fiche_id", "principal")) == [
        (9, "A1203", True),
        (9, "A1208", True),
        (14, "A1203", False),
        (14, "H2913", True),
        (14, "N1101", False),
    ]
    assert sorted(
        RomeFiche.objects.get(code="A1203").centres_interet.values_list("code", flat=True)
    ) == [9, 14]


def test_second_import_creates_and_updates_nothing():
    rome_import(directory=FIXTURE_DIR)
    before = snapshot()

    report = rome_import(directory=FIXTURE_DIR)

    assert report.changed == 0
    assert (report.fiches.unchanged, report.appellations.unchanged) == (5, 13)
    assert (report.centres.unchanged, report.links.unchanged) == (2, 5)
    assert snapshot() == before


def test_import_updates_only_what_changed_in_a_new_version(rome_dir):
    rome_import(directory=rome_dir)
    fiche_file = rome_dir / "unix_referentiel_code_rome_v499_utf8.csv"
    fiche_file.write_text(
        fiche_file.read_text(encoding="utf-8").replace(
            '"Cariste","Emploi Brun"', '"Cariste","Emploi Blanc"'
        ),
        encoding="utf-8",
    )
    links = rome_dir / "unix_arborescence_centre_interet_v499_utf8.csv"
    links.write_text(
        links.read_text(encoding="utf-8").replace('"Cariste","non"', '"Cariste","oui"'),
        encoding="utf-8",
    )

    report = rome_import(directory=rome_dir)

    assert (report.fiches.updated, report.fiches.unchanged) == (1, 4)
    assert (report.links.updated, report.links.unchanged) == (1, 4)
    assert report.appellations.changed == 0
    assert RomeFiche.objects.get(code="N1101").transition_eco == TransitionEco.BLANC
    assert CentreInteretLink.objects.get(centre_id=14, fiche_id="N1101").principal is True


def test_import_keeps_rows_the_files_no_longer_list():
    RomeFiche.objects.create(code="Z0001", label="Fiche retirée", origin=Origin.IMPORT)

    report = rome_import(directory=FIXTURE_DIR)

    assert report.fiches.kept == 1
    assert "1 absent(s) des fichiers conservé(s)" in report.lines()[0]
    assert RomeFiche.objects.filter(code="Z0001").exists()


def test_import_takes_over_rows_a_pack_created():
    fiche = RomeFiche.objects.create(
        code="H2913", label="Soudeur", riasec_major="R", origin=Origin.PACK
    )
    RomeAppellation.objects.create(
        fiche=fiche, label="Soudeur / Soudeuse à la flamme", origin=Origin.PACK
    )
    pack_only = RomeAppellation.objects.create(
        fiche=fiche, label="Soudeur / Soudeuse de l'ancienne version", origin=Origin.PACK
    )
    CentreInteret.objects.create(code=14, label="Travail manuel")
    CentreInteretLink.objects.create(centre_id=14, fiche=fiche, principal=False)

    report = rome_import(directory=FIXTURE_DIR)

    assert (report.fiches.updated, report.fiches.created) == (1, 4)
    fiche.refresh_from_db()
    assert (fiche.label, fiche.origin, fiche.code_ogr) == ("Soudeur / Soudeuse", "import", "290")
    flamme = RomeAppellation.objects.get(fiche=fiche, label="Soudeur / Soudeuse à la flamme")
    assert (flamme.code_ogr, flamme.origin) == ("19457", "import")
    assert report.appellations.updated == 1
    assert report.appellations.kept == 1
    pack_only.refresh_from_db()
    assert pack_only.origin == Origin.PACK
    assert CentreInteret.objects.get(code=14).label == "J'aime le travail manuel"
    assert CentreInteretLink.objects.get(centre_id=14, fiche=fiche).principal is True


def test_import_reads_a_file_that_is_latin1_despite_its_name(rome_dir):
    path = rome_dir / "unix_referentiel_appellation_v499_utf8.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))

    rome_import(directory=rome_dir)

    assert RomeAppellation.objects.get(code_ogr="16067").label == "Jardinier / Jardinière"


def test_a_missing_file_names_the_file_and_writes_nothing(rome_dir):
    (rome_dir / "unix_referentiel_appellation_v499_utf8.csv").unlink()

    with pytest.raises(
        RomeDataError, match="« unix_referentiel_appellation_v499_utf8.csv » introuvable"
    ):
        rome_import(directory=rome_dir)

    assert not RomeFiche.objects.exists()


def test_a_missing_column_names_the_file_and_the_column(rome_dir):
    path = rome_dir / "unix_arborescence_centre_interet_v499_utf8.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"principal"', '"principale"'), encoding="utf-8"
    )

    with pytest.raises(RomeDataError) as caught:
        rome_import(directory=rome_dir)

    assert caught.value.problems[0].startswith(
        "unix_arborescence_centre_interet_v499_utf8.csv : colonne « principal » manquante"
    )
    assert not CentreInteret.objects.exists()
