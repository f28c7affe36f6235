"""Territory packs loaded once per test process, then restored by plain INSERTs.

Loading the Dunkerque pack costs seconds of CPU (reading, validating, upserting hundreds of
rows); dozens of tests start from it. `load_packs(*paths)` does the real `load_pack` the first
time in a process and remembers the rows it inserted; later calls insert the same rows again
(a few milliseconds) and return the same report. Tests stay independent: each one still
starts from the rolled-back database and gets its own copy of the rows.

The shortcut is only taken when it gives the same database as the real load:
- only on a clean database: no table holds more rows than just after the migrations (recorded
  when the test database is created). A test that wrote rows before loading a pack loads it
  for real. A transactional test's flush leaves a clean database whose rows (content types,
  permissions) have new keys: snapshots are kept per exact state (row count and highest key of
  every table), the last few states only;
- only when the load inserted rows and nothing else (no update nor delete of a row that was
  there, no change in a table outside the models); else that pack always loads for real.
tests/common/test_pack_snapshots.py checks that a restored pack equals a loaded one, row for
row.
"""

import datetime
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

# Django reads SQLite times back as datetime.time without an adapter to write them again.
sqlite3.register_adapter(datetime.time, datetime.time.isoformat)


INTEGER_KEYS = (models.AutoField, models.BigAutoField, models.IntegerField)


@dataclass
class Snapshot:
    reports: list
    inserts: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)


STATES_KEPT = 3
_baseline: dict[str, tuple[int, object]] | None = None
# {state of the database: {(paths, options): snapshot, or None when it cannot be restored}}
_snapshots: dict[tuple, dict[tuple, Snapshot | None]] = {}
stats = {"loaded": 0, "restored": 0}


def _model_tables() -> dict[str, tuple[list[str], str, bool]]:
    """{table: (columns, primary key column, integer key?)} of every installed model."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in tables:
            continue
        columns = [f.column for f in meta.local_concrete_fields]
        tables[meta.db_table] = (columns, meta.pk.column, isinstance(meta.pk, INTEGER_KEYS))
    return tables


def _existing_tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _state() -> dict[str, tuple[int, object]]:
    """Row count and highest primary key of every table (the models' and the others)."""
    specs = _model_tables()
    state = {}
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in sorted(_existing_tables()):
            if table in specs and specs[table][2]:  # integer keys (MAX of a uuid: no)
                pk = qn(specs[table][1])
                cursor.execute(f"SELECT COUNT(*), MAX({pk}) FROM {qn(table)}")
            else:
                cursor.execute(f"SELECT COUNT(*), NULL FROM {qn(table)}")
            state[table] = tuple(cursor.fetchone())
    return state


def _rows(table: str, columns: list[str], pk: str) -> dict:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(map(qn, columns))} FROM {qn(table)}")
        index = columns.index(pk)
        return {row[index]: tuple(row) for row in cursor.fetchall()}


def record_baseline() -> None:
    """The state of the freshly created test database (call once it is migrated)."""
    global _baseline
    _baseline = _state()
    _snapshots.clear()


def _clean(state) -> bool:
    """No table holds more rows than the freshly migrated database."""
    if _baseline is None or set(state) != set(_baseline):
        return False
    return all(count <= _baseline[table][0] for table, (count, _) in state.items())


def _load(paths, kwargs) -> list:
    from espaces.territories.packs import load_pack

    stats["loaded"] += 1
    return [load_pack(path, **kwargs) for path in paths]


def _capture(paths, kwargs, before_state) -> tuple[list, Snapshot | None]:
    tables = {t: spec for t, spec in _model_tables().items() if t in before_state}
    before = {t: _rows(t, cols, pk) for t, (cols, pk, _) in tables.items()}
    reports = _load(paths, kwargs)
    after_state = _state()
    snapshot = Snapshot(reports=reports)
    for table, (count, _) in after_state.items():
        if table not in tables:
            if count != before_state[table][0]:
                return reports, None  # a table outside the models changed
            continue
        columns, pk, _ = tables[table]
        rows = _rows(table, columns, pk)
        old = before[table]
        if any(key not in rows or rows[key] != row for key, row in old.items()):
            return reports, None  # an existing row was changed or deleted
        new = [row for key, row in rows.items() if key not in old]
        if new:
            snapshot.inserts[table] = (columns, new)
    return reports, snapshot


def _restore(snapshot: Snapshot) -> None:
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in snapshot.inserts.items():
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {qn(table)} ({', '.join(map(qn, columns))}) VALUES ({marks})",
                rows,
            )
        # PostgreSQL: the sequences continue after the restored keys.
        written = [
            m
            for m in apps.get_models(include_auto_created=True)
            if m._meta.db_table in snapshot.inserts
        ]
        for sql in connection.ops.sequence_reset_sql(no_style(), written):
            cursor.execute(sql)
    stats["restored"] += 1


def load_packs(*paths: str | Path, **kwargs) -> list:
    """`load_pack` of each path in turn, restored from this process's snapshot when it can be.
    Returns the load reports (those of the real load)."""
    key = (tuple(str(Path(p).resolve()) for p in paths), tuple(sorted(kwargs.items())))
    state = _state()
    if not _clean(state):
        return _load(paths, kwargs)
    fingerprint = tuple(sorted(state.items()))
    snapshots = _snapshots.pop(fingerprint, {})
    _snapshots[fingerprint] = snapshots  # the most recent state last
    while len(_snapshots) > STATES_KEPT:
        del _snapshots[next(iter(_snapshots))]
    if key in snapshots:
        snapshot = snapshots[key]
        if snapshot is None:
            return _load(paths, kwargs)
        _restore(snapshot)
        return snapshot.reports
    reports, snapshots[key] = _capture(paths, kwargs, state)
    return reports
