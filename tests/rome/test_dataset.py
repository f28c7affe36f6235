"""The compact ROME dataset shipped in data/rome/ (espaces/rome/dataset.py)."""

import json
import time

import pytest
from django.conf import settings
from django.core.management import call_command

from espaces.rome.dataset import build_dataset, dataset_texts, read_dataset, read_text
from espaces.rome.enums import CoreLevel
from espaces.rome.models import (
    CentreInteretLink,
    RomeAppellation,
    RomeFiche,
    RomeFicheContext,
    RomeFicheSkill,
    RomeMobility,
)
from espaces.rome.opendata import RomeDataError, read_referential
from espaces.rome.services import rome_load_dataset
from tests.conftest import ROME_DIR

DATASET = settings.ROME_DATASET_DIR
TABLES = [
    "fiches",
    "centres",
    "links",
    "contexts",
    "fiche_contexts",
    "skills",
    "fiche_skills",
    "mobilities",
]


def test_the_shipped_dataset_holds_the_whole_referential():
    ref = read_dataset(DATASET)

    assert ref.release.version == "460"
    assert len(ref.fiches) == 1584
    assert len(ref.appellations) == 13120
    assert len(ref.centres) == 30
    assert len(ref.links) == 4444
    assert len(ref.contexts) == 179
    assert len(ref.fiche_contexts) == 13663
    assert len(ref.fiche_skills) == 90556
    assert len(ref.mobilities) == 14912
    soudeur = ref.fiches["H2913"]
    assert soudeur.label == "Soudeur / Soudeuse"
    assert soudeur.definition.startswith("Artisan de la précision, le soudeur")
    assert ("H2913", "300795") in ref.fiche_contexts  # port de charges lourdes
    assert ref.mobilities[("H2913", "H1506")] == 1


def test_the_release_file_records_licence_version_and_counts():
    release = json.loads(read_text(DATASET / "release.json"))

    assert release["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)"
    assert release["attribution"] == "Source : France Travail, ROME 4.0 (version 460)"
    assert (release["edition"], release["released"]) == ("25M09", "2025-09-18")
    assert release["counts"]["fiches"] == 1584
    total = sum(path.stat().st_size for path in DATASET.iterdir())
    assert total < 5 * 1024 * 1024


@pytest.mark.skipif(not ROME_DIR.is_dir(), reason=f"référentiel ROME 4.0 absent ({ROME_DIR})")
def test_rebuilding_from_the_official_files_gives_the_same_dataset():
    texts = dataset_texts(read_referential(ROME_DIR))

    assert sorted(texts) == sorted(p.name for p in DATASET.iterdir() if p.name != "README.md")
    for name, text in texts.items():
        assert read_text(DATASET / name) == text, f"{name} diffère : relancez build_rome_dataset"


def test_building_then_reading_gives_back_the_referential(rome_dir, tmp_path):
    build_dataset(rome_dir, tmp_path / "ds")

    expected = read_referential(rome_dir)
    found = read_dataset(tmp_path / "ds")
    for name in TABLES:
        assert getattr(found, name) == getattr(expected, name), name
    key = lambda a: a.code_ogr  # noqa: E731
    assert sorted(found.appellations, key=key) == sorted(expected.appellations, key=key)
    # Deterministic: a second build writes the same bytes.
    first = {p.name: p.read_bytes() for p in (tmp_path / "ds").iterdir()}
    build_dataset(rome_dir, tmp_path / "ds")
    assert {p.name: p.read_bytes() for p in (tmp_path / "ds").iterdir()} == first


def test_a_missing_dataset_is_explained_in_french(tmp_path):
    with pytest.raises(RomeDataError) as caught:
        read_dataset(tmp_path)
    assert "espaces build_rome_dataset" in str(caught.value)


@pytest.mark.django_db
def test_loading_the_dataset_fills_the_database_quickly_and_idempotently():
    start = time.perf_counter()
    report = rome_load_dataset()
    seconds = time.perf_counter() - start

    assert (
        seconds < 180
    )  # ~5 s of processor time; generous for loaded machines (figures: make bench)
    assert RomeFiche.objects.count() == 1584
    assert RomeAppellation.objects.count() == 13120
    assert CentreInteretLink.objects.count() == 4444
    assert RomeFicheContext.objects.count() == 13663
    assert RomeFicheSkill.objects.count() == 90556
    assert RomeFicheSkill.objects.filter(core=CoreLevel.PRINCIPALE).count() == 18900
    assert RomeMobility.objects.count() == 14912
    assert report.fiches.created == 1584

    again = rome_load_dataset()
    assert again.changed == 0


@pytest.mark.django_db
def test_bootstrap_loads_the_national_fiches_on_an_empty_database(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    call_command("load_rome_dataset", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert RomeFiche.objects.get(code="J1501").definition
