import datetime as dt

import pytest

from espaces.services.enums import Nearness, Need, needs_for_thematiques
from espaces.services.models import Structure
from espaces.services.permissions import ReviewAccess
from espaces.services.selectors import (
    nearness_of,
    overdue_services_for,
    services_for_conditions,
    services_for_thematiques,
    services_near,
    services_search,
    zone_covers,
    zone_labels,
)
from espaces.territories.models import Partner
from tests.factories import TerritoryFactory
from tests.services.factories import ServiceFactory

PORT, VILLE = "99002", "99001"


def slugs(services):
    return [s.slug for s in services]


@pytest.mark.parametrize(
    ("zone", "insee", "covered"),
    [
        ([], "59183", True),
        (["59183"], "59183", True),
        (["59155"], "59183", False),
        (["59"], "59183", True),
        (["62"], "59183", False),
        (["france"], "59183", True),
        (["99100"], "59183", True),
        (["245900428"], "59183", True),  # EPCI: taken to cover the territory
    ],
)
def test_zone_covers(zone, insee, covered):
    assert zone_covers(zone, insee) is covered


def test_nearness_same_commune_then_zone_commune_then_whole_area(services):
    assert nearness_of(services["location-scooter-exemple"], PORT) == Nearness.SAME_COMMUNE
    assert nearness_of(services["aide-permis-exemple"], PORT) == Nearness.ZONE_COMMUNE
    assert nearness_of(services["bus-de-nuit-exemple"], PORT) == Nearness.WHOLE_AREA
    assert nearness_of(services["relais-petite-enfance-exemple"], PORT) is None  # not eligible
    assert nearness_of(services["bus-de-nuit-exemple"], None) is None


def test_search_orders_each_group_by_nearness(example):
    result = services_search(territory=example, needs=[Need.MOBILITE], commune=PORT)
    (group,) = result.groups
    assert group.need == Need.MOBILITE and group.label == "Me déplacer"
    assert slugs(group.services) == [
        "location-scooter-exemple",  # in Port-Exemple
        "aide-permis-exemple",  # zone lists Port-Exemple
        "bus-de-nuit-exemple",  # the whole department
    ]
    assert [s.nearness_label for s in group.services] == [
        "Dans votre commune",
        "Pour les habitants de votre commune",
        "Pour tout le territoire",
    ]


def test_search_leaves_out_services_the_commune_is_not_eligible_to(example):
    port = services_search(territory=example, needs=[Need.GARDE_ENFANTS], commune=PORT)
    ville = services_search(territory=example, needs=[Need.GARDE_ENFANTS], commune=VILLE)
    anywhere = services_search(territory=example, needs=[Need.GARDE_ENFANTS])
    assert slugs(port.groups[0].services) == ["creche-horaires-decales-exemple"]
    assert slugs(ville.groups[0].services) == ["relais-petite-enfance-exemple"]
    assert slugs(anywhere.groups[0].services) == [
        "creche-horaires-decales-exemple",
        "relais-petite-enfance-exemple",
    ]
    assert port.counts[Need.GARDE_ENFANTS] == 1 and anywhere.counts[Need.GARDE_ENFANTS] == 2


def test_search_ranks_services_answering_several_needs_first(example):
    both = ServiceFactory(
        territory=example,
        structure=Structure.objects.get(slug="reseau-bus-exemple"),
        nom="Zébulon, permis et formation",
        thematiques=["mobilite--preparer-un-permis", "se-former--trouver-sa-formation"],
    )
    result = services_search(territory=example, needs=[Need.MOBILITE, Need.FORMATION])
    mobility, training = result.groups
    assert mobility.services[0] == both  # despite its name, last in alphabetical order
    assert slugs(training.services) == [both.slug]


def test_search_groups_follow_the_page_order_and_ignore_unknown_needs(example):
    result = services_search(territory=example, needs=[Need.NUMERIQUE, "inconnu", Need.MOBILITE])
    assert [g.need for g in result.groups] == [Need.MOBILITE, Need.NUMERIQUE]
    assert slugs(result.groups[1].services) == ["atelier-numerique-exemple"]
    assert result.groups[1].count == 1


def test_search_is_scoped_to_the_territory(example):
    ServiceFactory(territory=TerritoryFactory(), thematiques=["mobilite--preparer-un-permis"])
    result = services_search(territory=example, needs=[Need.MOBILITE])
    assert len(result.groups[0].services) == 3


def test_services_for_thematiques_accepts_categories_and_full_thematiques(example):
    assert slugs(
        services_for_thematiques(territory=example, thematiques=["mobilite--preparer-un-permis"])
    ) == ["aide-permis-exemple"]
    by_category = services_for_thematiques(territory=example, thematiques=["mobilite"])
    assert set(slugs(by_category)) == {
        "aide-permis-exemple",
        "bus-de-nuit-exemple",
        "location-scooter-exemple",
    }
    # An exact thématique asked for weighs more than its category.
    mixed = services_for_thematiques(
        territory=example, thematiques=["mobilite", "mobilite--acceder-a-un-vehicule"]
    )
    assert slugs(mixed)[0] == "location-scooter-exemple"
    assert services_for_thematiques(territory=example, thematiques=[]) == []


