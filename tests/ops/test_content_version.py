"""The content version (espaces/ops/content_version.py) and what is keyed by it: the page cache,
the template fragments, the catalogue's search index, the network's closed months; and the
template loader of the production settings."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from espaces.catalogue import search
from espaces.catalogue.models import Metier
from espaces.ops import content_version
from espaces.territories.models import Project

pytestmark = pytest.mark.django_db


def test_production_settings_use_the_cached_template_loader():
    from django.template import engines

    from config.settings import base

    assert base.DEBUG is False or "loaders" not in base.TEMPLATES[0]["OPTIONS"]
    assert "loaders" not in base.TEMPLATES[0]["OPTIONS"]  # Django then wraps them in the cache
    engine = engines["django"].engine
    assert engine.debug is False
    loader = engine.template_loaders[0]
    assert type(loader).__module__ == "django.template.loaders.cached"
    assert [type(inner).__module__ for inner in loader.loaders] == [
        "django.template.loaders.filesystem",
        "django.template.loaders.app_directories",
    ]


def test_cache_url_gives_every_alias_one_backend():
    from config.settings.environment import caches_from_url

    local = caches_from_url("locmem://")
    shared = caches_from_url("redis://127.0.0.1:6379/3")
    assert set(local) == set(shared) == {"default", "pages", "fragments"}
    assert {c["BACKEND"] for c in shared.values()} == {
        "django.core.cache.backends.redis.RedisCache"
    }
    assert {c["LOCATION"] for c in shared.values()} == {"redis://127.0.0.1:6379/3"}
    assert len({c["KEY_PREFIX"] for c in shared.values()}) == 3
    with pytest.raises(ValueError):
        caches_from_url("memcached://x")


def test_saving_content_changes_the_version_a_registration_does_not(example_territory):
    before = content_version.current(example_territory.pk)
    deployment = content_version.current()
    metier = Metier.objects.filter(territory=example_territory).first()
    metier.save()
    after = content_version.current(example_territory.pk)
    assert after != before
    assert content_version.current() != deployment
    # Saving people's data changes the seats version only.
    from espaces.events.models import Session

    seats = content_version.seats_version()
    session = Session.objects.filter(territory=example_territory).first()
    if session is not None:
        session.save()
        assert content_version.seats_version() != seats


def test_another_process_edit_reaches_this_process_search_index(example_territory, monkeypatch):
    """Edit in another "process": the rows change without a signal here, and the shared cache's
    version is bumped (as the other process's signal does). The next search here sees it."""
    monkeypatch.setattr(search, "METIER_CHECK_SECONDS", 3600.0)
    metier = Metier.objects.get(territory=example_territory, slug="soudeur")
    assert search.search_metiers(territory=example_territory, query="soudeur")
    Metier.objects.filter(pk=metier.pk).update(keywords=[*metier.keywords, "zorglub"])
    assert search.search_metiers(territory=example_territory, query="zorglub") == []
    content_version._write({example_territory.pk})  # what the other process's save did
    hits = search.search_metiers(territory=example_territory, query="zorglub")
    assert [h.key for h in hits] == [metier.pk]


def test_cached_pages_follow_the_content_version(settings_example):
    settings_example.ESPACES_PAGE_CACHE_SECONDS = 60
    metier = Metier.objects.get(territory__slug="exemple", slug="soudeur")
    path = f"/metiers/{metier.slug}/"
    assert metier.title in Client().get(path).content.decode()
    Metier.objects.filter(pk=metier.pk).update(title="Titre sans signal")
    assert "Titre sans signal" not in Client().get(path).content.decode()  # cached
    metier.refresh_from_db()
    metier.title = "Soudeuse ou soudeur"
    metier.save()
    assert "Soudeuse ou soudeur" in Client().get(path).content.decode()


def test_home_fragment_is_cached_by_content_version_and_costs_no_query(settings_example):
    project = Project.objects.filter(territory__slug="exemple").order_by("pk").first()
    client = Client()
    with CaptureQueriesContext(connection) as first:
        page = client.get("/").content.decode()
    assert escape(project.name) in page
    with CaptureQueriesContext(connection) as second:
        again = client.get("/").content.decode()
    assert again == page
    assert len(second) < len(first)
    assert not any("territories_project" in q["sql"] for q in second.captured_queries)
    project.name = "Projet renommé"
    project.save()
    assert "Projet renommé" in client.get("/").content.decode()
    # English has its own fragment.
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english != page


def test_network_closed_months_are_computed_once(example_territory):
    from espaces.network.selectors import network_stats

    with CaptureQueriesContext(connection) as first:
        one = network_stats()
    with CaptureQueriesContext(connection) as second:
        two = network_stats()
    assert [r.cells for r in one.rows] == [r.cells for r in two.rows]
    assert len(second) < len(first) or len(first) < 10
    assert len(second) <= 3 + 2 * len(one.rows)


def test_loading_a_pack_changes_the_version(example_territory):
    from espaces.territories.packs import load_pack
    from tests.conftest import EXAMPLE_PACK

    before = content_version.current(example_territory.pk)
    load_pack(EXAMPLE_PACK)  # unchanged rows: no save, no signal; the load bumps all the same
    assert content_version.current(example_territory.pk) != before


def test_shared_html_caches_are_keyed_by_the_release(monkeypatch):
    """Pages and fragments kept in Redis outlive a deployment: the release is in their keys
    (ESPACES_RELEASE, else a digest of the code), never in those of the content version."""
    from django.utils.module_loading import import_string

    from config.settings.environment import caches_from_url
    from espaces.ops import release

    shared = caches_from_url("redis://127.0.0.1:6379/3")
    assert "KEY_FUNCTION" not in shared["default"]
    make_key = import_string(shared["fragments"]["KEY_FUNCTION"])
    assert shared["pages"]["KEY_FUNCTION"] == shared["fragments"]["KEY_FUNCTION"]
    release.release.cache_clear()
    digest = release.release()
    assert len(digest) == 12 and make_key("k", "espaces-fragments", 1) == (
        f"espaces-fragments:{digest}:1:k"
    )
    monkeypatch.setenv("ESPACES_RELEASE", "2026.12-a")
    release.release.cache_clear()
    try:
        assert make_key("k", "espaces-pages", 1) == "espaces-pages:2026.12-a:1:k"
    finally:
        monkeypatch.delenv("ESPACES_RELEASE")
        release.release.cache_clear()
    assert release.release() == digest  # the same code, the same digest
