"""`make bench`: performance figures of Espaces, printed and written to bench/results.md.

Runs against a throw-away database: a SQLite file in var/ by default, or the database of
BENCH_DATABASE_URL (PostgreSQL). Never run by the test suite (no timed assertions there)."""

import argparse
import datetime as dt
import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"

# Each entry: (module, function, title). Functions take the BenchContext and return a dict
# of measured figures, or None when they cannot run here (with a reason in "skipped").
BENCHES = [
    ("bench.rome", "run", "Import du référentiel ROME 4.0"),
    ("bench.catalogue", "run", "Recherche et catalogue"),
    ("bench.orientation", "run", "Orientation : métiers proches"),
    ("bench.gains", "run", "Simulateur de revenus (OpenFisca-France)"),
    ("bench.render", "run", "Budgets de rendu des pages (dans un processus)"),
    # The load runs on the demo data, like the render budgets: before the dashboard's million
    # visits, whose first /impact/ (2.5 s per worker) fell inside the load's measurement.
    ("bench.load", "run", "Charge HTTP sous gunicorn"),
    ("bench.stats", "run", "Tableau de bord sur 1 000 000 de visites"),
]


class BenchContext:
    def __init__(self, rome_dir: Path, territory):
        self.rome_dir = rome_dir
        self.territory = territory


def machine() -> str:
    cpus = os.cpu_count()
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        mem = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
        mem_text = f"{mem / 1024 / 1024:.1f} Go"
    except (OSError, StopIteration):
        mem_text = "?"
    return f"{platform.platform()}, Python {platform.python_version()}, {cpus} cœurs, {mem_text} de mémoire"


def setup_database() -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        path = ROOT / "var" / "bench.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0) if "postgres" in url else None
    call_command("migrate", "--noinput", verbosity=0)
    return url.split("@")[-1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rome-dir", default=str(ROOT.parent / "shared" / "data" / "rome4_v460"))
    parser.add_argument("--only", help="run only the benchmarks whose module contains this text")
    parser.add_argument("--output", default=str(RESULTS), help="where to write the results")
    args = parser.parse_args(argv)

    database = setup_database()
    from django.conf import settings

    from espaces.territories.packs import load_pack

    started = time.perf_counter()
    load_pack(settings.ESPACES_PACKS_DIR / "dunkerque")
    pack_seconds = time.perf_counter() - started
    from espaces.territories.models import Territory

    context = BenchContext(Path(args.rome_dir), Territory.objects.get(slug="dunkerque"))
    sections = [
        f"# Mesures de performance — {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- Machine : {machine()}",
        f"- Base : {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} ({database})",
        f"- Chargement du pack de Dunkerque : {pack_seconds:.2f} s",
        "",
    ]
    print("\n".join(sections))
    for module_name, function, title in BENCHES:
        if args.only and args.only not in module_name:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            lines = [f"## {title}", "", f"Non mesuré : {exc}", ""]
        else:
            lines = [f"## {title}", ""] + getattr(module, function)(context) + [""]
        print("\n".join(lines))
        sys.stdout.flush()
        sections += lines
    output = Path(args.output).resolve()
    output.write_text("\n".join(sections) + "\n")
    print(
        f"Résultats écrits dans {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
