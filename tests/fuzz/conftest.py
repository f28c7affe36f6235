import os

import pytest
from django.db import connection
from hypothesis import HealthCheck, settings

# Repeatable, bounded runs in the suite (0.4 times the numbers written in the tests, at least
# 5 examples, derandomised: the same inputs each run); `make fuzz` multiplies them
# (FUZZ_EXAMPLES=10) and lets Hypothesis pick new inputs each time (FUZZ_RANDOM=1).
FUZZ_SCALE = max(0.1, float(os.environ.get("FUZZ_EXAMPLES") or "0.4"))


def scaled(n: int) -> int:
    """The number of examples for a test written with `n`, in this run."""
    return max(5, round(n * FUZZ_SCALE))


FUZZ_RANDOM = bool(os.environ.get("FUZZ_RANDOM"))
settings.register_profile(
    "espaces-forms",
    deadline=None,
    database=None,
    derandomize=not FUZZ_RANDOM,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)

# Tables written by the framework on any request (sessions, login attempts): not data writes.
IGNORED_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog"}


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in IGNORED_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def changed_tables(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {t: after[t] - before.get(t, 0) for t in after if after[t] != before.get(t, 0)}


@pytest.fixture
def fuzz_site(settings_example, example_territory):
    from espaces.territories.models import Site

    return Site.objects.filter(territory=example_territory).order_by("pk").first()
