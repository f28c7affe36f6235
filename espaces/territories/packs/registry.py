"""The kinds of pack file, registered by each domain app."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from espaces.common.partial_dates import parse_partial_date

from .errors import PackError
from .reading import line_of

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _partial_date(value):
    if value is None or value == "":
        return None
    return parse_partial_date(value)


# A pack date: '2024-10-24', '2024-10' or '2024' → (date, precision), or None.
PartialDate = Annotated[tuple[dt.date, str] | None, BeforeValidator(_partial_date)]


def _none_if_blank(value):
    return None if value == "" else value


def _list_of(value):
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    return value


ListField = BeforeValidator(_list_of)
BlankIsNone = BeforeValidator(_none_if_blank)

# The day a fact was checked against its source (docs/packs.md « Fraîcheur des faits »).
VerifiedOn = Annotated[dt.date | None, BlankIsNone]


class PackRecord(BaseModel):
    """Base of every record schema: unknown fields are errors, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


@dataclass
class Record:
    file: str
    line: int | None
    raw: dict
    data: Any  # the validated PackRecord
    index: int = 0

    @property
    def slug(self) -> str | None:
        return getattr(self.data, "slug", None)

    def line_for(self, field_name: str) -> int | None:
        return line_of(self.raw, (field_name,)) or self.line


@dataclass
class PackSection:
    """One kind of file: `<kind>.yaml` (or `<kind>-*.yaml`, `<kind>.csv`).

    `check(ctx, records)` reports cross-reference problems through `ctx.error`;
    `apply(ctx, records)` writes (upserts) inside the pack's transaction;
    `export(territory)` reads the territory's current content back in the file's shape: a list
    of records (`many`) or one mapping, deterministic (packs/export.py). Sections sharing a file
    (`file_kind`) return mappings that are merged; `export_comment` heads the written file.
    """

    kind: str
    order: int
    schema: type[PackRecord]
    apply: Callable
    check: Callable | None = None
    many: bool = True
    file_kind: str | None = None  # read another kind's file (e.g. the territory's headline)
    has_slug: bool = True
    export: Callable | None = None
    export_comment: str = ""
    depends_on: list[str] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        return self.file_kind or self.kind


SECTIONS: dict[str, PackSection] = {}


def register_section(section: PackSection) -> PackSection:
    SECTIONS[section.kind] = section
    return section


def ordered_sections() -> list[PackSection]:
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.kind))


_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu (vérifiez l'orthographe dans docs/packs.md)",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "bool_parsing": "oui/non attendu (true ou false)",
    "bool_type": "oui/non attendu (true ou false)",
    "string_type": "texte attendu",
    "list_type": "liste attendue",
    "dict_type": "ensemble de champs attendu",
    "model_type": "ensemble de champs attendu",
    "date_from_datetime_parsing": "date attendue (AAAA-MM-JJ)",
    "date_parsing": "date attendue (AAAA-MM-JJ)",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "decimal_parsing": "nombre attendu",
    "decimal_type": "nombre attendu",
    "url_parsing": "adresse web invalide (elle doit commencer par https://)",
    "url_scheme": "adresse web invalide (elle doit commencer par https://)",
    "value_error": "{msg}",
    "assertion_error": "{msg}",
}


def _clean_expected(expected: str) -> str:
    return ", ".join(part.strip(" '\"") for part in re.split(r",| or ", expected) if part.strip())


def french_message(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        return (
            f"valeur « {value} » inconnue. Valeurs permises : {_clean_expected(ctx['expected'])}."
        )
    if kind == "string_pattern_mismatch":
        return (
            f"valeur « {value} » invalide : identifiant en minuscules, chiffres et tirets "
            "attendu (par exemple « mon-identifiant »)"
            if ctx.get("pattern") == SLUG_PATTERN
            else f"valeur « {value} » au mauvais format"
        )
    if kind == "string_too_short":
        return f"texte trop court ({ctx.get('min_length')} caractères au moins)"
    if kind == "string_too_long":
        return f"texte trop long ({ctx.get('max_length')} caractères au plus)"
    if kind in ("too_short",):
        return f"liste trop courte ({ctx.get('min_length')} éléments au moins)"
    if kind in ("too_long",):
        return f"liste trop longue ({ctx.get('max_length')} éléments au plus)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"valeur trop petite (minimum {ctx.get('ge', ctx.get('gt'))})"
    if kind in ("less_than_equal", "less_than"):
        return f"valeur trop grande (maximum {ctx.get('le', ctx.get('lt'))})"
    template = _MESSAGES.get(kind)
    if template:
        msg = str(ctx.get("error", error.get("msg", "")))
        msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return template.format(msg=msg)
    return f"valeur invalide ({error.get('msg')})"


def validation_errors(file: str, raw: dict, exc: ValidationError, slug: str | None):
    errors = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        errors.append(
            PackError(
                file=file,
                line=line_of(raw, loc),
                record=slug,
                field=".".join(str(p) for p in loc) or None,
                message=french_message(error),
            )
        )
    return errors
