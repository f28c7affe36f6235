"""The matching engine (docs/orientation.md § Le calcul): pure functions, no database."""

import random

import pytest

from espaces.orientation import matching as m
from espaces.orientation.matching import (
    CandidateIndex,
    build_profile,
    demand_component,
    match,
    riasec_weights,
)

from .conftest import job, prefers, verkor


def run(questionnaire, answers, jobs, **kwargs):
    clean, errors = questionnaire.validate(answers)
    assert errors == []
    return match(build_profile(questionnaire, clean, **kwargs), CandidateIndex(jobs))


def by_slug(matching):
    return {r.slug: r for r in matching.results}


@pytest.mark.parametrize("letter", list("RIASEC"))
def test_a_clear_preference_puts_the_job_of_that_letter_first_with_a_reason(
    questionnaire, six_jobs, letter
):
    result = run(questionnaire, prefers(letter), six_jobs)
    top = result.results[0]
    assert top.slug == f"metier-{letter.lower()}"
    # interest 1.0 × 0.60 / (0.60 + 0.15) = 80, weighed by what was answered: the 6 statements
    # (0.5) and no wish nor constraint → 80 × (0.4 + 0.6 × 0.5) = 56
    assert result.confidence == 0.5
    assert top.score == 56
    assert top.reasons[0].startswith(questionnaire.riasec[letter]["reason"] + " : «")
    assert all(r.score == 0 for r in result.results[1:])


def test_the_major_letter_counts_more_than_the_minor_one(questionnaire):
    jobs = [job("ir", "IR"), job("ri", "RI"), job("r", "R"), job("c", "C")]
    result = run(questionnaire, prefers("I"), jobs)
    assert [r.slug for r in result.results] == ["ir", "ri", "c", "r"]
    scores = {r.slug: r.score for r in result.results}
    assert scores["ir"] == round(100 * 0.6 * (2 / 3) / 0.75 * 0.7)
    assert scores["ri"] == round(100 * 0.6 * (1 / 3) / 0.75 * 0.7)


def test_same_answers_give_the_same_results_whatever_the_order_of_the_jobs(questionnaire):
    jobs = [
        job(
            f"metier-{i}",
            letters,
            conditions=conditions,
            projects=(verkor(100 * i),) if i % 2 else (),
        )
        for i, (letters, conditions) in enumerate(
            [("R", ["nuit"]), ("RC", []), ("IR", ["permis"]), ("SE", []), ("C", ["exterieur"])] * 4
        )
    ]
    answers = prefers("R", diplome="cap_bep", permis="sans_permis", garde="oui", envies=[14])
    first = run(questionnaire, answers, jobs)
    shuffled = jobs[:]
    random.Random(4).shuffle(shuffled)
    second = run(questionnaire, answers, shuffled)
    assert first == second
    assert [r.as_dict() for r in first.results] == [r.as_dict() for r in second.results]


def test_ties_are_broken_by_title_then_slug(questionnaire):
    jobs = [
        job("b", "R", title="Soudeur"),
        job("a", "R", title="Soudeur"),
        job("c", "R", title="Cariste"),
    ]
    result = run(questionnaire, prefers("R"), jobs)
    assert [r.slug for r in result.results] == ["c", "a", "b"]


def test_top_ten_only_with_scores_between_0_and_100(questionnaire):
    jobs = [job(f"j{i:02}", "RC"[i % 2], projects=(verkor(10**5),)) for i in range(25)]
    result = run(questionnaire, prefers("R", envies=[14]), jobs)
    assert len(result.results) == 10
    assert result.considered == 25
    assert all(0 <= r.score <= 100 for r in result.results)


def test_every_result_has_two_to_four_reasons(questionnaire):
    jobs = [
        job("riche", "R", centres=[14], projects=(verkor(),), sector_names=("Batteries",)),
        job("pauvre", "A", sector_names=("Logistique",)),
        job("sans-rien", "A", entry_level=None),
    ]
    result = run(
        questionnaire,
        prefers("R", envies=[14], **{"metiers-passes": "x"}),
        jobs,
        experience=["riche"],
    )
    reasons = {r.slug: r.reasons for r in result.results}
    assert len(reasons["riche"]) == 4
    assert reasons["pauvre"] == ("Accessible sans diplôme.", "Un métier du secteur « Logistique ».")
    assert all(2 <= len(r) <= 4 for slug, r in reasons.items() if slug != "sans-rien")


