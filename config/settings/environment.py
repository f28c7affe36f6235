"""Reading settings from the environment (12-factor): every variable is listed in
docs/configuration.md."""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ESPACES_VAR_DIR", BASE_DIR / "var"))

TRUE_VALUES = {"1", "true", "yes", "on", "oui"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


MISSING_SECRET_KEY = (
    "SECRET_KEY manquant : avec DEBUG désactivé, Espaces refuse de démarrer sans SECRET_KEY "
    "dans l'environnement (une valeur longue et aléatoire, la même pour tous les serveurs et "
    "processus d'un déploiement ; `make run` en tire une dans var/secret_key). "
    "SECRET_KEY is required when DEBUG is off: set it in the environment (a long random "
    "value, the same for every server and process of a deployment; see docs/configuration.md)."
)


def secret_key(debug: bool) -> str:
    """SECRET_KEY from the environment; required when DEBUG is off (each host generating its
    own would break sessions, reset links and rate-limit keys between servers). With DEBUG on
    (`make dev`), one is generated once into var/secret_key (0600)."""
    value = os.environ.get("SECRET_KEY", "").strip()
    if value:
        return value
    if not debug:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(MISSING_SECRET_KEY)
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def env_csv(name: str, default: list[str]) -> list[str]:
    """Like env_list, but an empty value (NAME=) means an empty list, not the default."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


RELEASE_KEY = "espaces.ops.release.make_key"


def caches_from_url(url: str) -> dict:
    """CACHES from CACHE_URL: `locmem://` (default: the memory of each process) or
    `redis://host:port/db` (`rediss://` with TLS), one Redis shared by every app server and task
    worker (docs/deployment.md). `default` holds the content version, rate limits and the network's
    closed months; `pages` the public pages (espaces/ops/page_cache.py), `fragments` the
    template fragments of public content keyed by content version."""
    url = (url or "locmem://").strip()
    if url.startswith(("redis://", "rediss://", "unix://")):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        return {
            "default": {**backend, "KEY_PREFIX": "espaces"},
            # HTML outlives a deployment in Redis: the release is part of its keys.
            "pages": {**backend, "KEY_PREFIX": "espaces-pages", "KEY_FUNCTION": RELEASE_KEY},
            "fragments": {
                **backend,
                "KEY_PREFIX": "espaces-fragments",
                "KEY_FUNCTION": RELEASE_KEY,
            },
        }
    if url.startswith("locmem://"):
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "pages",
                "OPTIONS": {"MAX_ENTRIES": 2000},
            },
            "fragments": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "fragments",
                "OPTIONS": {"MAX_ENTRIES": 2000},
            },
        }
    raise ValueError(f"CACHE_URL non reconnu : {url!r} (locmem:// ou redis://hôte:port/base)")
