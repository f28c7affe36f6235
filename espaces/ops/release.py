"""The release a process runs, in the keys of the shared page and fragment caches.

With CACHE_URL pointing at Redis, cached pages and template fragments outlive a deployment:
without the release in their keys, servers running new templates would serve the HTML that
the old code cached (a form without its new field, links to static files that are gone) until
it expires. ESPACES_RELEASE names the release (a version, a commit); without it, a digest of the
code, templates, static sources and translations, computed once per process on first use (about
20 ms), so that every server of one release shares the same entries (docs/deployment.md)."""

import functools
import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("espaces", "templates", "static", "config", "locale")
SUFFIXES = {".py", ".html", ".css", ".js", ".svg", ".mo", ".json", ".txt"}


@functools.cache
def release() -> str:
    named = os.environ.get("ESPACES_RELEASE", "").strip()
    if named:
        return named
    digest = hashlib.sha256()
    for part in PARTS:
        for path in sorted((ROOT / part).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def make_key(key: str, key_prefix: str, version) -> str:
    """CACHES[...]["KEY_FUNCTION"] of the shared page and fragment caches."""
    return f"{key_prefix}:{release()}:{version}:{key}"
