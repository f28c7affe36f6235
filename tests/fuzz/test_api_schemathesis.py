"""Schemathesis against /api/v1/openapi.json on a live server (pytest-django's live_server):
for every operation, valid and invalid generated requests; no server error and no response
outside the documented schema (status code, content type, body). Bounded: a fixed number of
examples per operation and mode (10 and 6 in the suite, 250 and 150 in `make fuzz`), derandomised,
so the run is repeatable."""

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS

from espaces.accounts.services import token_create
from tests.factories import UserFactory

from .conftest import FUZZ_RANDOM, scaled

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The gains operation loads OpenFisca-France (about 10 s of CPU per process): on the worker
    # of the other tests that load it (tests/gains).
    pytest.mark.xdist_group("openfisca"),
]

EXAMPLES = {GenerationMode.POSITIVE: scaled(25), GenerationMode.NEGATIVE: scaled(15)}
CHECK_NAMES = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
]


def _checks():
    available = {check.__name__: check for check in CHECKS.get_all()}
    return [available[name] for name in CHECK_NAMES]


@pytest.fixture
def fuzz_data(settings_example, example_territory):
    """The example pack, a session with a few places (registrations) and a coordinator."""
    from espaces.territories.models import Site

    site = Site.objects.filter(territory=example_territory).first()
    try:
        from tests.events.factories import SessionFactory

        SessionFactory(territory=example_territory, site=site, capacity=3)
    except ImportError:  # pragma: no cover - events app not there
        pass
    user = UserFactory(role="coordinator", territory=example_territory, sites=[site])
    return {"token": token_create(user=user)}


def test_api_conforms_to_its_schema_under_fuzzing(live_server, fuzz_data):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    headers = {"Authorization": f"Bearer {fuzz_data['token']}"}
    checks = _checks()
    failures: list[str] = []
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        for mode, examples in EXAMPLES.items():
            try:
                strategy = operation.as_strategy(generation_mode=mode)
            except Exception as exc:  # noqa: BLE001 - an operation schema we cannot fuzz
                failures.append(f"{operation.label} [{mode.value}] : schéma inutilisable ({exc})")
                continue

            @given(case=strategy)
            @settings(
                max_examples=examples,
                deadline=None,
                derandomize=not FUZZ_RANDOM,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                case.call_and_validate(
                    base_url=live_server.url,
                    headers=headers,
                    checks=checks,
                    timeout=10,
                )

            try:
                run()
            except Unsatisfiable:
                continue  # nothing to make invalid (no parameter, or only a free-text path)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - failure groups, reported together
                first_lines = "\n    ".join(str(exc).strip().splitlines()[:40])
                failures.append(f"{operation.label} [{mode.value}] :\n    {first_lines}")
    elapsed = time.monotonic() - started
    assert not failures, f"{len(failures)} échec(s) en {elapsed:.0f} s :\n" + "\n".join(failures)
