"""The `structures` and `services` pack sections: validation with the data·inclusion lists,
references, idempotent upsert."""

import datetime as dt
import shutil

import pytest
import yaml

from espaces.services.models import Service, Structure
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import EXAMPLE_PACK


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def edit(path, filename, slug, **changes):
    """Change fields of one record of a pack file (None removes the field)."""
    file = path / filename
    records = yaml.safe_load(file.read_text(encoding="utf-8"))
    record = next(r for r in records if r["slug"] == slug)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    file.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def errors_of(path) -> list[str]:
    with pytest.raises(PackValidationError) as exc:
        load_pack(path)
    return [str(e) for e in exc.value.errors]


def test_example_pack_loads_structures_and_services_with_their_fields(example):
    structure = Structure.objects.get(territory=example, slug="creche-des-embruns")
    assert structure.partner.slug == "usine-exemple"
    assert structure.commune == "Port-Exemple"  # name filled from the INSEE code
    service = Service.objects.get(territory=example, slug="aide-permis-exemple")
    assert service.structure.slug == "agence-emploi-exemple"
    assert service.thematiques == ["mobilite--preparer-un-permis", "mobilite--financer-ma-mobilite"]
    assert service.zone_eligibilite == ["99001", "99002"]
    assert service.modes_mobilisation == ["telephoner", "se-presenter"]
    assert service.tags == ["permis"]
    assert service.review_every_months == 12
    assert service.source_system == "espaces-exemple" and service.external_id == ""
    assert [s.slug for s in service.sources.all()] == ["annonce-exemple"]
    bus = Service.objects.get(territory=example, slug="bus-de-nuit-exemple")
    assert bus.last_verified_on == dt.date(2025, 9, 1)
    assert bus.review_due_on == dt.date(2035, 9, 1)


def test_loading_twice_changes_nothing(example):
    before = list(Service.objects.order_by("pk").values("pk", "updated_at"))
    report = load_pack(EXAMPLE_PACK)
    assert report.changed == 0
    assert report.counts["services"]["inchangés"] == 6
    assert report.counts["structures"]["inchangés"] == 3
    assert list(Service.objects.order_by("pk").values("pk", "updated_at")) == before


def test_changed_service_is_updated_in_place(db, pack):
    load_pack(pack)
    edit(pack, "services.yaml", "aide-permis-exemple", frais="payant", sources=["presse-exemple"])
    report = load_pack(pack)
    assert report.counts["services"]["modifiés"] == 1
    service = Service.objects.get(slug="aide-permis-exemple")
    assert service.frais == "payant"
    assert [s.slug for s in service.sources.all()] == ["presse-exemple"]


def test_unknown_thematique_names_the_allowed_values_of_its_category(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", thematiques=["mobilite--bus"])
    (error,) = errors_of(pack)
    assert error.startswith("services.yaml, ligne ")
    assert "enregistrement « aide-permis-exemple », champ « thematiques »" in error
    assert "valeur « mobilite--bus »" in error
    assert "Valeurs permises pour « mobilite » : " in error
    assert "mobilite--preparer-un-permis" in error


def test_unknown_category_lists_the_categories(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", thematiques=["transport--bus"])
    (error,) = errors_of(pack)
    assert "thématique « transport--bus » inconnue" in error
    assert "catégories permises : choisir-un-metier" in error and "mobilite" in error


def test_category_alone_is_not_a_thematique(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", thematiques=["mobilite"])
    (error,) = errors_of(pack)
    assert "une catégorie seule ne suffit pas" in error


def test_unknown_enum_value_names_the_allowed_ones(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", frais="gratuite", type="aide")
    errors = errors_of(pack)
    assert any(
        "champ « frais » : valeur « gratuite » inconnue. Valeurs permises : gratuit, payant." in e
        for e in errors
    )
    assert any("champ « type »" in e and "accompagnement" in e for e in errors)


def test_tous_publics_cannot_be_mixed(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", publics=["tous-publics", "jeunes"])
    (error,) = errors_of(pack)
    assert "champ « publics » : « tous-publics » ne peut pas être utilisé" in error


def test_references_are_checked(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", structure="inconnue", sources=["nulle"])
    edit(pack, "structures.yaml", "creche-des-embruns", partner="personne", code_insee="59183")
    errors = errors_of(pack)
    assert any("champ « structure » : structure « inconnue » inconnu(e)" in e for e in errors)
    assert any("champ « sources » : source « nulle » inconnu(e)" in e for e in errors)
    assert any("champ « partner » : partenaire « personne » inconnu(e)" in e for e in errors)
    assert any(
        "champ « code_insee » : commune « 59183 » inconnu(e). Valeurs permises : 99001, 99002" in e
        for e in errors
    )


def test_zone_codes_are_checked(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", zone_eligibilite=["99003", "france", "x"])
    errors = errors_of(pack)
    assert len(errors) == 2
    assert "commune « 99003 » inconnue du territoire" in errors[0]
    assert "code « x » invalide" in errors[1]


def test_last_verified_in_the_future_is_refused(db, pack):
    future = dt.date.today() + dt.timedelta(days=3)
    edit(pack, "services.yaml", "aide-permis-exemple", last_verified_on=future)
    (error,) = errors_of(pack)
    assert "champ « last_verified_on » : date" in error and "dans le futur" in error


def test_name_with_final_full_stop_is_refused(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", nom="Aide au permis.")
    (error,) = errors_of(pack)
    assert "champ « nom » : le nom ne doit pas se terminer par un point" in error


def test_service_without_thematique_is_refused(db, pack):
    edit(pack, "services.yaml", "aide-permis-exemple", thematiques=[])
    (error,) = errors_of(pack)
    assert "champ « thematiques » : au moins une thématique est nécessaire" in error


def test_an_error_leaves_the_database_as_it_was(db, pack):
    load_pack(pack)
    edit(pack, "services.yaml", "bus-de-nuit-exemple", nom="Nouveau nom du bus")
    edit(pack, "services.yaml", "aide-permis-exemple", frais="gratuite")
    errors_of(pack)
    assert Service.objects.get(slug="bus-de-nuit-exemple").nom == "Bus de nuit d'exemple"


def test_unquoted_insee_codes_are_read_as_text(db, pack):
    edit(pack, "services.yaml", "relais-petite-enfance-exemple", code_insee=99001)
    edit(pack, "services.yaml", "bus-de-nuit-exemple", zone_eligibilite=[99])
    load_pack(pack)
    assert Service.objects.get(slug="relais-petite-enfance-exemple").code_insee == "99001"
    assert Service.objects.get(slug="bus-de-nuit-exemple").zone_eligibilite == ["99"]