def test_centres_d_interet_overlap_raises_the_score_and_is_explained(questionnaire):
    jobs = [job("manuel", "R", centres=[14, 6]), job("autre", "R", centres=[4])]
    result = by_slug(run(questionnaire, {"envies": [14, 6]}, jobs))
    assert result["manuel"].score > result["autre"].score
    assert result["manuel"].reasons[0] == (
        "Répond à vos envies « J'ai le souci du détail » et « J'aime le travail manuel »."
    )


def test_announced_jobs_are_a_reason_with_source_and_date(questionnaire):
    other = m.ProjectDemand(slug="neomat", name="Neomat", jobs=300)
    jobs = [job("pilote", "R", projects=(verkor(), other)), job("sans-projet", "R")]
    result = by_slug(run(questionnaire, prefers("R"), jobs))
    assert (
        "Gigafactory Verkor : 1\u202f200 emplois directs annoncés (La Gazette, 17 avril 2024) ; "
        "1 autre projet recrute aussi ce métier." in result["pilote"].reasons
    )
    assert result["pilote"].score > result["sans-projet"].score


def test_demand_component_is_logarithmic_and_capped():
    assert demand_component(0) == 0
    assert demand_component(m.DEMAND_REFERENCE) == pytest.approx(1)
    assert demand_component(10 * m.DEMAND_REFERENCE) == 1
    assert 0.5 < demand_component(300) < demand_component(1200) < 1


def test_without_any_answer_jobs_are_ranked_by_announced_jobs(questionnaire):
    jobs = [job("petit", "R", projects=(verkor(50),)), job("grand", "A", projects=(verkor(3000),))]
    result = run(questionnaire, {}, jobs)
    assert [r.slug for r in result.results] == ["grand", "petit"]
    assert result.components == ("recrutements",)


def test_letters_the_person_skipped_count_as_neutral(questionnaire):
    jobs = [job("a", "A"), job("r", "R"), job("c", "C")]
    matching = run(questionnaire, {"reparer": 0, "classer": 2}, jobs)
    result = by_slug(matching)
    # 2 statements of 6: confidence 0.5 × 2/6, shown = resemblance × (0.4 + 0.6 × confidence)
    assert matching.confidence == pytest.approx(0.5 * 2 / 6, abs=1e-4)
    assert result["c"].resemblance == 80
    assert result["c"].score == m.shown_score(80, matching.confidence) == 40
    assert result["a"].resemblance == 40  # unknown interest = 0.5
    assert result["r"].score == 0


def test_past_jobs_add_a_bonus_and_a_reason(questionnaire):
    jobs = [job("cariste", "R"), job("soudeur", "R")]
    result = by_slug(run(questionnaire, prefers("R"), jobs, experience=["cariste"]))
    assert result["cariste"].score == m.shown_score(90, 0.5)
    assert "Proche d'un métier que vous avez déjà fait." in result["cariste"].reasons


def test_riasec_weights_keep_the_highest_weight_across_codes():
    assert riasec_weights([("R", "I"), ("R", "C"), ("I", "")]) == (
        ("R", 1.0),
        ("I", 1.0),
        ("C", 0.5),
    )
    assert riasec_weights([("", "")]) == ()


# --- constraints ---------------------------------------------------------------------------------
def scores(questionnaire, answers, jobs):
    """{slug: the resemblance before the confidence weighting} (what the rules change)."""
    result = run(questionnaire, answers, jobs)
    return {r.slug: r.resemblance for r in result.results}


def test_refusing_nights_excludes_night_jobs_only(questionnaire):
    jobs = [
        job("poste", "R", conditions=["travail_poste"]),
        job("nuit", "R", conditions=["nuit"]),
        job("weekend", "R", conditions=["weekend"]),
        job("jour", "R"),
    ]
    result = run(questionnaire, prefers("R", nuit="non"), jobs)
    assert {r.slug for r in result.results} == {"poste", "weekend", "jour"}
    assert [(e.slug, e.reason) for e in result.excluded] == [("nuit", m.EXCLUDED_NIGHT)]


def test_refusing_shift_work_excludes_shift_jobs_not_day_or_night_ones(questionnaire):
    jobs = [
        job("poste", "R", conditions=["travail_poste"]),
        job("nuit", "R", conditions=["nuit"]),
        job("weekend", "R", conditions=["weekend"]),
        job("jour", "R"),
    ]
    result = run(questionnaire, prefers("R", horaires="non"), jobs)
    assert {r.slug for r in result.results} == {"nuit", "weekend", "jour"}
    assert {e.slug for e in result.excluded} == {"poste"}
    assert "impossibles pour vous" in result.excluded[0].reason
    weekend = run(questionnaire, prefers("R", **{"week-end": "non"}), jobs)
    assert {e.slug for e in weekend.excluded} == {"weekend"}


