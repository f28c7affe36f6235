"""The rome.yaml and centres_interet.yaml of the repository's packs match their métiers."""

import shutil

import pytest

from espaces.rome.pack_subset import metier_files, write_pack_subset
from tests.conftest import DUNKERQUE_PACK, EXAMPLE_PACK, ROME_DIR

pytestmark = pytest.mark.skipif(
    not ROME_DIR.is_dir(), reason=f"référentiel ROME 4.0 absent ({ROME_DIR})"
)


@pytest.mark.parametrize("pack", [DUNKERQUE_PACK, EXAMPLE_PACK], ids=["dunkerque", "example"])
def test_pack_rome_files_are_up_to_date_with_the_metiers(pack, tmp_path):
    if not (pack / "rome.yaml").exists():
        pytest.skip(f"{pack.name} n'a pas de rome.yaml")
    for path in metier_files(pack):
        shutil.copy(path, tmp_path / path.name)

    write_pack_subset(pack_dir=tmp_path, rome_dir=ROME_DIR)

    for name in ("rome.yaml", "centres_interet.yaml"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (pack / name).read_text(
            encoding="utf-8"
        ), (
            f"{pack.name}/{name} ne correspond plus aux métiers du pack : relancez "
            f"`espaces pack_rome_subset {pack.relative_to(pack.parents[2])} --rome-dir {ROME_DIR}`"
        )