def test_services_for_thematiques_with_commune_puts_the_nearest_first(example):
    found = services_for_thematiques(territory=example, thematiques=["mobilite"], commune=VILLE)
    assert slugs(found) == [
        "aide-permis-exemple",
        "bus-de-nuit-exemple",
        "location-scooter-exemple",
    ]
    assert [s.nearness for s in found] == [0, 0, 2]


def test_services_near_lists_everything_open_to_the_commune(example):
    assert slugs(services_near(territory=example, commune=PORT)) == [
        "creche-horaires-decales-exemple",
        "location-scooter-exemple",
        "aide-permis-exemple",
        "atelier-numerique-exemple",
        "bus-de-nuit-exemple",
    ]


def test_shift_work_calls_for_night_mobility_and_atypical_childcare(example):
    helps = services_for_conditions(territory=example, conditions=["travail_poste", "nuit"])
    assert [(h.key, slugs(h.services)) for h in helps] == [
        ("mobilite-horaires-decales", ["bus-de-nuit-exemple"]),
        ("garde-horaires-decales", ["creche-horaires-decales-exemple"]),
    ]
    assert helps[0].conditions == ["travail_poste", "nuit"]
    assert helps[0].condition_labels == [
        "du travail en équipes (2x8, 3x8)",
        "du travail de nuit",
    ]


def test_driving_licence_and_travel_conditions(example):
    helps = services_for_conditions(
        territory=example, conditions=["permis", "deplacements", "bruit"]
    )
    assert [(h.key, slugs(h.services)) for h in helps] == [
        ("permis", ["aide-permis-exemple"]),
        # A service shown for the licence is not repeated; industrial-zone services first.
        ("acces-sites", ["location-scooter-exemple", "bus-de-nuit-exemple"]),
    ]


def test_conditions_without_services_give_nothing(example):
    assert services_for_conditions(territory=example, conditions=["bruit", "chaleur"]) == []
    assert services_for_conditions(territory=example, conditions=[]) == []


def test_conditions_respect_the_commune(example):
    helps = services_for_conditions(territory=example, conditions=["weekend"], commune=VILLE)
    assert [h.key for h in helps] == ["mobilite-horaires-decales"]  # the crèche is for Port


def test_needs_for_thematiques_maps_orientation_barriers_to_page_needs():
    assert needs_for_thematiques(["mobilite"]) == [Need.MOBILITE]
    assert needs_for_thematiques(["famille--garde-denfants", "difficultes-financieres"]) == [
        Need.GARDE_ENFANTS,
        Need.ARGENT,
    ]
    assert needs_for_thematiques(["famille--soutien-aidants"]) == []


def test_zone_labels_in_words(example):
    assert zone_labels(territory=example, zone=["99002", "59", "france"]) == [
        "Port-Exemple",
        "tout le département 59",
        "toute la France",
    ]


def test_overdue_services_are_scoped_by_access(example):
    today = dt.date(2026, 3, 1)
    orphan = ServiceFactory(
        territory=example,
        structure=Structure.objects.get(slug="reseau-bus-exemple"),
        nom="Service sans partenaire",
        last_verified_on=dt.date(2024, 1, 1),
    )
    everyone = ReviewAccess(can_edit=True, can_handle_corrections=True)
    agence = ReviewAccess(
        can_edit=True,
        can_handle_corrections=False,
        partner=Partner.objects.get(slug="agence-emploi"),
    )
    usine = ReviewAccess(
        can_edit=True,
        can_handle_corrections=False,
        partner=Partner.objects.get(slug="usine-exemple"),
    )
    assert slugs(overdue_services_for(territory=example, access=everyone, today=today)) == [
        "aide-permis-exemple",  # never verified first
        "relais-petite-enfance-exemple",
        "location-scooter-exemple",  # verified in 2020
        orphan.slug,  # verified in 2024
    ]
    assert slugs(overdue_services_for(territory=example, access=agence, today=today)) == [
        "aide-permis-exemple",
        "relais-petite-enfance-exemple",
        "location-scooter-exemple",
    ]
    assert slugs(overdue_services_for(territory=example, access=usine, today=today)) == []


def test_services_devoted_to_the_need_come_before_those_touching_it(example):
    structure = Structure.objects.get(slug="reseau-bus-exemple")
    general = ServiceFactory(
        territory=example,
        structure=structure,
        nom="Aaa accompagnement global",
        thematiques=[
            "mobilite--etre-accompagne-dans-son-parcours-mobilite",
            "trouver-un-emploi--repondre-a-des-offres-demploi",
            "se-former--trouver-sa-formation",
        ],
    )
    (group,) = services_search(territory=example, needs=[Need.MOBILITE]).groups
    assert group.services[-1] == general  # first by name, last by focus
