"""Consistent copies of the whole database while the site runs, and their restoration.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies every page in one step
under a read transaction, so writers keep working (WAL) and the copy is a coherent snapshot.
PostgreSQL: `pg_dump -Fc` (one snapshot) and `pg_restore --clean --single-transaction`."""

import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or a restoration that could not be done; the message is for the operator."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    engine: str
    size_bytes: int
    seconds: float

    def line(self, verb: str) -> str:
        size = self.size_bytes / 1024 / 1024
        return f"{verb} : {self.path} ({self.engine}, {size:.1f} Mo, {self.seconds:.2f} s)."


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(
            f"Base « {vendor} » non prise en charge : SQLite ou PostgreSQL seulement."
        )
    return vendor


def database_backup(*, path: str | os.PathLike) -> BackupReport:
    """Writes a consistent copy of the whole database to `path` (replaced atomically)."""
    target = Path(path).resolve()
    if target.is_dir():
        raise BackupError(f"{target} est un dossier : donnez un nom de fichier.")
    if not target.parent.is_dir():
        raise BackupError(f"Le dossier {target.parent} n'existe pas.")
    engine = _engine()
    partial = target.with_name(f".{target.name}.partiel")
    started = time.perf_counter()
    try:
        # readable by the owner only (it holds every personal datum), before any byte is written
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
        os.chmod(partial, 0o600)
        if engine == "sqlite":
            _sqlite_backup(partial)
        else:
            _pg_dump(partial)
        os.chmod(partial, 0o600)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(target, engine, target.stat().st_size, time.perf_counter() - started)


def database_restore(*, path: str | os.PathLike) -> BackupReport:
    """Replaces the whole content of the database by the backup at `path` (all or nothing)."""
    source = Path(path).resolve()
    if not source.is_file():
        raise BackupError(f"Fichier de sauvegarde introuvable : {source}.")
    engine = _engine()
    kind = backup_kind(source)
    if kind is None:
        raise BackupError(
            f"{source} n'est pas une sauvegarde d'Espaces (ni base SQLite, ni archive pg_dump -Fc)."
        )
    if kind != engine:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"Cette sauvegarde vient d'une base {names[kind]} et la base configurée est "
            f"{names[engine]} : restaurez-la sur le même moteur (DATABASE_URL)."
        )
    started = time.perf_counter()
    if engine == "sqlite":
        _sqlite_restore(source)
    else:
        _pg_restore(source)
    return BackupReport(source, engine, source.stat().st_size, time.perf_counter() - started)


def backup_kind(path: Path) -> str | None:
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    return None


# SQLite ------------------------------------------------------------------------------------


def _raw_sqlite_connection() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def _sqlite_backup(target: Path) -> None:
    # `target` is the empty 0600 file made by database_backup: SQLite fills it as a new database
    destination = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, hence one snapshot even under writes.
        _raw_sqlite_connection().backup(destination, pages=-1)
        destination.execute("PRAGMA journal_mode=DELETE")
        check = destination.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        destination.close()
    if check != "ok":
        raise BackupError(f"La copie ne passe pas le contrôle d'intégrité de SQLite : {check}.")


def _sqlite_restore(source: Path) -> None:
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        check = origin.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"La sauvegarde est endommagée (contrôle SQLite : {check}).")
        live = _raw_sqlite_connection()
        if live.in_transaction:
            raise BackupError("Une transaction est en cours sur la base : restauration refusée.")
        # The backup API writes the destination under an exclusive lock: other connections
        # wait (busy timeout) and then see either the old or the restored database.
        origin.backup(live, pages=-1)
    except sqlite3.Error as exc:
        raise BackupError(f"Restauration SQLite impossible : {exc}.") from exc
    finally:
        origin.close()
    connection.close()


# PostgreSQL --------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"La commande « {name} » est introuvable : installez les outils clients de "
            "PostgreSQL (paquet postgresql-client) de la même version que le serveur, "
            "puis recommencez."
        )
    return found


def _pg_connection_args() -> tuple[list[str], dict[str, str]]:
    settings_dict = connection.settings_dict
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    args += ["--dbname", str(settings_dict["NAME"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise BackupError(f"{what} a échoué (code {result.returncode}) : " + " / ".join(detail))


def _pg_dump(target: Path) -> None:
    args, env = _pg_connection_args()
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    _run(command + ["--file", str(target)] + args, env, "pg_dump")


def _pg_restore(source: Path) -> None:
    args, env = _pg_connection_args()
    connection.close()  # our own session must not hold locks on the tables being replaced
    command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ]
    _run(command + args + [str(source)], env, "pg_restore")
