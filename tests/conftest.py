from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PACK = ROOT / "data" / "packs" / "example"
DUNKERQUE_PACK = ROOT / "data" / "packs" / "dunkerque"
SHARED_DATA = ROOT.parent / "shared" / "data"
ROME_DIR = SHARED_DATA / "rome4_v460"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in French: a request in English leaves its language active in
    the thread, and strings written in Python (forms, messages, services) would follow it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


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
