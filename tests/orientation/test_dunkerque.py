"""The Dunkerque questionnaire against the Dunkerque catalogue: clear profiles get jobs of
their letter on top, with reasons; constraints change the results as documented."""

import json
import re

from espaces.orientation.matching import CandidateIndex, build_profile, match
from espaces.orientation.selectors import current_questionnaire, metier_candidates


def profile_answers(questionnaire, letter, **extra):
    answers = {
        q.id: (3 if q.dimension == letter else 0) for q in questionnaire.questions if q.is_interest
    }
    answers.update(extra)
    clean, errors = questionnaire.validate(answers)
    assert errors == []
    return clean


def test_clear_profiles_get_jobs_of_their_letter_on_top_with_reasons(dunkerque):
    questionnaire = current_questionnaire(territory=dunkerque)
    candidates = metier_candidates(territory=dunkerque)
    assert len(candidates) >= 60
    index = CandidateIndex(candidates)
    letters = {c.slug: dict(c.riasec) for c in candidates}
    for letter in "RIASEC":
        result = match(build_profile(questionnaire, profile_answers(questionnaire, letter)), index)
        assert len(result.results) == 10
        top = result.results[0]
        reason = questionnaire.riasec[letter]["reason"]
        with_letter = [c for c in candidates if letter in dict(c.riasec)]
        if not with_letter:
            # No job of the catalogue carries the letter A: nothing claims it does.
            assert letter == "A"
            assert not any(r.startswith(reason) for job in result.results for r in job.reasons)
            continue
        majors = [c for c in with_letter if dict(c.riasec)[letter] == 1.0]
        if majors:
            # Every top job has the letter as its major one, as far as there are such jobs.
            expected = min(3, len(majors))
            assert all(letters[r.slug].get(letter) == 1.0 for r in result.results[:expected]), (
                letter
            )
        else:
            assert letter in letters[top.slug], letter
        assert top.reasons[0].startswith(reason + " : «"), top.reasons
        assert 2 <= len(top.reasons) <= 4


def test_constraints_change_the_dunkerque_results_as_documented(dunkerque, client):
    questionnaire = current_questionnaire(territory=dunkerque)
    index = CandidateIndex(metier_candidates(territory=dunkerque))

    def run(**extra):
        return match(
            build_profile(questionnaire, profile_answers(questionnaire, "R", **extra)), index
        )

    free = run()
    no_shift = run(horaires="non")
    excluded = {e.slug for e in no_shift.excluded}
    assert "pilote-ligne-batteries" in excluded and "cariste" in excluded
    assert not excluded & {r.slug for r in no_shift.results}
    assert free.excluded == ()

    driving = run(permis="sans_permis", envies=[19])  # « J'aime piloter, conduire »
    permis_jobs = [r for r in driving.results if "mobilite" in r.barriers]
    assert permis_jobs
    assert any(b.thematique == "mobilite" for b in driving.barriers)

    health = run(sante="oui")
    # health alone never lowers a job (the shown score rises: one more answer given)
    assert [r.resemblance for r in health.results] == [r.resemblance for r in free.results]
    assert health.excluded == ()

    # Through the API, the barriers come with the Dunkerque services that lift them.
    answers = profile_answers(questionnaire, "R", permis="sans_permis", envies=[19], garde="oui")
    response = client.post(
        "/api/v1/orientation?territory=dunkerque",
        data=json.dumps({"answers": answers}),
        content_type="application/json",
    )
    assert response.status_code == 200
    barriers = {b["thematique"]: b for b in response.json()["barriers"]}
    assert barriers["mobilite"]["services"]
    assert barriers["famille--garde-denfants"]["services"]
    demand = [x for r in response.json()["results"] for x in r["reasons"] if " annoncés" in x]
    assert demand
    assert all(re.search(r" : [\d\u202f]+ emplois [^(]* annoncés \(.+\)", x) for x in demand), (
        demand
    )
