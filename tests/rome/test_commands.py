import pytest
import yaml
from django.core.management.base import CommandError

from espaces.rome.models import RomeFiche
from tests.conftest import run_command

from .conftest import FIXTURE_DIR

pytestmark = pytest.mark.django_db

METIERS = """\
- slug: soudeur
  title: Soudeur / Soudeuse
  rome_codes: [H2913]
- slug: agent-espaces-verts
  title: Agent / Agente d'entretien des espaces verts
  rome_codes: [A1203, H2913]
"""


def test_import_rome_prints_counts_and_elapsed_time():
    out = run_command("import_rome", str(FIXTURE_DIR))

    assert out.startswith(f"ROME 4.0 v499 ({FIXTURE_DIR}) :\n")
    assert "  fiches : 5 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  appellations : 13 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  centres d'intérêt : 2 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  liens centres d'intérêt – fiches : 5 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  contextes de travail : 30 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  contextes de travail des fiches : 48 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  compétences et savoirs : 34 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  compétences et savoirs des fiches : 45 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    assert "  mobilités : 2 créé(s), 0 modifié(s), 0 inchangé(s)\n" in out
    # 5 + 13 + 2 + 5 (before) + 30 + 48 + 34 + 45 + 2
    assert "184 ligne(s) créée(s) ou modifiée(s) en " in out

    again = run_command("import_rome", str(FIXTURE_DIR))
    assert "  fiches : 0 créé(s), 0 modifié(s), 5 inchangé(s)\n" in again
    assert "0 ligne(s) créée(s) ou modifiée(s) en " in again


def test_import_rome_fails_in_french_naming_the_missing_file(rome_dir):
    (rome_dir / "unix_centre_interet_v499_utf8.csv").unlink()

    with pytest.raises(CommandError) as caught:
        run_command("import_rome", str(rome_dir))

    message = str(caught.value)
    assert message.startswith("Le ROME n'a pas été importé ; rien n'a été modifié :")
    assert "Fichier « unix_centre_interet_v499_utf8.csv » introuvable" in message
    assert not RomeFiche.objects.exists()


def test_pack_rome_subset_writes_the_codes_the_metiers_use(tmp_path):
    (tmp_path / "metiers.yaml").write_text(METIERS, encoding="utf-8")
    (tmp_path / "metiers-2.yaml").write_text(
        "- slug: cariste\n  title: Cariste\n  rome_codes: [N1101]\n", encoding="utf-8"
    )

    out = run_command("pack_rome_subset", str(tmp_path), "--rome-dir", str(FIXTURE_DIR))

    assert out.startswith(
        "ROME 4.0 v499 : 3 code(s) ROME utilisé(s) par metiers.yaml, metiers-2.yaml, "
        "7 appellation(s), 2 centre(s) d'intérêt."
    )
    text = (tmp_path / "rome.yaml").read_text(encoding="utf-8")
    assert "# Source : France Travail, ROME 4.0 v499, Licence Ouverte 2.0" in text
    assert yaml.safe_load(text) == [
        {
            "code": "A1203",
            "label": "Agent / Agente d'entretien des espaces verts",
            "riasec_major": "R",
            "riasec_minor": "",
            "transition_eco": "Emploi stratégique pour la Transition écologique",
            "centres_interet": [9, 14],
            "centre_interet_principal": 9,
            "appellations": [
                "Agent / Agente d'entretien des espaces verts",
                "Agent / Agente d'entretien des parcs et jardins",
            ],
        },
        {
            "code": "H2913",
            "label": "Soudeur / Soudeuse",
            "riasec_major": "R",
            "riasec_minor": "",
            "transition_eco": "Emploi Blanc",
            "centres_interet": [14],
            "centre_interet_principal": 14,
            "appellations": [
                "Soudeur / Soudeuse",
                "Soudeur / Soudeuse à l'arc électrique",
                "Soudeur / Soudeuse à la flamme",
            ],
        },
        {
            "code": "N1101",
            "label": "Cariste",
            "riasec_major": "R",
            "riasec_minor": "",
            "transition_eco": "Emploi Brun",
            "centres_interet": [14],
            "appellations": ["Agent / Agente de quai cariste", "Cariste"],
        },
    ]
    centres = (tmp_path / "centres_interet.yaml").read_text(encoding="utf-8")
    assert "Licence Ouverte 2.0" in centres
    assert [c["code"] for c in yaml.safe_load(centres)] == [9, 14]
    assert yaml.safe_load(centres)[1]["definition"] == (
        "Vous aimez travailler de vos mains ?\n\n Fabriquer, réparer, assembler : des métiers concrets."
    )


def test_pack_rome_subset_output_is_deterministic(tmp_path):
    (tmp_path / "metiers.yaml").write_text(METIERS, encoding="utf-8")
    run_command("pack_rome_subset", str(tmp_path), "--rome-dir", str(FIXTURE_DIR))
    first = (tmp_path / "rome.yaml").read_bytes(), (tmp_path / "centres_interet.yaml").read_bytes()

    run_command("pack_rome_subset", str(tmp_path), "--rome-dir", str(FIXTURE_DIR))

    assert (
        (tmp_path / "rome.yaml").read_bytes(),
        (tmp_path / "centres_interet.yaml").read_bytes(),
    ) == first


def test_pack_rome_subset_output_loads_as_a_pack(tiny_pack):
    from espaces.territories.packs import load_pack

    (tiny_pack / "metiers.yaml").write_text(METIERS, encoding="utf-8")
    run_command("pack_rome_subset", str(tiny_pack), "--rome-dir", str(FIXTURE_DIR))
    (tiny_pack / "metiers.yaml").unlink()  # the catalogue section is not under test here

    report = load_pack(tiny_pack)

    assert report.counts["fiches ROME"]["créés"] == 2
    assert report.counts["appellations ROME"]["créés"] == 5
    assert report.counts["liens centres d'intérêt"]["créés"] == 3
    assert RomeFiche.objects.get(code="H2913").centre_links.get().principal is True


def test_pack_rome_subset_refuses_a_code_absent_from_the_referential(tmp_path):
    (tmp_path / "metiers.yaml").write_text(
        "- slug: x\n  title: X\n  rome_codes: [H2913, K9999]\n", encoding="utf-8"
    )

    with pytest.raises(
        CommandError, match="metiers.yaml : code ROME « K9999 » absent du ROME 4.0 v499"
    ):
        run_command("pack_rome_subset", str(tmp_path), "--rome-dir", str(FIXTURE_DIR))

    assert not (tmp_path / "rome.yaml").exists()


def test_pack_rome_subset_needs_metiers_files(tmp_path):
    with pytest.raises(CommandError, match="Aucun fichier metiers.yaml ou metiers-\\*.yaml"):
        run_command("pack_rome_subset", str(tmp_path), "--rome-dir", str(FIXTURE_DIR))
