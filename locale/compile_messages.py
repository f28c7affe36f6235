"""Compiles the interface translations (locale/<lang>/LC_MESSAGES/django.po → django.mo) in
pure Python (polib), so that `make` needs no gettext tools. Run by `make install`:

    .venv/bin/python locale/compile_messages.py

Editors of the .po files may use `espaces makemessages -l en` (needs gettext) to collect new
strings; compiling never needs it."""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent


def compile_all(locale: Path = LOCALE, *, force: bool = False) -> list[Path]:
    """Writes each .mo older than its .po; returns the files written."""
    written = []
    for po_path in sorted(locale.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all(force="--force" in sys.argv):
        print(f"compilé : {path.relative_to(LOCALE.parent)}")
