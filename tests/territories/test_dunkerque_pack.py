"""The Dunkerque pack itself: it loads, twice without change, and tells sourced facts."""

from espaces.territories.enums import ProjectStatus
from espaces.territories.models import Project, Site, Source
from espaces.territories.packs import load_pack
from tests.conftest import DUNKERQUE_PACK


def test_dunkerque_pack_loads_idempotently(dunkerque):
    assert load_pack(DUNKERQUE_PACK).changed == 0


def test_dunkerque_headline_and_sites(dunkerque):
    assert dunkerque.headline_value == 20000
    assert dunkerque.headline_sources.exists()
    sites = {s.slug: s for s in Site.objects.filter(territory=dunkerque)}
    assert set(sites) >= {"saint-pol-sur-mer", "gare-dunkerque"}
    assert sites["saint-pol-sur-mer"].in_qpv
    assert sites["saint-pol-sur-mer"].opened_on.isoformat()[:7] == "2024-10"
    assert sites["gare-dunkerque"].opened_on.isoformat()[:7] == "2025-07"


def test_dunkerque_projects_are_sourced_and_statuses_match_the_facts(dunkerque):
    projects = {p.slug: p for p in Project.objects.filter(territory=dunkerque)}
    assert len(projects) == 10
    assert projects["relieve"].status == ProjectStatus.SUSPENDU
    assert projects["verkor"].status == ProjectStatus.EN_PRODUCTION
    assert "retard" in projects["prologium"].status_note
    for project in projects.values():
        assert project.sources.exists(), project.slug
        for figure in project.figures.all():
            assert figure.source_id, (project.slug, figure.kind)
    verkor_jobs = sorted(
        projects["verkor"].figures.filter(kind="direct_jobs").values_list("value", flat=True)
    )
    assert verkor_jobs == [1200, 2000]
    assert Source.objects.filter(territory=dunkerque).count() >= 10
