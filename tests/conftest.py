import os
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PACK = ROOT / "data" / "packs" / "example"
DUNKERQUE_PACK = ROOT / "data" / "packs" / "dunkerque"
# ../shared/data next to the checkout; ESPACES_SHARED_DATA points elsewhere (e.g. a worktree).
SHARED_DATA = Path(os.environ.get("ESPACES_SHARED_DATA") or ROOT.parent / "shared" / "data")
ROME_DIR = SHARED_DATA / "rome4_v460"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in French: a request in English leaves its language active in
    the thread, and strings written in Python (forms, messages, services) would follow it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches (pages, fragments, content version, rate limits): a
    rolled-back territory's primary key is reused by the next test's, whose cached fragments
    must not be those of the previous one."""
    from django.core.cache import caches

    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def referential_indexes_follow_the_database(monkeypatch):
    """The ROME search indexes check the database every 5 s in production (only an import
    changes the referential); tests roll back their data, so they check at every search. The
    territories' indexes are dropped: a rolled-back territory's primary key is reused by the
    next one, whose index signature could then look unchanged."""
    from espaces.catalogue import search

    monkeypatch.setattr(search, "APPELLATION_CHECK_SECONDS", 0.0)
    monkeypatch.setattr(search, "METIER_CHECK_SECONDS", 0.0)
    for key in [k for k in search._cache if isinstance(k, tuple) and k[0] == "metiers"]:
        search._cache.pop(key, None)
    from espaces.orientation import selectors as orientation

    orientation.drop_local_indexes()


@pytest.fixture
def example_territory(db):
    """The minimal example pack, loaded (territory slug `exemple`, host exemple.localhost)."""
    from espaces.territories.models import Territory
    from espaces.territories.packs import load_pack

    load_pack(EXAMPLE_PACK)
    return Territory.objects.get(slug="exemple")


@pytest.fixture
def settings_example(settings, example_territory):
    settings.ESPACES_TERRITORY = "exemple"
    return settings


@pytest.fixture
def dunkerque(db):
    from espaces.territories.models import Territory
    from espaces.territories.packs import load_pack

    load_pack(DUNKERQUE_PACK)
    return Territory.objects.get(slug="dunkerque")


def run_command(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and de-duplication live in the cache (espaces/ops/rate_limit.py): each test
    starts with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield
