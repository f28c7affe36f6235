"""Personas built on answer sets (the FAIR issue) against the Dunkerque catalogue: hard limits
hold in the top jobs, wishes bring their jobs, one answer never gives 100/100, same answers
give the same results."""

import json
import random

import pytest

from espaces.orientation import matching as m
from espaces.orientation.matching import CandidateIndex, build_profile, match
from espaces.orientation.selectors import current_questionnaire, metier_candidates

CARE = 22  # « Je souhaite prendre soin des autres »


@pytest.fixture
def setting(dunkerque):
    questionnaire = current_questionnaire(territory=dunkerque)
    candidates = metier_candidates(territory=dunkerque)
    return questionnaire, candidates, CandidateIndex(candidates)


def answers_of(questionnaire, **by_dimension):
    """{question id: value} from {dimension: value} (the Dunkerque ids may change)."""
    out = {}
    for question in questionnaire.questions:
        if question.dimension in by_dimension:
            out[question.id] = by_dimension[question.dimension]
    clean, errors = questionnaire.validate(out)
    assert errors == []
    return clean


def run(setting, **by_dimension):
    questionnaire, _, index = setting
    profile = build_profile(questionnaire, answers_of(questionnaire, **by_dimension))
    return profile, match(profile, index)


def breaks_a_hard_limit(profile, candidate) -> str | None:
    return m.hard_limit(
        profile,
        candidate.conditions,
        candidate.entry_level,
        candidate.open_without_diploma,
        candidate.short_training_months,
    )


def test_young_mother_without_diploma_nor_car_who_wants_to_care_gets_care_jobs(setting):
    _, candidates, _ = setting
    by_slug = {c.slug: c for c in candidates}
    profile, result = run(
        setting,
        centre_interet=[CARE],
        diploma="sans_diplome",
        driving="sans_permis",
        childcare="oui",
    )
    top = result.results[:5]
    assert all(CARE in by_slug[r.slug].centres for r in top[:3]), [r.title for r in top]
    assert all(breaks_a_hard_limit(profile, by_slug[r.slug]) is None for r in top)
    assert top[0].reasons[0] == "Répond à votre envie « Je souhaite prendre soin des autres »."
    assert {b.thematique for b in result.barriers} >= {"famille--garde-denfants"}
    # a quick answer set is a track to explore, not « qui vous ressemblent »
    assert not result.resembles


def test_back_problems_and_no_loads_keep_heavy_jobs_out_of_the_top_ten(setting):
    _, candidates, _ = setting
    heavy = {c.slug for c in candidates if c.conditions & m.HEAVY_CONDITIONS}
    assert len(heavy) >= 5
    for letter in "RIASEC":
        questionnaire = setting[0]
        statements = {q.dimension: 3 for q in questionnaire.questions if q.dimension == letter}
        _, result = run(setting, health="oui", physical_work="non", **statements)
        assert not heavy & {r.slug for r in result.results}, letter
        assert heavy <= {e.slug for e in result.excluded}


def test_no_night_work_means_no_night_job(setting):
    _, candidates, _ = setting
    night = {c.slug for c in candidates if c.conditions & m.NIGHT_CONDITIONS}
    assert night
    for letter in "RIASEC":
        questionnaire = setting[0]
        statements = {q.dimension: 3 for q in questionnaire.questions if q.dimension == letter}
        _, result = run(setting, night_work="non", **statements)
        assert not night & {r.slug for r in result.results}
    # nights refused do not rule out day jobs with early shifts or weekends
    _, result = run(setting, night_work="non")
    assert {e.slug for e in result.excluded} == night


@pytest.mark.parametrize("centre", range(1, 31))
def test_each_centre_d_interet_alone_brings_a_linked_job_in_the_top_three(setting, centre):
    _, candidates, _ = setting
    by_slug = {c.slug: c for c in candidates}
    linked = [c for c in candidates if centre in c.centres]
    assert linked, f"aucune fiche locale pour le centre {centre}"
    _, result = run(setting, centre_interet=[centre])
    assert any(centre in by_slug[r.slug].centres for r in result.results[:3])
    assert result.uncovered == ()


def test_one_answer_never_gives_100(setting):
    questionnaire, _, index = setting
    best = 0
    for question in questionnaire.questions:
        if question.kind == "text":
            continue
        for option in question.options:
            value = [option.value] if question.kind == "multi" else option.value
            clean, errors = questionnaire.validate({question.id: value})
            assert errors == []
            result = match(build_profile(questionnaire, clean), index)
            assert result.results[0].score < 100, (question.id, option.value)
            assert not result.resembles
            best = max(best, result.results[0].score)
    assert best <= 100 * (m.CONFIDENCE_FLOOR + (1 - m.CONFIDENCE_FLOOR) * m.CONFIDENCE_WISHES / 2)


def test_a_full_questionnaire_can_reach_the_resembling_title(setting):
    questionnaire = setting[0]
    statements = {
        q.id: (3 if q.dimension == "S" else 1) for q in questionnaire.questions if q.is_interest
    }
    answers = answers_of(
        questionnaire,
        centre_interet=[CARE, 4],
        diploma="bac",
        training_readiness="plus_6_mois",
        night_work="oui",
        shift_work="oui",
        weekend_work="oui",
        driving="permis_vehicule",
    )
    profile = build_profile(questionnaire, {**statements, **answers})
    assert profile.confidence == 1.0
    result = match(profile, setting[2])
    assert result.resembles
    assert result.results[0].score >= m.RESEMBLE_SCORE


def test_reasons_vary_and_quote_the_persons_strongest_answers(setting):
    questionnaire = setting[0]
    ratings = {}
    for i, q in enumerate(q for q in questionnaire.questions if q.is_interest):
        ratings[q.id] = 3 if q.dimension in "CR" and i % 2 else (2 if q.dimension in "CR" else 0)
    profile = build_profile(questionnaire, ratings)
    result = match(profile, setting[2])
    firsts = [r.reasons[0] for r in result.results]
    assert max(firsts.count(f) for f in firsts) <= m.MAX_SAME_REASON
    liked = {t for texts in profile.liked.values() for t in texts}
    interest = [x for r in result.results for x in r.reasons if x.startswith("Vous aimez")]
    assert interest and all("« " in x for x in interest)
    assert all(any(t[:1].lower() + t[1:] in x for t in liked) for x in interest)


def test_same_answers_give_the_same_results_whatever_the_order_of_the_sheets(setting):
    questionnaire, candidates, index = setting
    answers = answers_of(
        questionnaire, centre_interet=[14, 6], driving="sans_permis", shift_work="avec_solution"
    )
    profile = build_profile(questionnaire, answers)
    first = match(profile, index)
    shuffled = list(candidates)
    random.Random(7).shuffle(shuffled)
    second = match(profile, CandidateIndex(shuffled))
    assert json.dumps([r.as_dict() for r in first.results]) == json.dumps(
        [r.as_dict() for r in second.results]
    )
    assert first.excluded == second.excluded and first.barriers == second.barriers


def test_situation_never_changes_the_jobs(setting):
    questionnaire = setting[0]
    base = answers_of(questionnaire, centre_interet=[22])
    results = []
    for situation in (None, "jeunes", "actifs", "demandeurs-emploi"):
        extra = answers_of(questionnaire, situation=situation) if situation else {}
        profile = build_profile(questionnaire, {**base, **extra})
        assert "situation" not in profile.constraints
        results.append([r.as_dict() for r in match(profile, setting[2]).results])
    assert all(r == results[0] for r in results)
