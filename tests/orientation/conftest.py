"""Fixtures of the orientation tests: the example questionnaire without database, and
synthetic jobs whose letters and conditions are known."""

import pytest
import yaml

from espaces.orientation.matching import Candidate, CandidateIndex, ProjectDemand
from espaces.orientation.questionnaire import QuestionnaireIn, build_questionnaire
from tests.conftest import EXAMPLE_PACK

CENTRES = [
    (6, "J'ai le souci du détail"),
    (14, "J'aime le travail manuel"),
    (4, "J'ai le sens du contact"),
    (7, "J'ai un bon coup de crayon"),
]


def example_definition() -> dict:
    raw = yaml.safe_load((EXAMPLE_PACK / "questionnaire.yaml").read_text(encoding="utf-8"))
    return QuestionnaireIn.model_validate(raw).model_dump(mode="json", exclude_defaults=True)


@pytest.fixture
def questionnaire():
    """The example pack's questionnaire (3-point scale, one statement per letter)."""
    return build_questionnaire(example_definition(), CENTRES)


def job(slug, letters, **kwargs) -> Candidate:
    """A job whose ROME letters are `letters` (major then minor), e.g. job("x", "RC")."""
    riasec = tuple((letter, 1.0 if i == 0 else 0.5) for i, letter in enumerate(letters))
    order = "RIASEC"
    riasec = tuple(sorted(riasec, key=lambda pair: order.index(pair[0])))
    kwargs.setdefault("title", slug.replace("-", " ").capitalize())
    kwargs.setdefault("entry_level", "sans_diplome")
    for key in ("conditions", "centres"):
        if key in kwargs:
            kwargs[key] = frozenset(kwargs[key])
    return Candidate(slug=slug, riasec=riasec, **kwargs)


def verkor(jobs=1200) -> ProjectDemand:
    return ProjectDemand(
        slug="verkor",
        name="Gigafactory Verkor",
        jobs=jobs,
        kind_label="emplois directs",
        source="La Gazette",
        date="17 avril 2024",
    )


@pytest.fixture
def six_jobs():
    """One job per RIASEC letter (pure letter), no condition, no demand."""
    return [job(f"metier-{letter.lower()}", letter) for letter in "RIASEC"]


@pytest.fixture
def index(six_jobs):
    return CandidateIndex(six_jobs)


INTEREST_IDS = {
    "R": "reparer",
    "I": "analyser",
    "A": "dessiner",
    "S": "aider",
    "E": "diriger",
    "C": "classer",
}


def prefers(letter: str, **extra) -> dict:
    """Answers that like `letter` a lot and the other letters not at all."""
    answers = {qid: (2 if key == letter else 0) for key, qid in INTEREST_IDS.items()}
    answers.update(extra)
    return answers
