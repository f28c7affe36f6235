"""The Dunkerque pack's structures and services: they load, cover every need of the brief and
export as valid data·inclusion v1 records."""

import pytest
import yaml
from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure

from espaces.services.enums import Need, need_matches
from espaces.services.models import Service, Structure
from espaces.services.selectors import services_for_conditions
from tests.conftest import DUNKERQUE_PACK

SERVICES_FILE = DUNKERQUE_PACK / "services.yaml"


def _pack_services_readable() -> str | None:
    if not SERVICES_FILE.exists():
        return "data/packs/dunkerque/services.yaml n'existe pas encore"
    try:
        yaml.safe_load(SERVICES_FILE.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return f"data/packs/dunkerque/services.yaml illisible : {exc}"
    return None


pytestmark = pytest.mark.skipif(
    _pack_services_readable() is not None, reason=_pack_services_readable() or ""
)


@pytest.fixture
def dk_services(dunkerque):
    return list(Service.objects.filter(territory=dunkerque).select_related("structure"))


def test_every_exported_dunkerque_service_validates_against_the_schema(client, dk_services):
    response = client.get("/api/v1/services", {"territory": "dunkerque"})
    assert response.status_code == 200
    data = response.json()
    assert len(data) == len(dk_services) >= 30
    for item in data:
        DIService.model_validate(item, context={"ignore_warnings": False})
    structures = client.get("/api/v1/structures", {"territory": "dunkerque"}).json()
    for item in structures:
        DIStructure.model_validate(item, context={"ignore_warnings": False})
    assert {s["structure_id"] for s in data} <= {s["id"] for s in structures}


def test_every_need_of_the_page_has_real_entries(dk_services):
    for need in Need.values:
        assert any(need_matches(need, s.thematiques) for s in dk_services), need


def test_every_service_and_structure_carries_its_sources(dunkerque, dk_services):
    for service in dk_services:
        assert service.sources.exists() or service.structure.sources.exists(), service.slug
    for structure in Structure.objects.filter(territory=dunkerque):
        assert structure.sources.exists(), structure.slug


def test_shift_work_finds_night_mobility_in_dunkerque(dunkerque):
    helps = services_for_conditions(territory=dunkerque, conditions=["travail_poste", "permis"])
    keys = {h.key for h in helps}
    assert {"mobilite-horaires-decales", "permis"} <= keys


def test_dunkerque_search_page_and_sheets_render(client, dunkerque, dk_services, settings):
    settings.ESPACES_TERRITORY = "dunkerque"
    response = client.get("/lever-les-freins/", {"besoin": Need.values, "commune": "59273"})
    assert response.status_code == 200
    for service in dk_services[:10]:
        assert client.get(f"/lever-les-freins/services/{service.slug}/").status_code == 200
