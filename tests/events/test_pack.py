"""The event_types and schools pack sections, and the Dunkerque files."""

import csv
import shutil

import pytest

from espaces.events.enums import EventKind
from espaces.events.models import EventType, School
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import DUNKERQUE_PACK, EXAMPLE_PACK, SHARED_DATA


@pytest.fixture
def pack_copy(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def test_example_pack_loads_event_types_and_schools_idempotently(example_territory):
    types = {t.slug: t for t in EventType.objects.filter(territory=example_territory)}
    assert set(types) == {"atelier-metiers", "casque-vr", "visite-usine", "intervention-lycee"}
    assert (types["casque-vr"].kind, types["casque-vr"].default_capacity) == ("immersion_vr", 6)
    assert types["casque-vr"].waitlist_enabled and not types["visite-usine"].waitlist_enabled
    schools = {s.uai: s for s in School.objects.filter(territory=example_territory)}
    assert schools["9990003C"].kind == "college"
    assert schools["9990002B"].commune.insee == "99002"
    report = load_pack(EXAMPLE_PACK)
    assert report.counts["types d'événements"]["inchangés"] == 4
    assert report.counts["établissements scolaires"]["inchangés"] == 3
    assert report.changed == 0


def test_bad_event_kind_names_file_line_record_and_allowed_values(db, pack_copy):
    path = pack_copy / "event_types.yaml"
    path.write_text(path.read_text().replace("kind: immersion_vr", "kind: cinema"))
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    [error] = info.value.errors
    assert (error.file, error.record, error.field) == ("event_types.yaml", "casque-vr", "kind")
    assert path.read_text().splitlines()[error.line - 1].strip() == "kind: cinema"
    assert "immersion_vr" in error.message and "intervention_scolaire" in error.message
    assert not EventType.objects.exists()


def test_schools_errors_name_line_and_field(db, pack_copy):
    path = pack_copy / "schools.csv"
    path.write_text(
        "uai,name,commune,kind\n"
        "9990001A,Lycée un,99001,lycee\n"
        "9990001A,Lycée doublon,99001,lycee\n"
        "12345,Mauvais code,99001,lycee\n"
        "9990009Z,Commune inconnue,00000,lycee\n"
        "9990008Y,Type inconnu,99001,universite\n",
        encoding="utf-8",
    )
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    found = {(e.line, e.field) for e in info.value.errors}
    assert found == {(3, "uai"), (4, "uai"), (5, "commune"), (6, "kind")}
    assert not School.objects.exists()


def test_dunkerque_has_every_kind_of_event_and_the_16_lycees(dunkerque):
    kinds = set(EventType.objects.filter(territory=dunkerque).values_list("kind", flat=True))
    assert kinds == set(EventKind.values)
    schools = School.objects.filter(territory=dunkerque).select_related("commune")
    assert schools.count() == 16
    assert {s.kind for s in schools} == {"lycee"}
    names = {s.uai: s.name for s in schools}
    assert names["0590263R"] == "Lycée professionnel Fernand Léger"
    communes = {s.uai: s.commune.insee for s in schools}
    assert communes["0590071G"] == "59183"  # « DUNKERQUE CEDEX 1 »
    assert communes["0595616J"] == "59271"  # « GRANDE-SYNTHE CEDEX »
    assert communes["0595121W"] == "59094" and communes["0590263R"] == "59155"
    assert load_pack(DUNKERQUE_PACK).changed == 0


def test_dunkerque_schools_match_the_reference_list():
    source = SHARED_DATA / "dunkerque" / "lycees_cud.csv"
    if not source.exists():
        pytest.skip("lycees_cud.csv absent : la liste de référence des lycées n'est pas disponible")
    with source.open(encoding="utf-8") as handle:
        reference = {row["uai"]: row for row in csv.DictReader(handle)}
    with (DUNKERQUE_PACK / "schools.csv").open(encoding="utf-8") as handle:
        pack = {row["uai"]: row for row in csv.DictReader(handle)}
    assert set(pack) == set(reference)
    city_codes = {"DUNKERQUE": "59183", "GRANDE-SYNTHE": "59271",
                  "COUDEKERQUE-BRANCHE": "59155", "BOURBOURG": "59094"}  # fmt: skip
    for uai, row in reference.items():
        city = row["city"].upper().split(" CEDEX")[0].strip()
        assert pack[uai]["commune"] == city_codes[city], uai
        assert pack[uai]["name"].upper().replace("Î", "I") == row["name"].replace("Î", "I"), uai
