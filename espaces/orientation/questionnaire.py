"""The questionnaire as data: its file format (`questionnaire.yaml`), its runtime form, and the
validation of a set of answers (docs/orientation.md, docs/packs.md § questionnaire).

A questionnaire is read from a pack, stored as JSON (`Questionnaire.definition`) and turned into
the dataclasses below for the pages, the API and the matching. Nothing here touches the database:
the options of the « J'ai envie de… » question (the ROME centres d'intérêt) are passed in.
"""

from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator, model_validator

from espaces.common.translations import TEXT, ordered_translations
from espaces.territories.packs.registry import PackRecord
from espaces.territories.packs.translations import TranslationsIn

from .enums import (
    CONSTRAINT_VALUES,
    FORBIDDEN_TOPICS,
    RIASEC,
    TEXT_DIMENSIONS,
    Dimension,
    Mode,
    QuestionKind,
)

QuestionId = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
MAX_TEXT_LENGTH = 200
DEFAULT_MAX_CHOICES = 3

# Pictograms drawn in templates/orientation/pictos/<name>.svg (local, no external resource).
PICTOGRAMS = frozenset(
    {
        "non",
        "plutot-non",
        "plutot-oui",
        "oui",
        "coche",
        "croix",
        "peut-etre",
        "diplome",
        "livre",
        "horloge",
        "lune",
        "carton",
        "soleil",
        "voiture",
        "bus",
        "enfant",
        "sante",
        "outil",
    }
)


# Texts of each part that `translations: {en: {…}}` may give in another language.
QUESTIONNAIRE_TRANSLATABLE = {"title": TEXT, "intro": TEXT}
QUESTION_TRANSLATABLE = {"text": TEXT, "help": TEXT}
SCALE_TRANSLATABLE = {"prompt": TEXT}
OPTION_TRANSLATABLE = {"label": TEXT}


class TranslatableIn(PackRecord):
    """A part of the questionnaire with optional translations, kept in a fixed order so that
    the stored definition and the export do not depend on the order of the file."""

    TRANSLATABLE: ClassVar[dict[str, str]] = {}

    @model_validator(mode="after")
    def order_translations(self):
        translations = getattr(self, "translations", None)
        if translations:
            self.translations = ordered_translations(translations, self.TRANSLATABLE)
        return self


# --- file format (validated when a pack is loaded) -------------------------------------------
class OptionIn(TranslatableIn):
    TRANSLATABLE: ClassVar[dict[str, str]] = OPTION_TRANSLATABLE

    value: str | int
    label: Annotated[str, Field(min_length=1, max_length=200)]
    pictogram: str | None = None
    translations: TranslationsIn = {}

    @field_validator("pictogram")
    @classmethod
    def known_pictogram(cls, value):
        if value is not None and value not in PICTOGRAMS:
            raise ValueError(
                f"pictogramme « {value} » inconnu. Pictogrammes : {', '.join(sorted(PICTOGRAMS))}"
            )
        return value


class ScaleIn(TranslatableIn):
    TRANSLATABLE: ClassVar[dict[str, str]] = SCALE_TRANSLATABLE

    prompt: str = ""
    options: Annotated[list[OptionIn], Field(min_length=3, max_length=5)]
    translations: TranslationsIn = {}

    @field_validator("options")
    @classmethod
    def increasing_integers(cls, options):
        values = [o.value for o in options]
        if not all(isinstance(v, int) for v in values) or values != sorted(set(values)):
            raise ValueError("les valeurs d'une échelle sont des nombres entiers croissants")
        if values[0] != 0:
            raise ValueError("une échelle commence à 0 (« pas du tout »)")
        return options


class RiasecLabelIn(PackRecord):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    reason: Annotated[str, Field(min_length=1, max_length=100)]


class QuestionIn(TranslatableIn):
    TRANSLATABLE: ClassVar[dict[str, str]] = QUESTION_TRANSLATABLE

    id: QuestionId
    text: Annotated[str, Field(min_length=3, max_length=200)]
    help: str = ""
    kind: QuestionKind
    dimension: Dimension
    options: list[OptionIn] = []
    scale: str | None = None
    options_from: str | None = None
    max_choices: Annotated[int, Field(ge=1, le=10)] | None = None
    skippable: bool = True
    translations: TranslationsIn = {}


class QuestionnaireIn(TranslatableIn):
    TRANSLATABLE: ClassVar[dict[str, str]] = QUESTIONNAIRE_TRANSLATABLE

    version: Annotated[str, Field(min_length=1, max_length=20)]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    intro: str = ""
    riasec: dict[str, RiasecLabelIn]
    scales: dict[str, ScaleIn] = {}
    questions: Annotated[list[QuestionIn], Field(min_length=1)]
    translations: TranslationsIn = {}

    @field_validator("version", mode="before")
    @classmethod
    def version_as_text(cls, value):
        return str(value) if isinstance(value, int | float) else value


