"""Reads of the orientation domain on the example pack."""

import pytest

from espaces.orientation.models import OrientationResult
from espaces.orientation.selectors import (
    current_questionnaire,
    experience_slugs,
    metier_candidates,
    next_sessions,
    result_by_code,
    rome_candidates,
    services_for_barriers,
    short_project_name,
)
from espaces.territories.enums import ProjectStatus
from espaces.territories.models import Project
from tests.catalogue.factories import MetierFactory
from tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


def test_candidates_carry_letters_centres_conditions_and_active_projects(example_territory):
    candidates = {c.slug: c for c in metier_candidates(territory=example_territory)}
    assert set(candidates) == {"operateur-batteries", "cariste", "docker", "soudeur"}
    cariste = candidates["cariste"]
    assert cariste.rome_codes == ("N1101",)
    assert cariste.riasec == (("R", 1.0),)
    assert cariste.conditions == frozenset({"weekend", "port_charges"})
    assert cariste.entry_level == "sans_diplome"
    assert cariste.open_without_diploma and cariste.short_training_months == 1
    assert 14 in cariste.centres
    # The suspended recycling project is not counted; the gigafactory's latest figure is.
    (project,) = cariste.projects
    assert (project.slug, project.name, project.jobs) == (
        "gigafactory-exemple",
        "Gigafactory d'exemple",
        1000,
    )
    assert project.sentence() == (
        "Gigafactory d'exemple : 1\u202f000 emplois directs annoncés (Communauté d'exemple, 2 mai 2024)"
    )
    assert candidates["docker"].projects == ()


def test_a_suspended_project_no_longer_counts(example_territory):
    Project.objects.filter(slug="gigafactory-exemple").update(status=ProjectStatus.SUSPENDU)
    assert all(c.projects == () for c in metier_candidates(territory=example_territory))


def test_candidates_take_a_fixed_number_of_queries(
    example_territory, django_assert_max_num_queries
):
    for _ in range(15):
        MetierFactory(territory=example_territory, conditions=["nuit"])
    with django_assert_max_num_queries(8):
        assert len(metier_candidates(territory=example_territory)) == 19


def test_candidates_stay_in_their_territory(example_territory):
    MetierFactory(territory=TerritoryFactory(), slug="ailleurs")
    assert "ailleurs" not in {c.slug for c in metier_candidates(territory=example_territory)}


def test_every_rome_fiche_loaded_is_a_candidate(example_territory):
    candidates = rome_candidates()
    assert {c.rome_codes[0] for c in candidates} >= {"H2705", "N1101", "N3203", "H2913"}
    assert all(c.conditions == frozenset() and c.projects == () for c in candidates)


def test_current_questionnaire_offers_the_rome_centres(example_territory):
    questionnaire = current_questionnaire(territory=example_territory)
    assert questionnaire.version == "exemple-1"
    assert len(questionnaire.by_id["envies"].options) == 30
    assert current_questionnaire(territory=TerritoryFactory()) is None


def test_result_by_code_forgives_case_dashes_and_confusable_letters(example_territory):
    OrientationResult.objects.create(
        territory=example_territory, code="AB1C0DEF", questionnaire_version="1"
    )
    for typed in ("AB1C0DEF", "ab1c-0def", " abIc 0def ", "ABLCODEF"):
        assert result_by_code(typed, example_territory).code == "AB1C0DEF"
    assert result_by_code("", example_territory) is None
    assert result_by_code("AB1C0DEF", TerritoryFactory()) is None


def test_services_lifting_barriers_come_from_the_services_app(example_territory):
    from tests.services.factories import ServiceFactory

    permis = ServiceFactory(
        territory=example_territory,
        nom="Permis solidaire",
        thematiques=["mobilite--preparer-un-permis"],
    )
    ServiceFactory(
        territory=example_territory, nom="Crèche", thematiques=["famille--garde-denfants"]
    )
    ServiceFactory(
        territory=TerritoryFactory(), nom="Ailleurs", thematiques=["mobilite--preparer-un-permis"]
    )
    found = services_for_barriers(territory=example_territory, barriers=["mobilite", "se-former"])
    assert set(found) == {"mobilite", "se-former"}
    names = [s.nom for s in found["mobilite"]]
    assert permis in found["mobilite"]
    assert "Crèche" not in names and "Ailleurs" not in names
    assert all(any(t.startswith("mobilite") for t in s.thematiques) for s in found["mobilite"])


def test_next_session_showing_a_job(example_territory):
    from espaces.catalogue.models import Metier
    from tests.events.factories import SessionFactory

    session = SessionFactory(territory=example_territory)
    session.metiers.add(Metier.objects.get(slug="cariste"))
    assert next_sessions(territory=example_territory, slugs=["cariste", "docker"]) == {
        "cariste": session
    }


