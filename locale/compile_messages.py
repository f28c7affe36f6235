"""Compiles the interface translations in pure Python (polib), so that `make` needs no gettext
tools. Run by `make install`:

    .venv/bin/python locale/compile_messages.py

Each language's catalogue is `locale/<lang>/LC_MESSAGES/django.po` plus every file of
`locale/<lang>/parts/*.po` (one per domain or feature, so that parallel work does not edit one
big file); they are merged, in that order, into `locale/<lang>/LC_MESSAGES/django.mo`. A msgid
found twice keeps its first translation.

Editors of the .po files may use `espaces makemessages -l en` (needs gettext) to collect new
strings; compiling never needs it."""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent


def catalogue_sources(lang_dir: Path) -> list[Path]:
    """The .po files that make one language's catalogue, main file first."""
    main = lang_dir / "LC_MESSAGES" / "django.po"
    return [main, *sorted((lang_dir / "parts").glob("*.po"))]


def merged_catalogue(lang_dir: Path) -> polib.POFile:
    sources = [path for path in catalogue_sources(lang_dir) if path.exists()]
    merged = polib.pofile(str(sources[0]))
    seen = {(entry.msgctxt, entry.msgid) for entry in merged}
    for path in sources[1:]:
        for entry in polib.pofile(str(path)):
            if (entry.msgctxt, entry.msgid) not in seen:
                seen.add((entry.msgctxt, entry.msgid))
                merged.append(entry)
    return merged


def compile_all(locale: Path = LOCALE, *, force: bool = False) -> list[Path]:
    """Writes each django.mo older than one of its sources; returns the files written."""
    written = []
    for main_po in sorted(locale.glob("*/LC_MESSAGES/django.po")):
        lang_dir = main_po.parents[1]
        mo_path = main_po.with_suffix(".mo")
        sources = [path for path in catalogue_sources(lang_dir) if path.exists()]
        newest = max(path.stat().st_mtime for path in sources)
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= newest:
            continue
        merged_catalogue(lang_dir).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all(force="--force" in sys.argv):
        print(f"compilé : {path.relative_to(LOCALE.parent)}")