def test_the_widen_condition_names_are_hard_limits_too(questionnaire):
    jobs = [
        job("a", "R", conditions=["night_work"]),
        job("b", "R", conditions=["shift_work"]),
        job("c", "R", conditions=["weekend_work"]),
        job("d", "R"),
    ]
    answers = prefers("R", nuit="non", horaires="non", **{"week-end": "non"})
    result = run(questionnaire, answers, jobs)
    assert [r.slug for r in result.results] == ["d"]


def test_shift_work_possible_with_a_solution_only_lowers_the_score(questionnaire):
    jobs = [job("poste", "R", conditions=["travail_poste", "nuit"]), job("jour", "R")]
    result = scores(questionnaire, prefers("R", horaires="avec_solution"), jobs)
    assert result == {"jour": 80, "poste": 80 - m.PENALTY_SHIFT_WITH_SOLUTION}


def test_childcare_with_shift_work_is_a_childcare_barrier_not_an_exclusion(questionnaire):
    jobs = [job("poste", "R", conditions=["travail_poste"]), job("jour", "R")]
    result = run(questionnaire, prefers("R", garde="oui"), jobs)
    poste = by_slug(result)["poste"]
    assert poste.resemblance == 80 - m.PENALTY_CHILDCARE_SHIFT
    assert poste.barriers == ("famille--garde-denfants",)
    (barrier,) = result.barriers
    assert barrier.thematique == "famille--garde-denfants"
    assert barrier.metiers == ("poste",)
    assert barrier.reasons == (
        "vous avez des enfants à faire garder",
        "horaires décalés avec des enfants à faire garder",
    )
    assert barrier.tags == ("garde-atypique", "horaires-atypiques")


def test_no_driving_licence_and_a_job_needing_one_is_a_mobility_barrier(questionnaire):
    jobs = [job("chauffeur", "R", conditions=["permis"]), job("atelier", "R")]
    without = run(questionnaire, prefers("R", permis="sans_permis"), jobs)
    assert scores(questionnaire, prefers("R", permis="sans_permis"), jobs)["chauffeur"] == 65
    assert [b.thematique for b in without.barriers] == ["mobilite"]
    assert without.barriers[0].metiers == ("chauffeur",)
    with_licence = run(questionnaire, prefers("R", permis="permis_vehicule"), jobs)
    assert scores(questionnaire, prefers("R", permis="permis_vehicule"), jobs)["chauffeur"] == 80
    assert with_licence.barriers == ()


def test_shift_work_without_a_car_is_a_mobility_barrier(questionnaire):
    jobs = [job("poste", "R", conditions=["nuit"])]
    result = run(questionnaire, prefers("R", permis="permis_sans_vehicule"), jobs)
    assert result.results[0].resemblance == 80 - m.PENALTY_NO_CAR_SHIFT
    assert result.barriers[0].reasons == ("horaires décalés sans voiture",)


def test_no_diploma_and_a_bac_plus_2_job_without_short_training(questionnaire):
    jobs = [job("technicien", "R", entry_level="bac_2"), job("agent", "R")]
    result = run(questionnaire, prefers("R", diplome="sans_diplome"), jobs)
    technicien = by_slug(result)["technicien"]
    assert technicien.resemblance == 80 - 3 * m.PENALTY_PER_LEVEL
    assert technicien.barriers == ("se-former",)
    assert "Niveau pour commencer : Bac + 2." in technicien.reasons
    assert [b.thematique for b in result.barriers] == ["se-former"]
    longer = scores(
        questionnaire, prefers("R", diplome="sans_diplome", formation="plus_6_mois"), jobs
    )
    assert longer["technicien"] == 80 - 3 * m.PENALTY_PER_LEVEL


def test_a_level_out_of_reach_of_the_training_accepted_is_excluded(questionnaire):
    jobs = [job("technicien", "R", entry_level="bac_2"), job("agent", "R")]
    for formation in ("non", "moins_6_mois"):
        result = run(questionnaire, prefers("R", diplome="sans_diplome", formation=formation), jobs)
        assert [r.slug for r in result.results] == ["agent"]
        assert [e.slug for e in result.excluded] == ["technicien"]
    assert m.training_months_needed("sans_diplome", "bac_2", False, None) == 36
    assert m.training_months_needed("bac", "bac_2", False, None) == 12
    assert m.training_months_needed("bac_3", "bac_2", False, None) == 0
    assert m.training_months_needed(None, "bac_2", False, None) == 0