def definition_problems(data: QuestionnaireIn) -> list[tuple[int | None, str, str]]:
    """Problems that need the whole file: [(question index or None, field, message)]."""
    problems: list[tuple[int | None, str, str]] = []
    missing = [letter for letter in RIASEC if letter not in data.riasec]
    unknown = [letter for letter in data.riasec if letter not in RIASEC]
    if missing:
        problems.append((None, "riasec", f"lettres sans libellé : {', '.join(missing)}"))
    if unknown:
        problems.append((None, "riasec", f"lettres inconnues : {', '.join(unknown)}"))
    seen: set[str] = set()
    per_letter = dict.fromkeys(RIASEC, 0)
    for index, q in enumerate(data.questions):
        if q.id in seen:
            problems.append((index, "id", f"identifiant de question « {q.id} » en double"))
        seen.add(q.id)
        if q.id.replace("-", "_") in FORBIDDEN_TOPICS or q.id in FORBIDDEN_TOPICS:
            problems.append(
                (
                    index,
                    "id",
                    "le genre, l'âge, la nationalité et l'adresse ne sont jamais demandés",
                )
            )
        problems += [(index, f, m) for f, m in _question_problems(q, data.scales)]
        if q.kind == QuestionKind.SCALE and q.dimension in RIASEC:
            per_letter[q.dimension] += 1
    empty = [letter for letter, n in per_letter.items() if n == 0]
    if empty:
        problems.append(
            (None, "questions", f"aucune question d'intérêt pour les lettres {', '.join(empty)}")
        )
    return problems


def _question_problems(q: QuestionIn, scales: dict[str, ScaleIn]) -> list[tuple[str, str]]:
    out = []
    if q.kind == QuestionKind.SCALE:
        if q.dimension not in RIASEC:
            out.append(("dimension", "une question « scale » mesure une lettre RIASEC"))
        if not q.options and q.scale not in scales:
            out.append(("scale", f"échelle « {q.scale} » inconnue (voir « scales »)"))
    elif q.kind == QuestionKind.MULTI:
        if q.dimension != Dimension.CENTRE_INTERET:
            out.append(("dimension", "une question « multi » porte sur centre_interet"))
        if not q.options and q.options_from != "centres_interet":
            out.append(("options_from", "indiquez options_from: centres_interet ou des options"))
    elif q.kind == QuestionKind.CHOICE:
        allowed = CONSTRAINT_VALUES.get(q.dimension)
        if allowed is None:
            out.append(("dimension", "une question « choice » porte sur une contrainte"))
        else:
            values = [str(o.value) for o in q.options]
            strange = [v for v in values if v not in allowed]
            if strange:
                out.append(
                    (
                        "options",
                        f"valeur(s) {', '.join(strange)} inconnue(s) pour {q.dimension}. "
                        f"Valeurs permises : {', '.join(allowed)}.",
                    )
                )
            if len(values) < 2 or len(set(values)) != len(values):
                out.append(("options", "au moins deux options, sans doublon"))
    elif q.kind == QuestionKind.TEXT and q.dimension not in TEXT_DIMENSIONS:
        out.append(
            (
                "dimension",
                "une question « text » porte sur experience (métiers déjà faits) ou "
                "diploma_specialty (spécialité du diplôme)",
            )
        )
    return out


