"""Sheet conditions compared with the ROME work contexts (espaces/catalogue/conditions.py)."""

import pytest

from espaces.catalogue.conditions import (
    Contradiction,
    contradictions,
    licence_required,
    rome_conditions,
)
from espaces.catalogue.enums import Condition
from espaces.rome.services import rome_import
from tests.rome.conftest import FIXTURE_DIR


@pytest.mark.django_db
def test_rome_conditions_come_from_the_work_contexts():
    rome_import(directory=FIXTURE_DIR)

    by_code = rome_conditions(["H2913", "N1101", "A1203", "Z9999"])

    assert {Condition.PORT_CHARGES, Condition.TRAVAIL_POSTE, Condition.CHALEUR} <= by_code["H2913"]
    assert Condition.NUIT not in by_code["H2913"]
    assert "Z9999" not in by_code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cet emploi est accessible avec un Permis D, obligatoire pour conduire un bus.", True),
        ("Cependant le permis C ou C1 est obligatoire ainsi qu'une FIMO.", True),
        ("Le permis B est exigé pour la conduite du véhicule de service.", True),
        ("Le permis B peut être un atout.", False),
        ("Un permis d'exploitation est obligatoire.", False),
        ("Le Permis de Conduire les Moteurs Marins est obligatoire.", False),
    ],
)
def test_a_licence_is_required_only_when_the_access_text_says_so(text, expected):
    assert licence_required(text) is expected


def test_contradictions_in_both_directions_and_a_reason_silences_them():
    by_code = {"H2913": {Condition.PORT_CHARGES, Condition.TRAVAIL_POSTE}}

    found = contradictions(["travail_poste", "nuit"], {}, ["H2913"], by_code)

    assert found == [
        Contradiction(Condition.PORT_CHARGES, True, ("H2913",)),
        Contradiction(Condition.NUIT, False, ("H2913",)),
    ]
    assert "absente alors que le ROME l'indique pour H2913" in found[0].message()
    assert "conditions_reasons" in found[1].message()
    reasons = {"port_charges": "Postes assistés par palan sur ce site.", "nuit": "Usine 3x8."}
    assert contradictions(["travail_poste", "nuit"], reasons, ["H2913"], by_code) == []


def test_unchecked_conditions_and_unknown_fiches_are_not_compared():
    by_code = {"H2913": {Condition.CHALEUR}}
    assert contradictions(["bruit"], {}, ["H2913"], by_code) == []
    assert contradictions(["nuit"], {}, ["X0000"], by_code) == []
