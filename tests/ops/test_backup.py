"""`espaces backup FILE` / `espaces restore FILE`: a round trip loses nothing."""

import io
import sqlite3
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from espaces.accounts.models import ApiToken, User
from espaces.accounts.services import token_create
from espaces.ops import backup as backup_module
from espaces.ops.backup import BackupError, backup_kind, database_backup
from espaces.territories.models import Site, Territory
from tests.conftest import EXAMPLE_PACK
from tests.factories import UserFactory

from .conftest import table_dump

pytestmark = pytest.mark.django_db(transaction=True)


def _populate():
    from espaces.territories.packs import load_pack

    load_pack(EXAMPLE_PACK)
    territory = Territory.objects.get(slug="exemple")
    site = Site.objects.filter(territory=territory).first()
    coordinator = UserFactory(
        role="coordinator", territory=territory, email="coordination@exemple.org"
    )
    mediator = UserFactory(role="mediator", territory=territory, sites=[site])
    token_create(user=coordinator)
    rows = {"users": [coordinator, mediator]}
    try:
        from tests.events.factories import RegistrationFactory, SessionFactory

        session = SessionFactory(territory=territory, site=site, capacity=5)
        rows["registrations"] = RegistrationFactory.create_batch(3, session=session)
    except ImportError:  # pragma: no cover - events app not there
        pass
    try:
        from tests.reception.factories import VisitFactory

        rows["visits"] = VisitFactory.create_batch(4, site=site, recorded_by=mediator)
    except ImportError:  # pragma: no cover - reception app not there
        pass
    return territory, rows


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_round_trip_restores_every_row_identical(backup_path):
    territory, rows = _populate()
    before = table_dump()
    assert sum(len(r) for r in before.values()) > 100  # the example pack and the rows above

    output = _run("backup", str(backup_path))
    assert "Sauvegarde écrite" in output and backup_path.exists()
    assert backup_kind(backup_path) == connection.vendor

    # Everything that can go wrong after the backup: updates, deletions, new rows.
    Territory.objects.filter(pk=territory.pk).update(name="Nom modifié")
    ApiToken.objects.all().delete()
    for registration in rows.get("registrations", []):
        registration.delete()
    for visit in rows.get("visits", [])[:2]:
        visit.delete()
    User.objects.filter(email="coordination@exemple.org").update(first_name="Changé")
    UserFactory(role="mediator", territory=territory, email="nouveau@exemple.org")
    assert table_dump() != before

    output = _run("restore", str(backup_path), "--yes")
    assert "Base restaurée" in output

    after = table_dump()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], f"table {table} differs after the restore"
    assert Territory.objects.get(slug="exemple").name != "Nom modifié"
    assert not User.objects.filter(email="nouveau@exemple.org").exists()
    assert ApiToken.objects.count() == 1


def test_restore_refuses_without_yes_and_changes_nothing(backup_path):
    _populate()
    _run("backup", str(backup_path))
    UserFactory(email="apres@exemple.org")
    before = table_dump()
    with pytest.raises(CommandError, match="--yes"):
        _run("restore", str(backup_path))
    assert table_dump() == before


def test_restore_rejects_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "pas-une-sauvegarde.txt"
    bogus.write_text("bonjour")
    with pytest.raises(CommandError, match="n'est pas une sauvegarde"):
        _run("restore", str(bogus), "--yes")
    with pytest.raises(CommandError, match="introuvable"):
        _run("restore", str(tmp_path / "absent.db"), "--yes")


def test_backup_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="n'existe pas"):
        _run("backup", str(tmp_path / "absent" / "copie.db"))


def test_restore_refuses_a_backup_of_the_other_engine(tmp_path):
    other = tmp_path / "autre"
    if connection.vendor == "sqlite":
        other.write_bytes(backup_module.PG_CUSTOM_MAGIC + b"\x01\x0e\x00" + b"\x00" * 64)
        expected = "vient d'une base PostgreSQL"
    else:
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
        expected = "vient d'une base SQLite"
    with pytest.raises(CommandError, match=expected):
        _run("restore", str(other), "--yes")


def test_missing_postgresql_tools_give_a_french_explanation(monkeypatch):
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    with pytest.raises(BackupError, match="pg_dump.*introuvable.*postgresql-client"):
        backup_module._pg_tool("pg_dump")


def test_sqlite_backup_is_one_consistent_snapshot_under_concurrent_writes(backup_path):
    """Writers commit pairs of rows while the backup runs: the copy holds whole pairs only."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite online backup; pg_dump takes its own snapshot")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE ops_probe (id INTEGER PRIMARY KEY, pair INTEGER)")
    stop = threading.Event()
    written = []

    def writer():
        pair = 0
        try:
            while not stop.is_set():
                with connections["default"].cursor() as cursor:
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("INSERT INTO ops_probe (pair) VALUES (%s)", [pair])
                    cursor.execute("INSERT INTO ops_probe (pair) VALUES (%s)", [pair])
                    cursor.execute("COMMIT")
                pair += 1
            written.append(pair)
        finally:
            connections["default"].close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for _ in range(5):
            database_backup(path=backup_path)
            copy = sqlite3.connect(backup_path)
            (count,) = copy.execute("SELECT COUNT(*) FROM ops_probe").fetchone()
            (odd,) = copy.execute(
                "SELECT COUNT(*) FROM (SELECT pair FROM ops_probe GROUP BY pair HAVING COUNT(*) != 2)"
            ).fetchone()
            copy.close()
            assert count % 2 == 0 and odd == 0
    finally:
        stop.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE ops_probe")
    assert written and written[0] > 0
