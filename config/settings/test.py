"""Test settings: same database engine as DATABASE_URL, fast hashing, in-memory e-mail."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")

from .base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True

# SQLite tests use a database file (one per test process, in the temp directory) instead of
# pytest-django's in-memory default, so that concurrency tests (tests/events) run through real,
# separate connections with SQLite's own locking, as in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"espaces-test-{os.getpid()}.sqlite3")
    }

# Two-factor authentication stays optional in the suite so that `client.force_login(user)` is
# enough for any role; tests of the 2FA itself set ESPACES_OTP_REQUIRED_ROLES (tests/security)
# or log in through tests.security.helpers.login_verified(client, user).
ESPACES_OTP_REQUIRED_ROLES = []

# Tests see every write at once: no cache of public pages (tests/ops/test_page_cache.py turns
# it on where it is the subject).
ESPACES_PAGE_CACHE_SECONDS = 0

# Every prepared read also compiles its QuerySet with the real values and must find the same SQL
# and parameters (espaces/common/prepared.py): the whole suite checks them.
ESPACES_PREPARED_READS_CHECK = True

# Tests keep their caches in the memory of the test process whatever CACHE_URL says (each test
# starts with empty caches: tests/conftest.py); tests/ops/test_two_servers.py starts servers on
# a real Redis.
CACHES = caches_from_url("locmem://")  # noqa: F405
