import pytest
from django.db import connection


def table_dump() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: two equal dumps mean identical data."""
    dump = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            rows = [tuple(repr(value) for value in row) for row in cursor.fetchall()]
            dump[table] = sorted(rows)
    return dump


@pytest.fixture
def backup_path(tmp_path):
    return tmp_path / "espaces.sauvegarde"
