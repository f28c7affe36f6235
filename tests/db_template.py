"""One migrated test database per run, cloned for each xdist worker.

Migrating the test database costs about 12 s of CPU (more on PostgreSQL, whose server works
too); with pytest-django's own setup every worker migrates its own. Here the controller process
names a template database for the run (`ESPACES_TEST_DB_TEMPLATE`, inherited by the workers);
the first worker to take the lock creates and migrates it exactly as pytest-django would
(`create_test_db`), then every worker clones it with Django's own cloning, the one its
`test --parallel` runner uses: a copy of the file on SQLite, `CREATE DATABASE … TEMPLATE` on
PostgreSQL. Each worker still tests on its own database, dropped at its end; the controller
drops the template at the end of the run.

Used only under xdist without --reuse-db, --create-db nor --no-migrations (those keep
pytest-django's setup)."""

import fcntl
import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

ENV = "ESPACES_TEST_DB_TEMPLATE"


def start_run(config) -> None:
    """In the controller of an xdist run: names the run's template (before the workers start)."""
    if not hasattr(config, "workerinput") and config.getoption("numprocesses", default=None):
        os.environ[ENV] = uuid.uuid4().hex[:10]


def finish_run(config) -> None:
    """In the controller: drops the template database the workers created, if any."""
    token = os.environ.pop(ENV, None)
    if not token or hasattr(config, "workerinput"):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for alias in connections:
            connection = connections[alias]
            name = _template_name(connection, token)
            if connection.vendor == "sqlite":
                for path in (name, _marker(token, alias)):
                    Path(path).unlink(missing_ok=True)
            elif connection.vendor == "postgresql":
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
                _marker(token, alias).unlink(missing_ok=True)
    _lock_path(token).unlink(missing_ok=True)


def usable(config) -> bool:
    """In a worker of a run named by `start_run`, with pytest-django's default options."""
    return (
        hasattr(config, "workerinput")
        and bool(os.environ.get(ENV))
        and not config.getoption("reuse_db")
        and not config.getoption("create_db")
        and not config.getoption("nomigrations")
    )


def _template_name(connection, token: str) -> str:
    if connection.vendor == "sqlite":
        return os.path.join(tempfile.gettempdir(), f"espaces-test-template-{token}.sqlite3")
    return f"test_{connection.settings_dict['NAME']}_tpl_{token}"[:50]


def _marker(token: str, alias: str) -> Path:
    return Path(tempfile.gettempdir()) / f"espaces-test-template-{token}-{alias}.ready"


def _lock_path(token: str) -> Path:
    return Path(tempfile.gettempdir()) / f"espaces-test-template-{token}.lock"


@contextmanager
def _locked(token: str):
    with open(_lock_path(token), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def setup_databases(aliases, worker: str, verbosity: int) -> list:
    """Each alias's test database, cloned from the run's template (created by the first worker
    here). Returns the configuration `django.test.utils.teardown_databases` takes."""
    from django.conf import settings
    from django.db import connections

    token = os.environ[ENV]
    created = []
    for alias in sorted(aliases):
        connection = connections[alias]
        old_name = connection.settings_dict["NAME"]
        template = _template_name(connection, token)
        connection.settings_dict["TEST"]["NAME"] = template
        with _locked(token):
            marker = _marker(token, alias)
            if marker.exists():
                settings.DATABASES[alias]["NAME"] = template
                connection.settings_dict["NAME"] = template
            else:
                connection.creation.create_test_db(
                    verbosity=verbosity, autoclobber=True, serialize=False
                )
                marker.touch()
            # SQLite: the file is copied, so no connection may hold it open (WAL); PostgreSQL
            # refuses a template that has connections.
            connection.close()
            connection.creation.clone_test_db(suffix=worker, verbosity=verbosity, autoclobber=True)
        clone = connection.creation.get_test_db_clone_settings(worker)["NAME"]
        settings.DATABASES[alias]["NAME"] = clone
        connection.settings_dict["NAME"] = clone
        connection.close()
        created.append((connection, old_name, True))
    return created
