"""Fixtures of the ROME tests.

`fixtures/rome_miniature/` is a hand-written miniature of the official open-data files (same
columns as v460; five fiches, thirteen appellations, two centres d'intérêt). Its values come from
v460, simplified. The files are stored under short names, so that nothing in the repository looks
like a copy of the official files; they are laid out under the official names
(`unix_<name>_v499_utf8.csv`, « v499 » being a fictional version) in a temporary folder.
"""

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

SOURCE_DIR = Path(__file__).resolve().parent / "fixtures" / "rome_miniature"


def _materialise() -> Path:
    target = Path(tempfile.mkdtemp(prefix="rome_v499_"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    for source in sorted(SOURCE_DIR.glob("*.csv")):
        shutil.copyfile(source, target / f"unix_{source.stem}_v499_utf8.csv")
    return target


FIXTURE_DIR = _materialise()


@pytest.fixture
def rome_dir(tmp_path) -> Path:
    """A writable copy of the miniature referential."""
    path = tmp_path / "rome"
    shutil.copytree(FIXTURE_DIR, path)
    return path


@pytest.fixture
def tiny_pack(tmp_path) -> Path:
    """A pack folder holding only a territory: tests add their rome/centres files."""
    path = tmp_path / "pack"
    path.mkdir()
    (path / "territory.yaml").write_text(
        "slug: essai\nname: Territoire d'essai\nshort_name: Essai\n", encoding="utf-8"
    )
    return path
