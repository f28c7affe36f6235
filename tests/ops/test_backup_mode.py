"""Backups hold every personal datum: the file is readable by its owner only (0600)."""

import stat

import pytest

from espaces.ops.backup import database_backup

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_file_is_written_0600(tmp_path):
    target = tmp_path / "copie.sqlite3"
    database_backup(path=target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