def test_a_short_funded_training_opens_a_job_without_diploma(questionnaire):
    jobs = [
        job(
            "soudeur",
            "R",
            entry_level="cap_bep",
            open_without_diploma=True,
            short_training_months=4,
        )
    ]
    result = run(questionnaire, prefers("R", diplome="sans_diplome"), jobs)
    (soudeur,) = result.results
    assert soudeur.resemblance == 80
    assert "Ouvert sans diplôme après une formation financée de 4 mois." in soudeur.reasons
    assert soudeur.barriers == ("se-former",)
    no_training = run(questionnaire, prefers("R", diplome="sans_diplome", formation="non"), jobs)
    assert no_training.results == ()
    assert no_training.excluded[0].reason == m.EXCLUDED_TRAINING_REFUSED


def test_a_training_longer_than_accepted_excludes_the_job(questionnaire):
    jobs = [
        job("pilote", "R", entry_level="bac", open_without_diploma=True, short_training_months=8)
    ]
    answers = prefers("R", diplome="cap_bep", formation="moins_6_mois")
    result = run(questionnaire, answers, jobs)
    assert result.results == ()
    assert result.excluded[0].reason == m.EXCLUDED_TRAINING_TOO_LONG
    answers["formation"] = "plus_6_mois"
    assert scores(questionnaire, answers, jobs) == {"pilote": 80}


def test_a_high_enough_diploma_is_a_reason(questionnaire):
    jobs = [job("technicien", "R", entry_level="bac_2")]
    result = run(questionnaire, prefers("R", diplome="bac_3"), jobs)
    assert "Votre niveau de diplôme suffit pour commencer." in result.results[0].reasons


def test_preferring_less_physical_or_indoor_work_lowers_those_jobs(questionnaire):
    jobs = [job("docker", "R", conditions=["port_charges", "exterieur"]), job("bureau", "R")]
    result = scores(questionnaire, prefers("R", physique="non", exterieur="non"), jobs)
    assert result == {"bureau": 80, "docker": 80 - m.PENALTY_PHYSICAL - m.PENALTY_OUTDOOR}


def test_health_constraints_alone_never_exclude_nor_lower_a_job(questionnaire):
    jobs = [
        job(
            "calorifugeur", "R", conditions=["chaleur", "hauteur", "zone_nucleaire", "port_charges"]
        )
    ]
    healthy = run(questionnaire, prefers("R", sante="non"), jobs)
    constrained = run(questionnaire, prefers("R", sante="oui"), jobs)
    assert constrained.results[0].score == healthy.results[0].score
    assert constrained.excluded == ()
    assert [b.thematique for b in constrained.barriers] == ["sante"]
    assert "aménagements" in constrained.results[0].cautions[0]


def test_loads_refused_with_a_health_constraint_exclude_heavy_jobs(questionnaire):
    jobs = [job("docker", "R", conditions=["port_charges"]), job("bureau", "R")]
    result = run(questionnaire, prefers("R", sante="oui", physique="non"), jobs)
    assert [r.slug for r in result.results] == ["bureau"]
    assert [(e.slug, e.reason) for e in result.excluded] == [("docker", m.EXCLUDED_LOADS)]
    # without the health constraint, loads refused only lower the job
    assert "docker" in scores(questionnaire, prefers("R", physique="non"), jobs)


def answered(questionnaire, **answers):
    """The profile of valid answers."""
    clean, errors = questionnaire.validate(answers)
    assert errors == []
    return build_profile(questionnaire, clean)


def test_trainings_suggested_match_the_persons_level(questionnaire):
    def profile(**answers):
        return answered(questionnaire, **answers)

    no_bac_no_long = profile(diplome="cap_bep", formation="moins_6_mois")
    assert m.training_fits("cap_bep", no_bac_no_long)
    assert not m.training_fits("bac_5", no_bac_no_long)  # no « ingénieur »
    assert not m.training_fits("bac", no_bac_no_long)
    assert not m.training_fits("cap_bep", profile(diplome="cap_bep", formation="non"))
    longer = profile(diplome="sans_diplome", formation="plus_6_mois")
    assert m.training_fits("bac", longer) and not m.training_fits("bac_2", longer)
    assert m.training_fits("bac_5", profile())  # nothing said: every training
    assert m.training_fits("", no_bac_no_long)  # a training without level


