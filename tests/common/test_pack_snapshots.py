"""The packs restored by tests/pack_snapshots.py (used by the `dunkerque` and
`example_territory` fixtures) are the packs `load_pack` writes, row for row."""

import pytest
from django.apps import apps
from django.db import transaction

from espaces.territories.packs import load_pack
from tests import pack_snapshots
from tests.conftest import ROOT

PACKS = ROOT / "data" / "packs"


def contents() -> dict[str, list]:
    """Every model's rows, without what differs between two loads of the same files: primary
    and foreign keys on PostgreSQL (its sequences are not rolled back) and the times of writing."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        fields = [
            f.attname
            for f in model._meta.local_concrete_fields
            if not f.primary_key
            and not f.is_relation
            and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)
        ]
        rows = sorted(map(repr, model._base_manager.values_list(*fields))) if fields else []
        tables[model._meta.label] = [model._base_manager.count(), rows]
    return tables


@pytest.mark.parametrize(
    ("packs", "database"),
    [
        (("example",), "db"),
        (("dunkerque",), "db"),
        (("example", "example-b"), "db"),
        # After the flush of a transactional test: other keys in the database, other snapshot.
        (("example",), "transactional_db"),
    ],
    ids=lambda value: "+".join(value) if isinstance(value, tuple) else value,
)
def test_a_restored_pack_equals_a_loaded_one(request, packs, database):
    request.getfixturevalue(database)
    paths = [PACKS / name for name in packs]
    with transaction.atomic():
        reports = [load_pack(path) for path in paths]
        loaded = contents()
        transaction.set_rollback(True)
    with transaction.atomic():  # the first call in a process takes the snapshot
        pack_snapshots.load_packs(*paths)
        transaction.set_rollback(True)

    restored_before = pack_snapshots.stats["restored"]
    restored_reports = pack_snapshots.load_packs(*paths)

    assert pack_snapshots.stats["restored"] == restored_before + 1
    restored = contents()
    assert sum(count for count, _ in restored.values()) > 100
    assert restored == loaded
    assert [r.territory for r in restored_reports] == [r.territory for r in reports]


@pytest.mark.django_db
def test_a_pack_is_loaded_for_real_on_a_database_that_is_not_as_migrated():
    from espaces.territories.models import Territory
    from tests.factories import UserFactory

    UserFactory()
    loaded_before = pack_snapshots.stats["loaded"]
    pack_snapshots.load_packs(PACKS / "example")
    assert pack_snapshots.stats["loaded"] == loaded_before + 1
    assert Territory.objects.filter(slug="exemple").exists()
