"""Content fields in other languages than French (docs/accessibility.md « Languages »).

French is the language of the content. A content row (job sheet, service, event type,
questionnaire question…) may carry, in its `translations` JSON field, the text of some of its
fields in the other languages of `settings.LANGUAGES`:

    {"en": {"title": "Welder", "summary": "…", "day_tasks": ["…", "…"]}}

Pages read a field in the active language with `in_language`; when there is no translation they
show the French text, which the templates mark `lang="fr"` (WCAG 3.1.2, language of parts).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

FRENCH = "fr"
TEXT = "text"  # a translatable field holding one text
LIST = "list"  # a translatable field holding a list of texts (« une journée de travail »)


def content_languages() -> list[str]:
    """The languages a content field may be translated into: those of the interface but French."""
    return [code for code, _ in settings.LANGUAGES if code != FRENCH]


def active_language() -> str:
    """The interface's language as a bare code (`en`, `fr`)."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0].lower()


def translations_field():
    """The `translations` field of a content model (the same definition everywhere)."""
    return models.JSONField(
        "traductions",
        default=dict,
        blank=True,
        help_text='Facultatif. Par exemple {"en": {"title": "Welder"}} : le texte de certains '
        "champs dans une autre langue que le français (docs/content.md).",
    )


def translation_problems(translations: Any, fields: Mapping[str, str]) -> list[tuple[tuple, str]]:
    """What is wrong with a `translations` mapping, as [(path inside it, French message)].

    `fields` maps the translatable field names to TEXT or LIST."""
    if translations in (None, {}):
        return []
    if not isinstance(translations, Mapping):
        return [((), "ensemble attendu, par exemple « en: {title: …} »")]
    languages = content_languages()
    problems: list[tuple[tuple, str]] = []
    for language, values in translations.items():
        if language not in languages:
            problems.append(
                (
                    (language,),
                    f"langue « {language} » inconnue. Langues permises : "
                    f"{', '.join(languages) or 'aucune'} (le français est le texte des champs "
                    "eux-mêmes).",
                )
            )
            continue
        if not isinstance(values, Mapping):
            problems.append(((language,), "ensemble de champs attendu (champ: texte traduit)"))
            continue
        for name, value in values.items():
            path = (language, name)
            kind = fields.get(name)
            if kind is None:
                allowed = ", ".join(fields) or "aucun"
                problems.append(
                    (path, f"champ « {name} » non traduisible. Champs traduisibles : {allowed}.")
                )
            elif kind == LIST:
                if not isinstance(value, list) or not value:
                    problems.append((path, "liste de textes attendue (une phrase par ligne)"))
                elif not all(isinstance(item, str) and item.strip() for item in value):
                    problems.append((path, "chaque élément doit être un texte non vide"))
            elif not isinstance(value, str):
                problems.append((path, "texte attendu"))
            elif not value.strip():
                problems.append((path, "texte vide : écrivez la traduction ou retirez la ligne"))
    return problems


def ordered_translations(translations: Any, fields: Mapping[str, str]) -> dict:
    """The mapping in a fixed order (languages as in settings, fields as in `fields`, anything
    unknown after them by name), texts stripped and empty languages dropped. Packs store and
    export it so: loading twice writes nothing, and exports do not depend on the database's
    order of JSON keys."""
    if not isinstance(translations, Mapping):
        return {}
    language_order = content_languages()
    field_order = list(fields)

    def rank(order: list[str], key) -> tuple:
        return (order.index(key), "") if key in order else (len(order), str(key))

    out: dict = {}
    for language in sorted(translations, key=lambda k: rank(language_order, k)):
        values = translations[language]
        if not isinstance(values, Mapping):
            out[language] = values
            continue
        clean = {
            name: _stripped(values[name])
            for name in sorted(values, key=lambda k: rank(field_order, k))
        }
        if clean:
            out[language] = clean
    return out


def _stripped(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [item.strip() if isinstance(item, str) else item for item in value]
    return value


def stored_translation(translations: Any, field: str, language: str, kind: str = TEXT):
    """The text of `field` in `language` held by a `translations` mapping, or None (also when
    the value has the wrong shape: an admin edit must not break a page)."""
    if not isinstance(translations, Mapping):
        return None
    values = translations.get(language)
    if not isinstance(values, Mapping):
        return None
    value = values.get(field)
    if kind == LIST:
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return value
        return None
    return value if isinstance(value, str) and value.strip() else None


class TranslatableMixin:
    """For content models with a `translations` field (declared with `translations_field()`)
    and the names of their translatable fields in TRANSLATABLE_FIELDS ({name: TEXT or LIST})."""

    TRANSLATABLE_FIELDS: Mapping[str, str] = {}

    def translation(self, field: str, language: str):
        kind = self.TRANSLATABLE_FIELDS.get(field)
        if kind is None:
            return None
        return stored_translation(self.translations, field, language, kind)

    def clean(self):
        super().clean()
        problems = translation_problems(self.translations, self.TRANSLATABLE_FIELDS)
        if problems:
            raise ValidationError(
                {
                    "translations": [
                        f"{'.'.join(map(str, path))} : {message}" if path else message
                        for path, message in problems
                    ]
                }
            )


@dataclass(frozen=True)
class InLanguage:
    """A field's value as a page shows it: `value` (text or list of texts) in `language`."""

    value: Any
    language: str

    @property
    def is_fallback(self) -> bool:
        """True when the French text stands in for the interface's language (to mark it)."""
        return self.language == FRENCH and active_language() != FRENCH


def translation_of(obj, field: str, language: str):
    """The translation of `field` in `language`: the object's own rule (`translation()`), else
    its `translations` mapping (questionnaire questions and options); None when absent."""
    custom = getattr(obj, "translation", None)
    if callable(custom):
        return custom(field, language)
    kind = LIST if isinstance(getattr(obj, field, None), list | tuple) else TEXT
    return stored_translation(getattr(obj, "translations", None), field, language, kind)


def in_language(obj, field: str, language: str | None = None) -> InLanguage:
    """`field` of `obj` in `language` (default: the active one), the French text when it has no
    translation."""
    language = language or active_language()
    if language != FRENCH and obj is not None and not isinstance(obj, Mapping):
        value = translation_of(obj, field, language)
        if value is not None:
            return InLanguage(value, language)
    if isinstance(obj, Mapping):
        value = obj.get(field, "")
    else:
        value = getattr(obj, field, "") if obj is not None else ""
    if callable(value):
        value = value()
    return InLanguage("" if value is None else value, FRENCH)