def test_confidence_counts_what_was_answered(questionnaire):
    def confidence(**answers):
        clean, errors = questionnaire.validate(answers)
        assert errors == []
        return build_profile(questionnaire, clean).confidence

    assert confidence() == 0
    assert confidence(envies=[14]) == 0.15
    assert confidence(envies=[14, 6]) == 0.3
    assert confidence(**prefers("R")) == 0.5  # all 6 statements of the example
    everything = prefers(
        "R",
        envies=[14, 6],
        diplome="bac",
        formation="non",
        horaires="oui",
        nuit="oui",
        physique="oui",
        exterieur="oui",
    )
    assert confidence(**everything) == 1.0
    assert m.shown_score(100, 0.15) == 49 and m.shown_score(100, 1.0) == 100


CONDITIONS = (
    "travail_poste",
    "nuit",
    "weekend",
    "exterieur",
    "port_charges",
    "hauteur",
    "zone_nucleaire",
    "salle_blanche",
    "bruit",
    "chaleur",
    "permis",
)


def test_constraint_effects_read_only_the_relevant_answers_and_parts_add_up():
    """The index computes the ranking's effects from the few answers each job depends on, in a
    conditions part and a level part: on 3 000 random people and jobs, they equal the effects
    computed from every answer."""
    from espaces.orientation.enums import CONSTRAINT_VALUES, Dimension

    rng = random.Random(17)
    levels = [None, *m.LEVEL_RANK]
    keys = []
    for _ in range(300):
        conditions = frozenset(rng.sample(CONDITIONS, rng.randint(0, 5)))
        opening = rng.random() < 0.3
        keys.append((conditions, rng.choice(levels), opening, rng.choice([None, 3, 6, 9])))
    index = CandidateIndex([job(f"j{i}", "R") for i in range(3)])
    index.keys = tuple(dict.fromkeys(keys))
    dimensions = [d for d in CONSTRAINT_VALUES if d != Dimension.SITUATION]
    for _ in range(10):
        answered = tuple(
            sorted((d, rng.choice(CONSTRAINT_VALUES[d])) for d in dimensions if rng.random() < 0.85)
        )
        effects, penalty, excluded = index.effects(answered)
        profile = m.Profile(constraints=dict(answered))
        for i, key in enumerate(index.keys):
            full = m.constraint_effects(profile, *key)
            assert excluded[i] == full.excluded, (answered, key)
            if not full.excluded:
                assert penalty[i] == full.penalty, (answered, key)
            assert effects[i] == full, (answered, key)


@pytest.mark.parametrize(
    "duration, months",
    [
        ("2 ans", (24, 24)),
        ("environ 8 à 10 mois", (8, 10)),
        ("6 mois à 1 an", (6, 12)),
        ("quelques semaines à 2 mois", (2, 2)),
        ("plusieurs mois (environ 6 à 9 mois)", (6, 9)),
        ("2 ans (ou 1 an pour les adultes)", (12, 24)),
        ("quelques jours", (0, 1)),
        ("environ 4 semaines", (1, 1)),
        ("3 ans après la 3e", (36, 36)),
        ("quelques mois", None),
        ("variable", None),
        ("", None),
    ],
)
def test_training_durations_are_read_in_months(duration, months):
    assert m.training_months(duration) == months


def test_trainings_suggested_fit_the_training_length_the_person_accepts(questionnaire):
    def profile(**answers):
        return answered(questionnaire, **answers)

    short = profile(diplome="cap_bep", formation="moins_6_mois")
    # a CAP of 2 years is at the person's level, but longer than the 6 months accepted
    assert m.training_fits("cap_bep", short) and not m.training_fits("cap_bep", short, "2 ans")
    assert not m.training_fits("cap_bep", short, "environ 6 à 8 mois")
    assert m.training_fits("cap_bep", short, "4 à 6 mois")
    # a short training leading one level up is no longer hidden behind its level …
    assert not m.training_fits("bac", short) and m.training_fits("bac", short, "environ 4 mois")
    # … but an engineering degree stays out of reach whatever its length
    assert not m.training_fits("bac_5", short, "quelques semaines")
    # a duration nobody can tell falls back on the level
    assert m.training_fits("cap_bep", short, "quelques mois")
    assert not m.training_fits("bac", short, "variable")
    # longer trainings accepted, or training question skipped: the duration does not matter
    longer = profile(diplome="cap_bep", formation="plus_6_mois")
    assert m.training_fits("bac_2", longer, "2 ans")
    assert m.training_fits("bac", profile(diplome="cap_bep"), "3 ans")
    # refusing to train: nothing, even a short one
    assert not m.training_fits("", profile(formation="non"), "quelques jours")
    # without a diploma answer, only the length counts for the short-training person
    assert not m.training_fits("cap_bep", profile(formation="moins_6_mois"), "2 ans")
    assert m.training_fits("bac_5", profile(formation="moins_6_mois"), "quelques jours")
