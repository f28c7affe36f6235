"""The local catalogue covers the territory's labour market (issue WIDEN): ≥ 100 sheets, every
ROME centre d'intérêt leads to ≥ 3 local sheets, licences, public fields carry no research note.
The conditions against the ROME work contexts: test_national.py (with the ROME dataset)."""

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from espaces.catalogue.conditions import CONTEXT_CONDITIONS
from espaces.catalogue.models import Metier
from espaces.rome.models import CentreInteret, CentreInteretLink
from tests.conftest import DUNKERQUE_PACK, ROOT

PACKS = [DUNKERQUE_PACK, ROOT / "data" / "packs" / "douai-lens-bethune"]
MIN_SHEETS_PER_CENTRE = 3


def sheets_of(pack: Path) -> list[dict]:
    out = []
    for path in sorted(pack.glob("metiers*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


def test_dunkerque_has_at_least_100_sheets_beyond_industry(dunkerque_db):
    metiers = Metier.objects.filter(territory=dunkerque_db)
    assert metiers.count() >= 100
    codes = set(metiers.values_list("rome_fiches__code", flat=True))
    # care, children, cleaning, commerce, cooking, driving, digital, office, security, building
    for code in ("J1501", "J1506", "K1310", "K1308", "K2205", "D1505", "G1602", "N4105",
                 "M1805", "M1607", "K2503", "F1604", "F1620", "A1203"):  # fmt: skip
        assert code in codes, code


def test_every_centre_interet_leads_to_at_least_three_local_sheets(dunkerque_db):
    sheets_by_fiche = defaultdict(set)
    for pk, code in Metier.rome_fiches.through.objects.filter(
        metier__territory=dunkerque_db
    ).values_list("metier_id", "romefiche_id"):
        sheets_by_fiche[code].add(pk)
    by_centre = defaultdict(set)
    for centre, fiche in CentreInteretLink.objects.values_list("centre_id", "fiche_id"):
        by_centre[centre] |= sheets_by_fiche[fiche]
    centres = list(CentreInteret.objects.values_list("code", flat=True))
    assert len(centres) == 30
    thin = {c: len(by_centre[c]) for c in centres if len(by_centre[c]) < MIN_SHEETS_PER_CENTRE}
    assert not thin, thin


def test_staggered_and_rotating_hours_are_shift_work():
    """FAIR's `shift_work` covers 2x8/3x8, early and late hours: so does `travail_poste`."""
    assert CONTEXT_CONDITIONS["300805"] == CONTEXT_CONDITIONS["126450"] == "travail_poste"
    assert CONTEXT_CONDITIONS["300808"] == "travail_poste"


def test_rome_heavy_loads_and_night_work_are_now_on_the_sheets():
    """The issue's examples (the whole check: test_national.py, against the ROME dataset)."""
    sheets = {s["slug"]: set(s["conditions"]) for s in sheets_of(DUNKERQUE_PACK)}
    for slug in ("soudeur", "fondeur-metallurgie", "cariste", "agent-production-agroalimentaire"):
        assert "port_charges" in sheets[slug], slug
    for slug in ("tuyauteur", "conducteur-engins-chantier", "conducteur-bus"):
        assert "nuit" in sheets[slug], slug


def test_truck_and_bus_sheets_say_the_car_licence_comes_first():
    for pack in PACKS:
        for sheet in sheets_of(pack):
            if {"N4101", "N4103"} & set(sheet["rome_codes"]):
                assert "permis" in sheet["conditions"], sheet["slug"]
                assert "permis B" in sheet["summary"], sheet["slug"]
                assert sheet["trainings"][0]["title"].startswith("Permis B"), sheet["slug"]


PUBLIC_TEXT_FIELDS = ("title", "summary", "day_tasks", "likes", "hard", "keywords")


@pytest.mark.parametrize("pack", sorted((ROOT / "data" / "packs").iterdir()), ids=lambda p: p.name)
def test_public_fields_carry_no_research_note(pack):
    for sheet in sheets_of(pack):
        texts = [str(sheet.get(f, "")) for f in PUBLIC_TEXT_FIELDS]
        for training in sheet.get("trainings") or []:
            texts += [str(training.get(f, "")) for f in ("title", "body", "duration", "note")]
        for text in texts:
            assert not re.search(r"à vérifier|\(\?\)|TODO", text), (sheet["slug"], text)
            assert "CAPa" not in text and "CAP agricole Opérateur" not in text, sheet["slug"]
