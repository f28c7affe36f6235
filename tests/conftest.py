import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import db_template
from tests.pack_snapshots import load_packs, record_baseline

# Opt-in CPU time per test (ESPACES_CPU_REPORT, docs/tests.md); registered here rather than in
# addopts, where `tests` is not importable yet without PYTHONPATH.
pytest_plugins = ["tests.cpu_report"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PACK = ROOT / "data" / "packs" / "example"
DUNKERQUE_PACK = ROOT / "data" / "packs" / "dunkerque"
# ../shared/data next to the checkout; ESPACES_SHARED_DATA points elsewhere (e.g. a worktree).
SHARED_DATA = Path(os.environ.get("ESPACES_SHARED_DATA") or ROOT.parent / "shared" / "data")
ROME_DIR = SHARED_DATA / "rome4_v460"


SHARED_SCOPES = {"module", "class", "package"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """With `--dist loadgroup` (make test): the tests of a module that share a module- or
    class-scoped fixture of the suite (a loaded catalogue, the crawl of every pack…) run on the
    same worker, so that the fixture is built once; so do the tests of an explicit
    `xdist_group` (e.g. "openfisca": the tests that load OpenFisca-France, about 10 s of CPU per
    process). The other tests are spread one by one."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        names = sorted(
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        )
        if names:
            group = "_".join(names)
        elif any(
            fixture.scope in SHARED_SCOPES and fixture.baseid.startswith("tests")
            for name in info.names_closure
            for fixture in info.name2fixturedefs.get(name, ())
        ):
            group = item.nodeid.split("::")[0]
            item.add_marker(pytest.mark.xdist_group(group))
        else:
            continue
        # xdist's scheduler reads the group from the node id; xdist 3.8 writes it into
        # `_nodeid`, which pytest 9 no longer reads (it keeps `_id`): write it here.
        if config.getoption("loadgroup", default=False) and "@" not in item.nodeid:
            _set_node_id(item, f"{item.nodeid}@{group}")


def _set_node_id(item, nodeid: str) -> None:
    if hasattr(item, "_id"):
        from _pytest.nodeid import coerce_node_id

        item._id = coerce_node_id(nodeid)
    else:
        item._nodeid = nodeid


def pytest_configure(config):
    db_template.start_run(config)


def pytest_unconfigure(config):
    db_template.finish_run(config)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """The test database, and its state once migrated: packs are restored from snapshots only
    onto a database in that state (tests/pack_snapshots.py). Under xdist each worker clones the
    run's migrated template (tests/db_template.py) instead of migrating its own database."""
    if not db_template.usable(request.config):
        from pytest_django.fixtures import django_db_setup as pytest_django_setup

        options = [
            request.getfixturevalue(name)
            for name in ("django_db_use_migrations", "django_db_keepdb", "django_db_createdb")
        ]
        request.getfixturevalue("django_db_modify_db_settings")
        setup = pytest_django_setup.__wrapped__(
            request, django_test_environment, django_db_blocker, *options, None
        )
        next(setup)
        with django_db_blocker.unblock():
            record_baseline()
        yield
        next(setup, None)
        return
    from django.test.utils import teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, _serialized = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        created = db_template.setup_databases(
            aliases, request.config.workerinput["workerid"], verbosity
        )
        record_baseline()
    yield
    with django_db_blocker.unblock():
        teardown_databases(created, verbosity=verbosity)


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

    load_packs(EXAMPLE_PACK)
    return Territory.objects.get(slug="exemple")


@pytest.fixture
def settings_example(settings, example_territory):
    settings.ESPACES_TERRITORY = "exemple"
    return settings


@pytest.fixture
def dunkerque(db):
    """The Dunkerque pack, loaded (restored from this process's snapshot: tests/pack_snapshots.py)."""
    from espaces.territories.models import Territory

    load_packs(DUNKERQUE_PACK)
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
