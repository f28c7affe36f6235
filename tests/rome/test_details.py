"""Texts, tags, work contexts, skills and mobilities of the fiches (miniature referential)."""

import pytest

from espaces.rome.enums import CoreLevel, SkillKind
from espaces.rome.models import (
    RomeFiche,
    RomeFicheContext,
    RomeFicheSkill,
    RomeMobility,
    RomeSkill,
    RomeWorkContext,
)
from espaces.rome.opendata import RomeDataError, clean_text, read_referential
from espaces.rome.services import rome_import

pytestmark = pytest.mark.django_db


def test_texts_are_joined_in_order_and_apostrophes_undoubled(rome_dir):
    rome_import(directory=rome_dir)

    soudeur = RomeFiche.objects.get(code="H2913")
    assert soudeur.definition.split("\n") == [
        "Artisan de la précision, le soudeur construit et répare de façon durable des "
        "structures métalliques présentes dans de nombreux secteurs d'activité.",
        "Assemble des pièces de métal par divers procédés de fusion",
        "Suit les plans et les spécifications pour la soudure des différentes pièces",
    ]
    assert soudeur.access.startswith("Cet emploi est accessible avec un diplôme de niveau CAP")
    assert (soudeur.transition_num, soudeur.regulated, soudeur.managerial) == (False,) * 3


def test_clean_text_undoubles_apostrophes():
    assert clean_text(" l''entretien ") == "l'entretien"


def test_contexts_skills_and_mobilities_are_linked_to_the_fiches(rome_dir):
    rome_import(directory=rome_dir)

    soudeur = RomeFiche.objects.get(code="H2913")
    labels = set(soudeur.work_contexts.values_list("label", flat=True))
    assert "Port et manipulation de charges lourdes ou encombrantes" in labels
    assert "Travail posté (2x8, 3x8, 5x8, etc.)" in labels
    night = RomeWorkContext.objects.get(code_ogr="300803")
    assert (night.label, night.type_code) == ("Travail de nuit", 2)

    kinds = {link.skill.kind for link in RomeFicheSkill.objects.filter(fiche=soudeur)}
    assert kinds == {SkillKind.SAVOIR_FAIRE, SkillKind.SAVOIR_ETRE, SkillKind.SAVOIR}
    assert RomeFicheSkill.objects.filter(core=CoreLevel.PRINCIPALE).count() == 9
    assert RomeSkill.objects.filter(kind=SkillKind.SAVOIR_ETRE, macro=True).exists()

    assert list(RomeMobility.objects.filter(source="A1203").values_list("target", "order")) == [
        ("A1208", 2),
        ("N1101", 9),
    ]
    assert RomeFicheContext.objects.count() == 48


def test_a_second_import_writes_nothing_and_a_change_is_updated(rome_dir):
    rome_import(directory=rome_dir)
    again = rome_import(directory=rome_dir)
    assert again.changed == 0
    assert again.fiche_skills.unchanged == 45

    path = rome_dir / "unix_rubrique_mobilite_v499_utf8.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"9"', '"3"'), encoding="utf-8")
    report = rome_import(directory=rome_dir)
    assert (report.mobilities.updated, report.changed) == (1, 1)
    assert RomeMobility.objects.get(source="A1203", target="N1101").order == 3


def test_an_unknown_context_or_mobility_target_is_reported_with_its_line(rome_dir):
    path = rome_dir / "unix_rubrique_mobilite_v499_utf8.csv"
    path.write_text(path.read_text(encoding="utf-8") + '"A1203","Z9999","4"\n', encoding="utf-8")
    path = rome_dir / "unix_liens_rome_referentiels_v499_utf8.csv"
    path.write_text(path.read_text(encoding="utf-8") + '"A1203","6","","1"\n', encoding="utf-8")

    with pytest.raises(RomeDataError) as caught:
        read_referential(rome_dir)

    problems = caught.value.problems
    assert any(
        p.startswith("unix_rubrique_mobilite_v499_utf8.csv, ligne 4, colonne « code_rome_cible »")
        and "Z9999" in p
        for p in problems
    )
    assert any("contexte de travail « 1 » inconnu" in p for p in problems)
