"""espaces/ops/memory.py: long-lived objects frozen out of the garbage collector's way, in the
app servers only."""

import gc

import pytest

from espaces.ops import memory


@pytest.fixture
def restore():
    yield
    memory._enabled = False
    gc.unfreeze()


def test_keep_does_nothing_until_a_server_enables_it(restore):
    gc.unfreeze()
    memory.keep(collect=True)
    assert memory.frozen() == 0


def test_enabled_it_freezes_what_is_alive_and_full_collections_skip_it(restore):
    gc.unfreeze()
    kept = [[n] for n in range(50_000)]  # long-lived containers, tracked by the collector
    memory.enable()
    assert memory.frozen() >= len(kept)
    later = [[n] for n in range(10)]
    memory.keep()
    assert memory.frozen() >= len(kept) + len(later)
    assert len(gc.get_objects(generation=2)) < len(kept)


def test_wsgi_enables_it(restore, monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("ESPACES_GAINS_WARM_UP", "0")  # no OpenFisca in the test process
    sys.modules.pop("config.wsgi", None)
    importlib.import_module("config.wsgi")
    assert memory._enabled and memory.frozen() > 0
