"""Fixtures of the ROME tests.

`fixtures/rome_v499/` is a hand-written miniature of the official open-data files (same file
names and columns as v460; five fiches, thirteen appellations, two centres d'intérêt). Its values
come from v460, simplified: « v499 » is a fictional version.
"""

import shutil
from pathlib import Path

import pytest

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "rome_v499"


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
