"""The optional `translations` of pack records (docs/packs.md): `{en: {title: …, summary: …}}`.

Each section declares the field in its schema (`translations: TranslationsIn = {}`) and checks
it against its model's translatable fields in its `check` (`check_translations`), so that
errors name the file, the line, the record and the field like every other pack error.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator

from espaces.common.translations import ordered_translations, translation_problems

from .errors import PackError
from .reading import line_of


def _none_is_empty(value):
    return {} if value is None else value


# Checked by `check_translations` (not by pydantic) so that every message is in French and
# points at the language or field at fault.
TranslationsIn = Annotated[dict[str, Any], BeforeValidator(_none_is_empty)]


def check_translations(
    ctx,
    record,
    fields: Mapping[str, str],
    translations=None,
    *,
    at: tuple = ("translations",),
    name: str | None = None,
) -> None:
    """Report each problem of a record's `translations` (or of the `translations` found at `at`
    inside the record, e.g. ("questions", 3, "translations"), named `name` in the errors)."""
    if translations is None:
        translations = getattr(record.data, "translations", None)
    for path, message in translation_problems(translations, fields):
        loc = at + path
        ctx.errors.append(
            PackError(
                file=record.file,
                line=line_of(record.raw, loc) or record.line,
                record=name or record.slug,
                field=".".join(str(part) for part in loc),
                message=message,
            )
        )


def stored_translations(translations, fields: Mapping[str, str]) -> dict:
    """What loading stores and exporting writes: the mapping in a fixed order."""
    return ordered_translations(translations, fields)
