"""Validation of a set of answers against the questionnaire (no database)."""

import pytest

from espaces.orientation.enums import Mode
from espaces.orientation.questionnaire import build_questionnaire

from .conftest import example_definition


def test_clean_answers_are_typed_as_the_options(questionnaire):
    clean, errors = questionnaire.validate(
        {
            "reparer": "2",
            "analyser": 0,
            "envies": ["14", 6, 14],
            "diplome": "bac",
            "metiers-passes": "  cariste   et  vendeur ",
        }
    )
    assert errors == []
    assert clean == {
        "reparer": 2,
        "analyser": 0,
        "envies": [6, 14],
        "diplome": "bac",
        "metiers-passes": "cariste et vendeur",
    }


def test_missing_and_null_answers_are_skipped_questions(questionnaire):
    clean, errors = questionnaire.validate({"reparer": None, "diplome": "", "envies": []})
    assert (clean, errors) == ({}, [])


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"inconnue": 1}, "question inconnue : « inconnue »"),
        (
            {"reparer": 7},
            "question « reparer » : valeur « 7 » hors des choix (valeurs permises : 0, 1, 2)",
        ),
        ({"diplome": "docteur"}, "question « diplome » : valeur « docteur » hors des choix"),
        ({"envies": [14, 6, 4, 7]}, "question « envies » : 3 choix au plus (4 reçus)"),
        ({"envies": [99]}, "question « envies » : valeur « 99 » hors des choix"),
        ({"reparer": [1, 2]}, "question « reparer » : une seule valeur attendue"),
        ({"reparer": True}, "question « reparer » : une seule valeur attendue"),
        ({"metiers-passes": 12}, "question « metiers-passes » : texte attendu"),
        ({"metiers-passes": "x" * 201}, "texte trop long (200 caractères au plus)"),
    ],
)
def test_bad_answers_are_refused_naming_the_problem(questionnaire, answers, message):
    clean, errors = questionnaire.validate(answers)
    assert clean == {}
    assert len(errors) == 1
    assert message in errors[0]["message"]


@pytest.mark.parametrize(
    "key", ["genre", "sexe", "age", "nationalite", "adresse", "date_naissance"]
)
def test_gender_age_nationality_and_address_are_refused_by_name(questionnaire, key):
    _, errors = questionnaire.validate({key: "x"})
    assert errors == [
        {
            "question": key,
            "message": f"« {key} » refusé : le genre, l'âge, la nationalité et l'adresse ne sont "
            "jamais demandés ni enregistrés",
        }
    ]


def test_answers_must_be_a_mapping(questionnaire):
    assert questionnaire.validate([1, 2]) == (
        {},
        [{"question": "", "message": "« answers » doit être un objet JSON"}],
    )


def test_quick_mode_skips_the_interest_statements(questionnaire):
    quick = questionnaire.steps(Mode.RAPIDE)
    assert [q.id for q in quick][:2] == ["envies", "diplome"]
    assert not any(q.is_interest for q in quick)
    assert len(questionnaire.steps(Mode.COMPLET)) == len(quick) + 6


def test_centres_question_takes_its_options_from_the_rome_centres():
    questionnaire = build_questionnaire(example_definition(), [(1, "Créer"), (2, "Diriger")])
    envies = questionnaire.by_id["envies"]
    assert [(o.value, o.label) for o in envies.options] == [(1, "Créer"), (2, "Diriger")]
    assert envies.max_choices == 3


def test_without_centres_loaded_the_centres_question_is_not_asked():
    questionnaire = build_questionnaire(example_definition(), [])
    assert "envies" not in questionnaire.by_id


def test_no_question_asks_gender_age_nationality_or_address(questionnaire):
    dimensions = {q.dimension for q in questionnaire.questions}
    assert dimensions <= {
        *"RIASEC",
        "centre_interet",
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
        "experience",
        "diploma_specialty",
        "situation",
    }