def test_past_jobs_typed_are_found_in_the_catalogue(example_territory):
    candidates = metier_candidates(territory=example_territory)
    assert experience_slugs(
        territory=example_territory, text="cariste, docker", candidates=candidates
    ) == ["cariste", "docker"]
    assert (
        experience_slugs(territory=example_territory, text="astronaute", candidates=candidates)
        == []
    )
    assert experience_slugs(territory=example_territory, text="   ", candidates=candidates) == []


def test_project_names_are_shortened_in_reasons():
    assert short_project_name("Neomat (ex-projet XTC-Orano) : matériaux de batteries") == "Neomat"
    assert short_project_name("Gigafactory Verkor") == "Gigafactory Verkor"


def test_completion_summary_counts_places_modes_jobs_and_sectors(example_territory):
    import datetime as dt

    from espaces.orientation.models import OrientationCompletion
    from espaces.orientation.selectors import completion_summary
    from espaces.territories.models import Site

    gare = Site.objects.get(slug="gare")
    day = dt.date(2025, 3, 4)
    for site, metiers in ((gare, ["cariste", "docker"]), (None, ["cariste"]), (gare, ["soudeur"])):
        OrientationCompletion.objects.create(
            territory=example_territory,
            date=day,
            site=site,
            top_metiers=metiers,
            top_sectors=["batteries"],
        )
    OrientationCompletion.objects.create(
        territory=example_territory, date=day.replace(year=2024), site=None
    )
    summary = completion_summary(territory=example_territory, date_from=dt.date(2025, 1, 1))
    assert summary == {
        "total": 3,
        "by_place": {"Espace de la gare": 2, "en ligne": 1},
        "by_mode": {"complet": 3},
        "top_metiers": [("cariste", 2), ("docker", 1), ("soudeur", 1)],
        "top_sectors": [("batteries", 3)],
    }
    assert completion_summary(territory=example_territory, site="en_ligne")["total"] == 2
    assert completion_summary(territory=example_territory, site=gare)["total"] == 2


def test_services_carrying_the_barrier_tags_come_first(example_territory):
    from tests.services.factories import ServiceFactory

    plain = ServiceFactory(
        territory=example_territory, nom="A crèche", thematiques=["famille--garde-denfants"]
    )
    atypique = ServiceFactory(
        territory=example_territory,
        nom="Z garde de nuit",
        thematiques=["famille--garde-denfants"],
        tags=["garde-atypique"],
    )
    barrier = {"thematique": "famille--garde-denfants", "tags": ["garde-atypique"]}
    ordered = services_for_barriers(territory=example_territory, barriers=[barrier])[
        "famille--garde-denfants"
    ]
    tagged = ["garde-atypique" in (s.tags or []) for s in ordered]
    assert tagged == sorted(tagged, reverse=True)  # every tagged service before the others
    assert ordered.index(atypique) < ordered.index(plain)
    by_name = services_for_barriers(
        territory=example_territory, barriers=["famille--garde-denfants"]
    )["famille--garde-denfants"]
    assert by_name.index(plain) < by_name.index(atypique)


def test_services_for_an_age_group_not_chosen_are_labelled_and_never_first(example_territory):
    from espaces.services.models import Service
    from tests.services.factories import ServiceFactory

    Service.objects.filter(territory=example_territory).delete()
    jeunes = ServiceFactory(
        territory=example_territory,
        nom="A Mission locale",
        thematiques=["mobilite--preparer-un-permis"],
        publics=["jeunes"],
        conditions_acces="Avoir de 16 à 25 ans.",
        frais="gratuit",
    )
    payant = ServiceFactory(
        territory=example_territory,
        nom="B auto-école",
        thematiques=["mobilite--preparer-un-permis"],
        publics=["tous-publics"],
        frais="payant",
    )
    gratuit = ServiceFactory(
        territory=example_territory,
        nom="C garage solidaire",
        thematiques=["mobilite--preparer-un-permis"],
        publics=["tous-publics"],
        frais="gratuit",
    )
    salaries = ServiceFactory(
        territory=example_territory,
        nom="D aide aux salariés",
        thematiques=["mobilite--preparer-un-permis"],
        publics=["actifs"],
        frais="gratuit",
    )

    def order(situation):
        return services_for_barriers(
            territory=example_territory, barriers=["mobilite"], situation=situation
        )["mobilite"]

    anyone = order(None)
    assert anyone == [gratuit, payant, salaries, jeunes]  # open to all, free first; youth last
    assert anyone[-1].audience_note == "Réservé aux 16–25 ans"
    assert all(s.audience_note == "" for s in anyone[:-1])
    # employees changing careers: the services meant for « actifs » first
    assert order("actifs") == [salaries, gratuit, payant, jeunes]
    young = order("jeunes")
    assert young[0] == jeunes and young[0].audience_note == ""


