import pytest

from espaces.rome.enums import AppellationClassification, Origin
from espaces.rome.models import CentreInteret, CentreInteretLink, RomeAppellation, RomeFiche
from espaces.rome.services import rome_import
from espaces.territories.packs import PackValidationError, load_pack

from .conftest import FIXTURE_DIR

pytestmark = pytest.mark.django_db

CENTRES = """\
- code: 14
  label: J'aime le travail manuel
  definition: Des métiers concrets.
- code: 19
  label: J'aime piloter, conduire
"""

ROME = """\
- code: H2913
  label: Soudeur / Soudeuse
  riasec_major: R
  riasec_minor: ''
  transition_eco: Emploi Blanc
  centres_interet: [14]
  centre_interet_principal: 14
  appellations:
  - Soudeur / Soudeuse
  - Soudeur / Soudeuse à la flamme
- code: N1101
  label: Cariste
  riasec_major: R
  riasec_minor: C
  transition_eco: Emploi Blanc
  centres_interet: [14, 19]
  centre_interet_principal: 19
  appellations: [Cariste, Cariste d'entrepôt]
"""


def write(pack, rome=ROME, centres=CENTRES):
    (pack / "rome.yaml").write_text(rome, encoding="utf-8")
    (pack / "centres_interet.yaml").write_text(centres, encoding="utf-8")
    return pack


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (RomeFiche, RomeAppellation, CentreInteret, CentreInteretLink)
    ]


def test_pack_creates_missing_fiches_appellations_centres_and_links(tiny_pack):
    report = load_pack(write(tiny_pack))

    assert dict(report.counts["fiches ROME"]) == {"créés": 2, "inchangés": 0}
    assert dict(report.counts["appellations ROME"]) == {"créés": 4, "inchangés": 0}
    assert dict(report.counts["centres d'intérêt"]) == {"créés": 2, "inchangés": 0}
    assert dict(report.counts["liens centres d'intérêt"]) == {"créés": 3, "inchangés": 0}
    cariste = RomeFiche.objects.get(code="N1101")
    assert (cariste.label, cariste.riasec, cariste.origin) == ("Cariste", "RC", Origin.PACK)
    assert cariste.domain_code == "N11"
    principal = cariste.appellations.get(label="Cariste")
    assert principal.classification == AppellationClassification.PRINCIPALE
    assert principal.code_ogr is None
    assert cariste.appellations.get(label="Cariste d'entrepôt").classification == "SYNONYME"
    assert list(
        cariste.centre_links.order_by("centre_id").values_list("centre_id", "principal")
    ) == [(14, False), (19, True)]
    assert CentreInteret.objects.get(code=14).definition == "Des métiers concrets."


def test_loading_the_pack_twice_changes_nothing(tiny_pack):
    load_pack(write(tiny_pack))
    before = snapshot()

    report = load_pack(tiny_pack)

    assert report.changed == 0
    assert report.counts["appellations ROME"]["inchangés"] == 4
    assert snapshot() == before


def test_pack_never_overwrites_the_imported_referential(tiny_pack):
    rome_import(directory=FIXTURE_DIR)
    before = RomeFiche.objects.get(code="H2913")

    report = load_pack(write(tiny_pack, rome=ROME.replace("Soudeur / Soudeuse\n", "Soudeur\n", 1)))

    after = RomeFiche.objects.get(code="H2913")
    assert (after.label, after.origin, after.code_ogr) == (before.label, "import", "290")
    assert report.counts["fiches ROME"]["inchangés"] == 2  # N1101 is in the fixture too
    assert CentreInteret.objects.get(code=14).definition.startswith("Vous aimez travailler")
    # What the referential lacks is added: the fixture has no « Cariste d'entrepôt ».
    assert report.counts["appellations ROME"]["créés"] == 1
    assert RomeAppellation.objects.get(label="Cariste d'entrepôt").origin == Origin.PACK
    assert CentreInteret.objects.get(code=19).label == "J'aime piloter, conduire"


def test_pack_may_use_centres_already_imported(tiny_pack):
    rome_import(directory=FIXTURE_DIR)
    rome = "- code: K2304\n  label: Agent / Agente de nettoyage\n  centres_interet: [9]\n"

    load_pack(write(tiny_pack, rome=rome, centres=""))

    assert CentreInteretLink.objects.filter(centre_id=9, fiche_id="K2304").exists()


@pytest.mark.parametrize(
    ("rome", "expected"),
    [
        (
            "- code: h2913\n  label: Soudeur\n",
            "rome.yaml, ligne 1, champ « code » : valeur « h2913 » au mauvais format",
        ),
        (
            "- code: H2913\n  label: Soudeur\n  riasec_major: X\n",
            "rome.yaml, ligne 3, champ « riasec_major » : valeur « X » inconnue. "
            "Valeurs permises : R, I, A, S, E, C.",
        ),
        (
            "- code: H2913\n  label: Soudeur\n  transition_eco: Emploi vert\n",
            "rome.yaml, ligne 3, champ « transition_eco » : valeur « Emploi vert » inconnue. "
            "Valeurs permises : Emploi Vert, Emploi stratégique pour la Transition écologique, "
            "Emploi Blanc, Emploi Brun.",
        ),
        (
            "- code: H2913\n  label: Soudeur\n  centres_interet: [14, 27]\n",
            "rome.yaml, ligne 3, enregistrement « H2913 », champ « centres_interet » : "
            "centre d'intérêt « 27 » inconnu(e). Valeurs permises : 14, 19.",
        ),
        (
            "- code: H2913\n  label: Soudeur\n  centres_interet: [14]\n"
            "  centre_interet_principal: 19\n",
            "rome.yaml, ligne 4, enregistrement « H2913 », champ « centre_interet_principal » : "
            "le centre 19 doit aussi figurer dans centres_interet",
        ),
        (
            "- code: H2913\n  label: Soudeur\n- code: H2913\n  label: Soudeur bis\n",
            "rome.yaml, ligne 3, enregistrement « H2913 », champ « code » : "
            "code ROME en double (déjà dans rome.yaml)",
        ),
        (
            "- code: H2913\n  label: Soudeur\n  riasec_minor: C\n",
            "rome.yaml, ligne 3, enregistrement « H2913 », champ « riasec_minor » : "
            "lettre mineure sans lettre majeure (riasec_major)",
        ),
        (
            "- code: H2913\n  label: Soudeur\n  appellations: [Soudeur, Soudeur]\n",
            "rome.yaml, ligne 3, enregistrement « H2913 », champ « appellations » : "
            "appellation « Soudeur » en double",
        ),
    ],
)
def test_pack_errors_name_file_line_and_field(tiny_pack, rome, expected):
    with pytest.raises(PackValidationError) as caught:
        load_pack(write(tiny_pack, rome=rome))

    assert [str(e) for e in caught.value.errors] == [expected]
    assert not RomeFiche.objects.exists()
    assert not CentreInteret.objects.exists()


def test_duplicate_centre_codes_are_refused(tiny_pack):
    centres = CENTRES + "- code: 14\n  label: Encore\n"

    with pytest.raises(PackValidationError, match="centre d'intérêt 14 en double"):
        load_pack(write(tiny_pack, rome="", centres=centres))


def test_dry_run_reports_the_rome_sections_and_writes_nothing(tiny_pack):
    report = load_pack(write(tiny_pack), dry_run=True)

    assert report.counts["fiches ROME"]["créés"] == 2
    assert not RomeFiche.objects.exists()
