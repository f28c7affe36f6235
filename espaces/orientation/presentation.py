"""Words of the results shared by the pages and the API (docs/orientation.md § Un score
honnête): the title depends on how much was answered and how close the best job is."""

from .enums import Dimension

TITLE_RESEMBLE = "Les métiers qui vous ressemblent le plus"
TITLE_EXPLORE = "Des pistes à explorer"


def resembles(summary: dict | None) -> bool:
    """Results saved before the honest scores (no summary) keep their former title."""
    if not summary:
        return True
    return bool(summary.get("resembles"))


def results_title(summary: dict | None) -> str:
    return TITLE_RESEMBLE if resembles(summary) else TITLE_EXPLORE


def wish_label(questionnaire, code) -> str:
    """The label of a centre d'intérêt as offered by the questionnaire (else its code)."""
    for question in questionnaire.questions if questionnaire else ():
        if question.dimension == Dimension.CENTRE_INTERET:
            return question.label_of(code)
    return str(code)
