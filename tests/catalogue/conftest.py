import shutil

import pytest
from django.db import transaction

from tests.conftest import DUNKERQUE_PACK

# The kinds of file the catalogue needs from the Dunkerque pack (the other kinds are tested by
# their own apps; leaving them out keeps these tests about the catalogue).
CATALOGUE_KINDS = {
    "territory",
    "sources",
    "sectors",
    "partners",
    "projects",
    "centres_interet",
    "rome",
    "metiers",
}


def copy_catalogue_pack(target):
    target.mkdir(parents=True, exist_ok=True)
    for path in DUNKERQUE_PACK.iterdir():
        kind = path.name.split(".")[0]
        if kind in CATALOGUE_KINDS or kind.split("-")[0] in {"metiers", "sources"}:
            shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def dunkerque_catalogue(django_db_setup, django_db_blocker, tmp_path_factory):
    """The Dunkerque job sheets, loaded once per test module and rolled back after it."""
    from espaces.catalogue import search
    from espaces.territories.models import Territory
    from espaces.territories.packs import load_pack

    path = copy_catalogue_pack(tmp_path_factory.mktemp("dunkerque"))
    with django_db_blocker.unblock(), transaction.atomic():
        load_pack(path)
        yield Territory.objects.get(slug="dunkerque")
        transaction.set_rollback(True)
        search.clear_cache()


@pytest.fixture
def dunkerque_db(dunkerque_catalogue, db):
    """Use in tests that read the module's Dunkerque catalogue."""
    return dunkerque_catalogue
