"""Long-lived objects out of the way of Python's cyclic garbage collector (issue SPEED).

A worker keeps large structures for its whole life: Django and the app's modules, OpenFisca's
tax-benefit system (about 600 000 objects, espaces/gains/engine.py), the search and orientation
indexes. Python's full (generation 2) collection walks every tracked object: with OpenFisca
loaded it took 0.25–0.6 s, during which the request being served waits — the slowest
percentile of every page under load. `gc.freeze()` moves the objects alive at that moment into
a permanent generation that collections skip; objects made later are collected as usual.

Enabled by the app servers (config/wsgi.py) only: a test process builds indexes thousands of
times and gains nothing from it. The price: a frozen object that later becomes part of a garbage
cycle is freed only when the process ends (an index replaced after an edit is freed by reference
counting, as it holds no cycle worth the name)."""

import gc
import threading

_enabled = False
_lock = threading.Lock()


def enable(*, collect: bool = True) -> None:
    """From now on `keep()` freezes; collect what is garbage now, then freeze what is left."""
    global _enabled
    _enabled = True
    keep(collect=collect)


def keep(*, collect: bool = False) -> None:
    """The objects alive now are long-lived (a process-wide index was just built, a warm-up
    ended): freeze them. `collect` first frees today's garbage (a pause: at start-up only)."""
    if not _enabled:
        return
    with _lock:
        if collect:
            gc.collect()
        gc.freeze()


def frozen() -> int:
    return gc.get_freeze_count()