def test_age_groups_are_read_from_publics_and_conditions():
    from types import SimpleNamespace

    from espaces.orientation.selectors import age_group

    def service(**kwargs):
        base = {"nom": "", "conditions_acces": "", "publics_precisions": "", "publics": []}
        return SimpleNamespace(**{**base, **kwargs})

    assert age_group(service(publics=["jeunes"])) == ("jeunes", "Pour les jeunes")
    assert age_group(service(publics=["jeunes", "demandeurs-emploi"])) is None
    assert age_group(service(nom="Permis à 1 € par jour pour les 15-25 ans")) == (
        "jeunes",
        "Réservé aux 15–25 ans",
    )
    assert age_group(service(conditions_acces="Avoir moins de 26 ans")) == (
        "jeunes",
        "Réservé aux moins de 26 ans",
    )
    assert age_group(service(publics=["seniors"]))[0] == "seniors"
    assert age_group(service(publics=["tous-publics"])) is None


# --- indexes kept per process (docs/orientation.md § Performance) ---------------------------------
def test_the_catalogue_index_is_kept_and_checked_with_one_query(
    example_territory, django_assert_num_queries
):
    from espaces.orientation.selectors import orientation_indexes

    first = orientation_indexes(territory=example_territory).local
    with django_assert_num_queries(1):
        again = orientation_indexes(territory=example_territory).local
    assert again is first


def test_the_catalogue_index_follows_every_change_of_the_sheets(example_territory):
    from espaces.catalogue.models import Metier, MetierCondition, Training
    from espaces.orientation.selectors import orientation_indexes

    def local():
        return orientation_indexes(territory=example_territory).local

    def candidate(slug):
        return next(c for c in local().candidates if c.slug == slug)

    before = local()
    # a sheet saved (its updated_at changes)
    cariste = Metier.objects.get(territory=example_territory, slug="cariste")
    cariste.title = "Cariste en entrepôt"
    cariste.save()
    assert local() is not before and candidate("cariste").title == "Cariste en entrepôt"
    # a child row added without any signal (as a pack load does)
    MetierCondition.objects.bulk_create([MetierCondition(metier=cariste, condition="bruit")])
    assert "bruit" in candidate("cariste").conditions
    # a child row edited alone in place
    training = Training.objects.filter(metier=cariste).first()
    training.duration = "3 ans"
    training.save()
    assert local().trainings["cariste"][0]["duration"] == "3 ans"
    # a sheet deleted
    Metier.objects.filter(pk=cariste.pk).delete()
    assert "cariste" not in {c.slug for c in local().candidates}
    # a project suspended elsewhere: the demand follows
    for project in Project.objects.filter(territory=example_territory):
        project.status = ProjectStatus.SUSPENDU
        project.save()
    assert all(c.projects == () for c in local().candidates)


def test_the_national_indexes_follow_the_referential(example_territory):
    from espaces.orientation.selectors import orientation_indexes
    from espaces.rome.models import RomeAppellation, RomeFiche

    appellations = orientation_indexes(territory=example_territory).appellations()
    assert appellations.recognise("nounou") == []  # no such fiche in the example referential
    fiche = RomeFiche.objects.create(code="K1310", label="Assistant maternel")
    RomeAppellation.objects.create(fiche=fiche, label="Assistant maternel")
    rebuilt = orientation_indexes(territory=example_territory).appellations()
    assert rebuilt is not appellations
    assert rebuilt.recognise("nounou")[0].rome_code == "K1310"


def test_the_whole_calculation_reads_one_query_once_the_indexes_are_built(
    example_territory, django_assert_num_queries
):
    from espaces.orientation.selectors import orientation_outcome

    questionnaire = current_questionnaire(territory=example_territory)
    answers, errors = questionnaire.validate(
        {"reparer": 2, "envies": [14, 7], "metiers-passes": "soudeuse, cariste"}
    )
    assert errors == []
    first = orientation_outcome(
        territory=example_territory, questionnaire=questionnaire, answers=answers
    )
    with django_assert_num_queries(1):
        again = orientation_outcome(
            territory=example_territory, questionnaire=questionnaire, answers=answers
        )
    assert again.results == first.results and again.passerelles == first.passerelles
    assert [r.rome_code for r in again.recognised] == ["H2913", "N1101"]
    assert "metiers-passes" not in again.stored
