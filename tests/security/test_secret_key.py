"""SECRET_KEY is required when DEBUG is off (docs/configuration.md), `make run` draws one once
into var/secret_key (0600), and the console e-mail backend follows DEBUG."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'key': s.SECRET_KEY, 'email': s.EMAIL_BACKEND}))"
)


def _settings(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    base.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        ESPACES_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        EMAIL_URL="console://",
        PYTHONPATH=str(ROOT),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_secret_key_refuses_to_start(tmp_path):
    result = _settings(tmp_path, DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY manquant" in result.stderr and "SECRET_KEY is required" in result.stderr
    assert not (tmp_path / "secret_key").exists()  # no per-host key drawn behind our back


def test_blank_secret_key_is_refused_too(tmp_path):
    result = _settings(tmp_path, DEBUG="0", SECRET_KEY="   ")
    assert result.returncode != 0 and "SECRET_KEY manquant" in result.stderr


def test_secret_key_from_the_environment_and_masked_console(tmp_path):
    result = _settings(tmp_path, DEBUG="0", SECRET_KEY="une-cle-de-test-longue-et-aleatoire")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "key": "une-cle-de-test-longue-et-aleatoire",
        "email": "espaces.ops.mail_backends.MaskedConsoleEmailBackend",
    }


def test_debug_draws_a_development_key_once_0600_and_keeps_the_full_console(tmp_path):
    first = _settings(tmp_path, DEBUG="1")
    assert first.returncode == 0, first.stderr
    values = json.loads(first.stdout.strip().splitlines()[-1])
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    path = tmp_path / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(values["key"]) >= 50 and path.read_text().strip() == values["key"]
    second = _settings(tmp_path, DEBUG="1")
    assert json.loads(second.stdout.strip().splitlines()[-1])["key"] == values["key"]


def test_make_draws_var_secret_key_once_0600_and_gives_it_to_every_process(tmp_path):
    makefile = str(ROOT / "Makefile")
    subprocess.run(["make", "-s", "-f", makefile, "var/secret_key"], cwd=tmp_path, check=True)
    path = tmp_path / "var" / "secret_key"
    key = path.read_text().strip()
    assert len(key) >= 50 and stat.S_IMODE(path.stat().st_mode) == 0o600
    subprocess.run(["make", "-s", "-f", makefile, "var/secret_key"], cwd=tmp_path, check=True)
    assert path.read_text().strip() == key  # drawn once
    plan = subprocess.run(
        ["make", "-n", "run", "worker"],  # printed, not run
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for command in ("migrate", "bootstrap", "collectstatic"):
        line = next(x for x in plan.splitlines() if f"espaces {command}" in x)
        assert 'SECRET_KEY="${SECRET_KEY:-$(cat var/secret_key)}"' in line
    assert plan.count('export SECRET_KEY="${SECRET_KEY:-$(cat var/secret_key)}"') == 2
