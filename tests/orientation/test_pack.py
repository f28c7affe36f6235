"""The `questionnaire` pack section (docs/packs.md § questionnaire.yaml)."""

import shutil

import pytest

from espaces.orientation.models import Questionnaire
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import DUNKERQUE_PACK, EXAMPLE_PACK


@pytest.fixture
def pack(tmp_path):
    """A copy of the example pack whose questionnaire.yaml a test may rewrite."""
    target = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, target)
    return target


def rewrite(pack, old: str, new: str) -> None:
    path = pack / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors_of(pack) -> list[str]:
    with pytest.raises(PackValidationError) as exc:
        load_pack(pack)
    return [str(e) for e in exc.value.errors]


def test_example_questionnaire_is_loaded_as_the_current_version(example_territory):
    row = Questionnaire.objects.get(territory=example_territory)
    assert row.version == "exemple-1"
    assert row.is_current
    assert row.title == "Questionnaire d'exemple"
    assert [q["id"] for q in row.definition["questions"]][:3] == ["reparer", "analyser", "dessiner"]


def test_loading_twice_changes_nothing(example_territory):
    before = Questionnaire.objects.get(territory=example_territory).updated_at
    report = load_pack(EXAMPLE_PACK)
    assert dict(report.counts["questionnaire"]) == {"inchangés": 1}
    assert Questionnaire.objects.get(territory=example_territory).updated_at == before


@pytest.mark.django_db
def test_a_new_version_takes_over_and_the_old_one_is_kept(pack):
    load_pack(pack)
    rewrite(pack, 'version: "exemple-1"', 'version: "exemple-2"')
    load_pack(pack)
    rows = {q.version: q.is_current for q in Questionnaire.objects.all()}
    assert rows == {"exemple-1": False, "exemple-2": True}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "{value: avec_solution, label: Avec une solution}",
            "{value: parfois, label: Parfois}",
            "questionnaire.yaml, ligne 62, enregistrement « horaires », champ "
            "« questions.9.options » : valeur(s) parfois inconnue(s) pour shift_work. "
            "Valeurs permises : oui, avec_solution, non.",
        ),
        (
            "dimension: R, text: Réparer",
            "dimension: I, text: Réparer",
            "aucune question d'intérêt pour les lettres R",
        ),
        (
            "{id: classer,",
            "{id: genre,",
            "le genre, l'âge, la nationalité et l'adresse ne sont jamais demandés",
        ),
        ("pictogram: voiture", "pictogram: fusee", "pictogramme « fusee » inconnu"),
        (
            "{id: aider, kind: scale,",
            "{id: aider, skippable: false, kind: scale,",
            "toute question peut être passée",
        ),
        ("{id: dessiner,", "{id: reparer,", "identifiant de question « reparer » en double"),
        ("dimension: physical_work", "dimension: poids", "valeur « poids » inconnue"),
        (
            "scale: simple, dimension: E",
            "scale: grande, dimension: E",
            "échelle « grande » inconnue",
        ),
        ("      - {value: 2, label: Beaucoup, pictogram: oui}\n", "", "liste trop courte"),
    ],
)
def test_mistakes_are_refused_with_file_line_and_field(pack, old, new, expected):
    rewrite(pack, old, new)
    messages = errors_of(pack)
    assert any(expected in m for m in messages), messages
    assert Questionnaire.objects.count() == 0


def test_dunkerque_questionnaire_has_five_statements_per_letter(dunkerque):
    row = Questionnaire.objects.get(territory=dunkerque, is_current=True)
    questions = row.definition["questions"]
    interests = [q for q in questions if q["kind"] == "scale"]
    assert len(interests) == 30
    assert {
        letter: sum(q["dimension"] == letter for q in interests) for letter in "RIASEC"
    } == dict.fromkeys("RIASEC", 5)
    constraints = [q["dimension"] for q in questions if q["kind"] == "choice"]
    assert constraints == [
        "diploma",
        "training_readiness",
        "night_work",
        "shift_work",
        "weekend_work",
        "physical_work",
        "outdoor_work",
        "driving",
        "childcare",
        "health",
        "situation",
    ]
    assert DUNKERQUE_PACK.joinpath("questionnaire.yaml").exists()