# --- runtime form -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    value: str | int
    label: str
    pictogram: str | None = None
    translations: dict = field(default_factory=dict, hash=False)

    @property
    def key(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    dimension: str
    options: tuple[Option, ...] = ()
    help: str = ""
    prompt: str = ""
    max_choices: int | None = None
    skippable: bool = True
    translations: dict = field(default_factory=dict, hash=False)  # text, help and prompt

    @property
    def is_interest(self) -> bool:
        return self.kind == QuestionKind.SCALE

    @property
    def max_value(self) -> int:
        return max(int(o.value) for o in self.options) if self.options else 0

    def option(self, key) -> Option | None:
        key = str(key)
        return next((o for o in self.options if o.key == key), None)

    def options_of(self, value) -> list[Option]:
        """The options of an answer (one value or a list), in the answer's order."""
        values = value if isinstance(value, list) else [value]
        return [o for o in (self.option(v) for v in values) if o is not None]

    def label_of(self, value) -> str:
        if isinstance(value, list):
            return ", ".join(self.label_of(v) for v in value)
        option = self.option(value)
        return option.label if option else str(value)


@dataclass(frozen=True)
class Questionnaire:
    version: str
    title: str
    intro: str
    riasec: dict[str, dict[str, str]]
    questions: tuple[Question, ...]
    translations: dict = field(default_factory=dict, hash=False)  # title and intro
    by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.by_id.update({q.id: q for q in self.questions})

    def steps(self, mode: str = Mode.COMPLET) -> list[Question]:
        """The questions shown in `mode`: the quick mode skips the interest statements."""
        if mode == Mode.RAPIDE:
            return [q for q in self.questions if not q.is_interest]
        return list(self.questions)

    def validate(self, answers: Any) -> tuple[dict, list[dict]]:
        """Clean `answers` ({question id: value}); returns (clean answers, errors).

        Missing or null answers are skipped questions. Each error is {"question", "message"}
        in French. Scale values become integers, choices strings, centres d'intérêt integers.
        """
        if not isinstance(answers, dict):
            return {}, [{"question": "", "message": "« answers » doit être un objet JSON"}]
        clean: dict = {}
        errors: list[dict] = []
        for key, value in answers.items():
            question = self.by_id.get(key) if isinstance(key, str) else None
            if question is None:
                errors.append({"question": str(key), "message": _unknown_question(str(key))})
                continue
            if value is None or value == "" or value == []:
                continue
            cleaned, message = _clean_value(question, value)
            if message:
                errors.append({"question": key, "message": f"question « {key} » : {message}"})
            else:
                clean[key] = cleaned
        return clean, errors


def _unknown_question(key: str) -> str:
    if key.lower().replace("-", "_") in FORBIDDEN_TOPICS:
        return (
            f"« {key} » refusé : le genre, l'âge, la nationalité et l'adresse ne sont jamais "
            "demandés ni enregistrés"
        )
    return f"question inconnue : « {key} »"


def _allowed(question: Question) -> str:
    values = ", ".join(o.key for o in question.options)
    return f"valeurs permises : {values}" if values else "aucune valeur possible"


def _clean_value(question: Question, value) -> tuple[Any, str | None]:
    if question.kind == QuestionKind.TEXT:
        if not isinstance(value, str):
            return None, "texte attendu"
        text = " ".join(value.split())
        if len(text) > MAX_TEXT_LENGTH:
            return None, f"texte trop long ({MAX_TEXT_LENGTH} caractères au plus)"
        return text, None
    if question.kind == QuestionKind.MULTI:
        values = value if isinstance(value, list) else [value]
        limit = question.max_choices or DEFAULT_MAX_CHOICES
        out = []
        for item in values:
            option = question.option(item) if isinstance(item, str | int) else None
            if option is None or isinstance(item, bool):
                return None, f"valeur « {item} » hors des choix ({_allowed(question)})"
            if option.value not in out:
                out.append(option.value)
        if len(out) > limit:
            return None, f"{limit} choix au plus ({len(out)} reçus)"
        order = [o.value for o in question.options]
        return sorted(out, key=order.index), None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None, f"une seule valeur attendue ({_allowed(question)})"
    option = question.option(value)
    if option is None:
        return None, f"valeur « {value} » hors des choix ({_allowed(question)})"
    return option.value, None


def build_questionnaire(definition: dict, centres: list[tuple[int, str]]) -> Questionnaire:
    """The runtime questionnaire from its stored definition; `centres` are the ROME centres
    d'intérêt (code, label) offered by questions with `options_from: centres_interet`."""
    scales = definition.get("scales") or {}
    questions = []
    for q in definition["questions"]:
        prompt, prompt_translations = "", {}
        options = q.get("options") or []
        if not options and q.get("scale"):
            scale = scales[q["scale"]]
            options, prompt = scale["options"], scale.get("prompt", "")
            prompt_translations = scale.get("translations") or {}
        if not options and q.get("options_from") == "centres_interet":
            options = [{"value": code, "label": label} for code, label in centres]
        if q["kind"] == QuestionKind.MULTI and not options:
            continue  # centres d'intérêt not loaded: the question cannot be asked
        questions.append(
            Question(
                id=q["id"],
                text=q["text"],
                kind=q["kind"],
                dimension=q["dimension"],
                options=tuple(
                    Option(o["value"], o["label"], o.get("pictogram"), o.get("translations") or {})
                    for o in options
                ),
                help=q.get("help", ""),
                prompt=prompt,
                max_choices=q.get("max_choices")
                or (DEFAULT_MAX_CHOICES if q["kind"] == QuestionKind.MULTI else None),
                skippable=q.get("skippable", True),
                translations=_merged(prompt_translations, q.get("translations") or {}),
            )
        )
    return Questionnaire(
        version=definition["version"],
        title=definition["title"],
        intro=definition.get("intro", ""),
        riasec=definition["riasec"],
        questions=tuple(questions),
        translations=definition.get("translations") or {},
    )


def _merged(*mappings: dict) -> dict:
    """{language: {field: text}} mappings merged, the later ones winning."""
    out: dict = {}
    for mapping in mappings:
        for language, values in mapping.items():
            if isinstance(values, dict):
                out.setdefault(language, {}).update(values)
    return out
