"""The dependency locks (docs/deployment.md): production without test tools, the dev lock
agreeing with it, hashes everywhere, and every third-party import declared in the right lock."""

import ast
import re
import sys
from importlib.metadata import packages_distributions

import pytest

from tests.conftest import ROOT

DEV_ONLY = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "factory-boy",
    "faker",
    "hypothesis",
    "schemathesis",
    "ruff",
    "playwright",
    "uv",
}
FIRST_PARTY = {"espaces", "config", "tests", "bench", "locale", "manage"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_lock(name: str) -> dict[str, dict]:
    """{package: {"version", "hashes"}} of a lock written by `make lock` (uv, --generate-hashes)."""
    pins: dict[str, dict] = {}
    current = None
    for line in (ROOT / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = normalise(match.group(1))
            assert current not in pins, f"{name}: {current} deux fois"
            pins[current] = {"version": match.group(2), "hashes": []}
        elif current and line.strip().startswith("--hash=sha256:"):
            pins[current]["hashes"].append(line.strip().rstrip("\\").strip())
        elif line.strip() and not line.lstrip().startswith("#"):
            assert line.startswith(" "), f"{name}: ligne inattendue {line!r}"
    return pins


@pytest.fixture(scope="module")
def locks():
    return {
        "prod": parse_lock("requirements.lock"),
        "dev": parse_lock("requirements-dev.lock"),
        "openfisca": parse_lock("requirements-openfisca.lock"),
    }


def test_every_pin_has_hashes(locks):
    for lock, pins in locks.items():
        assert pins, lock
        missing = [name for name, pin in pins.items() if not pin["hashes"]]
        assert not missing, f"{lock}: sans hash {missing}"


def test_production_lock_holds_no_test_tool(locks):
    assert not DEV_ONLY & set(locks["prod"]), DEV_ONLY & set(locks["prod"])
    assert {"pytest", "ruff", "playwright", "hypothesis", "uv"} <= set(locks["dev"])


def test_dev_lock_pins_production_identically(locks):
    for name, pin in locks["prod"].items():
        assert name in locks["dev"], f"{name} absent du lock de développement"
        assert locks["dev"][name]["version"] == pin["version"], name
        assert set(locks["dev"][name]["hashes"]) == set(pin["hashes"]), name


def test_requested_production_packages_are_locked(locks):
    for name in ("django", "polib", "phonenumbers", "redis", "gunicorn", "psycopg"):
        assert name in locks["prod"], name
    assert "openfisca-france" in locks["openfisca"]
    # OpenFisca's pins (installed --no-deps) are the ones of its input file.
    wanted = {
        normalise(m.group(1)): m.group(2)
        for m in map(PIN.match, (ROOT / "requirements-openfisca.in").read_text().splitlines())
        if m
    }
    assert wanted == {name: pin["version"] for name, pin in locks["openfisca"].items()}


def _optional(tree) -> set[int]:
    """ids of the import nodes under `try: … except ImportError:` (used when installed)."""
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            "ImportError" in ast.unparse(handler.type or ast.Name("")) for handler in node.handlers
        ):
            nodes |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    return nodes


def third_party_imports(paths) -> set[str]:
    modules = set()
    for path in paths:
        tree = ast.parse(path.read_text(), str(path))
        optional = _optional(tree)
        for node in ast.walk(tree):
            if id(node) in optional:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in FIRST_PARTY:
                    modules.add(top)
    return modules


def distributions_of(modules: set[str]) -> dict[str, set[str]]:
    installed = packages_distributions()
    return {m: {normalise(d) for d in installed.get(m, [])} for m in modules}


@pytest.mark.parametrize(
    ("where", "allowed"),
    [
        (["espaces", "config", "locale/compile_messages.py"], ("prod", "openfisca")),
        (["tests", "bench"], ("prod", "dev", "openfisca")),
    ],
)
def test_every_import_is_declared_in_the_right_lock(locks, where, allowed):
    files = []
    for part in where:
        path = ROOT / part
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    declared = set().union(*(locks[lock] for lock in allowed))
    undeclared = {
        module: dists
        for module, dists in distributions_of(third_party_imports(files)).items()
        if not dists & declared
    }
    assert not undeclared, f"{where}: importé mais absent de {allowed} : {undeclared}"
