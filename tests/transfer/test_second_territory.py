"""The second real territory (data/packs/douai-lens-bethune) works from its pack alone: home,
catalogue, services, agenda and API, served on its own host name given by the deployment
(ESPACES_TERRITORY_HOSTS); every fact it shows is sourced, what is not sourced stays empty."""

import pytest

from espaces.catalogue.models import Metier
from espaces.services.models import Service, Structure
from espaces.territories.models import Project, Site, Source, Territory
from espaces.territories.packs import load_pack
from tests.conftest import ROOT

from .conftest import text_of

PACK = ROOT / "data" / "packs" / "douai-lens-bethune"
HOST = "vallee.localhost"

pytestmark = pytest.mark.django_db


@pytest.fixture
def vallee(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.ESPACES_TERRITORY = "dunkerque"  # not loaded: only the host leads to the territory
    settings.ESPACES_TERRITORY_HOSTS = f"douai-lens-bethune={HOST}"
    load_pack(PACK)
    return Territory.objects.get(slug="douai-lens-bethune")


def test_pack_loads_alone_and_twice_changes_nothing(vallee):
    assert load_pack(PACK).changed == 0
    assert Metier.objects.filter(territory=vallee).count() >= 20
    assert Project.objects.filter(territory=vallee).count() == 3
    assert vallee.headline_value is None  # no single sourced figure: none is made up


def test_every_announced_figure_has_its_source(vallee):
    for project in Project.objects.filter(territory=vallee).prefetch_related("figures"):
        assert project.sources.exists(), project.slug
        for figure in project.figures.all():
            assert figure.source_id, (project.slug, figure.kind, figure.value)
            assert figure.as_of or figure.note, (project.slug, figure.kind)
    for source in Source.objects.filter(territory=vallee):
        assert source.url.startswith("https://"), source.slug
        assert source.accessed_on or source.published_on, source.slug


def test_what_is_not_sourced_stays_empty(vallee):
    site = Site.objects.get(territory=vallee)
    assert (site.name, site.address, site.opening_hours) == (
        "Espace emploi du territoire (en préparation)",
        "",
        "",
    )
    assert "à définir" not in site.name and "à définir" not in site.description
    assert "Emplacement réservé" in site.editor_note
    for record in list(Structure.objects.filter(territory=vallee)) + list(
        Service.objects.filter(territory=vallee)
    ):
        assert (record.telephone, record.courriel, record.adresse, record.horaires_accueil) == (
            "",
            "",
            "",
            "",
        ), record.slug
    assert not Metier.objects.filter(territory=vallee, salary_min__isnull=False).exists()
    assert not Service.objects.filter(territory=vallee, last_verified_on__isnull=False).exists()


def test_home_catalogue_services_and_agenda_work_from_the_pack(client, vallee):
    home = text_of(client.get("/", HTTP_HOST=HOST))
    assert "Douai–Lens–Béthune" in home
    assert "Gigafactory ACC de Billy-Berclau / Douvrin" in home
    assert "Dunkerque" not in home
    catalogue = client.get("/metiers/", HTTP_HOST=HOST)
    assert catalogue.status_code == 200
    assert "Pilote de ligne de production de batteries" in text_of(catalogue)
    sheet = text_of(client.get("/metiers/pilote-ligne-batteries/", HTTP_HOST=HOST))
    assert "Battery Training Center" in sheet and "Envision AESC" in sheet
    # No sourced salary: the line is absent, never « à vérifier » (TRUST item 1).
    assert "Salaire au début" not in sheet and "Salaire : à vérifier" not in sheet
    assert client.get("/lever-les-freins/", HTTP_HOST=HOST).status_code == 200
    services = text_of(
        client.get(
            "/lever-les-freins/?besoin=me-deplacer&besoin=faire-garder-mes-enfants&besoin=me-former",
            HTTP_HOST=HOST,
        )
    )
    assert "évéole" in services
    service = client.get("/lever-les-freins/services/aide-permis-region/", HTTP_HOST=HOST)
    assert service.status_code == 200
    assert "1 350 euros" in text_of(service)
    agenda = client.get("/agenda/", HTTP_HOST=HOST)
    assert agenda.status_code == 200
    assert client.get("/agenda/agenda.ics", HTTP_HOST=HOST).status_code == 200
    assert client.get("/projets/", HTTP_HOST=HOST).status_code == 200
    assert client.get("/orientation/", HTTP_HOST=HOST).status_code == 200


def test_api_serves_the_territory_by_host_or_parameter(client, vallee):
    by_host = client.get("/api/v1/territory", HTTP_HOST=HOST).json()
    by_param = client.get("/api/v1/territory?territory=douai-lens-bethune").json()
    assert by_host["slug"] == by_param["slug"] == "douai-lens-bethune"
    assert {c["insee"] for c in by_host["communes"]} >= {"59178", "62132", "62276", "62498"}
    metiers = client.get("/api/v1/metiers?q=batterie", HTTP_HOST=HOST).json()
    assert metiers["items"][0]["slug"] in {
        "pilote-ligne-batteries",
        "technicien-maintenance-batteries",
    }
    projects = client.get("/api/v1/projects", HTTP_HOST=HOST).json()
    envision = next(p for p in projects if p["slug"] == "envision-aesc-douai")
    assert envision["status"] == "en_production"
    assert all(f["source"] for f in envision["figures"])
