"""Pack section `questionnaire` (questionnaire.yaml): the territory's orientation questionnaire.

One mapping per pack; its `version` identifies it. Loading makes that version the one in
service; older versions stay stored so that old results keep their meaning.
"""

from espaces.territories.packs.errors import PackError
from espaces.territories.packs.reading import LINE, LINES
from espaces.territories.packs.registry import PackSection, register_section
from espaces.territories.packs.translations import check_translations

from .enums import RIASEC
from .models import Questionnaire
from .questionnaire import (
    OPTION_TRANSLATABLE,
    QUESTION_TRANSLATABLE,
    QUESTIONNAIRE_TRANSLATABLE,
    SCALE_TRANSLATABLE,
    QuestionnaireIn,
    definition_problems,
)


def _line(raw: dict, index: int | None, field_name: str) -> int | None:
    if index is None:
        return raw.get(LINES, {}).get(field_name, raw.get(LINE))
    questions = raw.get("questions") or []
    node = questions[index] if index < len(questions) else {}
    if not isinstance(node, dict):
        return raw.get(LINE)
    return node.get(LINES, {}).get(field_name, node.get(LINE))


def check_questionnaire(ctx, records):
    record = records[0]
    data: QuestionnaireIn = record.data
    problems = definition_problems(data)
    for index, question in enumerate(data.questions):
        if not question.skippable:
            problems.append(
                (
                    index,
                    "skippable",
                    "toute question peut être passée : retirez « skippable: false »",
                )
            )
    for index, field_name, message in problems:
        ctx.errors.append(
            PackError(
                file=record.file,
                line=_line(record.raw, index, field_name),
                record=data.questions[index].id if index is not None else f"version {data.version}",
                field=field_name if index is None else f"questions.{index}.{field_name}",
                message=message,
            )
        )
    _check_translations(ctx, record, data)


def _check_translations(ctx, record, data: QuestionnaireIn) -> None:
    """Translations of the title, the scales, the questions and their options."""
    check_translations(
        ctx,
        record,
        QUESTIONNAIRE_TRANSLATABLE,
        data.translations,
        name=f"version {data.version}",
    )
    for name, scale in data.scales.items():
        at = ("scales", name)
        check_translations(
            ctx,
            record,
            SCALE_TRANSLATABLE,
            scale.translations,
            at=(*at, "translations"),
            name=f"échelle {name}",
        )
        for index, option in enumerate(scale.options):
            check_translations(
                ctx,
                record,
                OPTION_TRANSLATABLE,
                option.translations,
                at=(*at, "options", index, "translations"),
                name=f"échelle {name}",
            )
    for index, question in enumerate(data.questions):
        at = ("questions", index)
        check_translations(
            ctx,
            record,
            QUESTION_TRANSLATABLE,
            question.translations,
            at=(*at, "translations"),
            name=question.id,
        )
        for option_index, option in enumerate(question.options):
            check_translations(
                ctx,
                record,
                OPTION_TRANSLATABLE,
                option.translations,
                at=(*at, "options", option_index, "translations"),
                name=question.id,
            )


def apply_questionnaire(ctx, records):
    data: QuestionnaireIn = records[0].data
    definition = data.model_dump(mode="json", exclude_defaults=True)
    definition["version"] = data.version
    Questionnaire.objects.filter(territory=ctx.territory, is_current=True).exclude(
        version=data.version
    ).update(is_current=False)
    ctx.upsert(
        "questionnaire",
        Questionnaire,
        {"territory": ctx.territory, "version": data.version},
        {"title": data.title, "definition": definition, "is_current": True},
    )


def export_questionnaire(territory) -> dict:
    """The version in service, in the order of the file format (letters R I A S E C, scales by
    name), whatever order the database kept the JSON keys in."""
    questionnaire = Questionnaire.objects.filter(territory=territory, is_current=True).first()
    if questionnaire is None:
        return {}
    data = QuestionnaireIn.model_validate(questionnaire.definition)
    content = data.model_dump(mode="json", exclude_defaults=True)
    content["version"] = data.version
    content["title"] = data.title
    ordered = {key: content[key] for key in QuestionnaireIn.model_fields if key in content}
    ordered["riasec"] = {
        letter: ordered["riasec"][letter] for letter in RIASEC if letter in ordered["riasec"]
    }
    if "scales" in ordered:
        ordered["scales"] = dict(sorted(ordered["scales"].items()))
    return ordered


register_section(
    PackSection(
        kind="questionnaire",
        order=95,
        schema=QuestionnaireIn,
        many=False,
        has_slug=False,
        check=check_questionnaire,
        apply=apply_questionnaire,
        export=export_questionnaire,
        depends_on=["centres_interet"],
    )
)
