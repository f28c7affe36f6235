"""Reads of the catalogue: filters in the database, recruiting volumes, sorts."""

from django.http import QueryDict

from espaces.catalogue.models import Metier
from espaces.catalogue.selectors import (
    CatalogueFilters,
    catalogue_search,
    filtered_metiers,
    recruiting_volumes,
)
from espaces.territories.models import Project


def slugs(territory, pks):
    by_pk = dict(Metier.objects.filter(territory=territory).values_list("pk", "slug"))
    return [by_pk[pk] for pk in pks]


def test_filters_from_query_keep_known_values_only(example_territory):
    params = QueryDict(
        "q=+soudure++x&secteur=batteries&secteur=lune&eviter=nuit&eviter=nuit&sans_diplome=on&tri=bof"
    )
    filters, ignored = CatalogueFilters.from_query(params, sector_slugs={"batteries"})
    assert filters.q == "soudure x"
    assert filters.sectors == ["batteries"] and filters.avoid == ["nuit"]
    assert filters.no_diploma is True and filters.sort == ""
    assert ignored == ["lune"]
    assert filters.effective_sort == "pertinence"
    assert CatalogueFilters().effective_sort == "recrutements"


def test_conditions_to_avoid_are_excluded_in_the_database(
    example_territory, django_assert_num_queries
):
    filters = CatalogueFilters(avoid=["nuit", "chaleur"])
    with django_assert_num_queries(1):
        found = set(
            filtered_metiers(territory=example_territory, filters=filters).values_list(
                "slug", flat=True
            )
        )
    assert found == {"cariste"}


def test_recruiting_volumes_use_latest_figures_of_active_projects(example_territory):
    volumes, counts = recruiting_volumes(territory=example_territory)
    by_slug = {m.slug: m.pk for m in Metier.objects.filter(territory=example_territory)}
    # The gigafactory's latest direct-jobs figure is 1 000 (2024), not 1 200 (2022); the
    # suspended recycling plant counts for nothing.
    assert volumes[by_slug["cariste"]] == 1000 and counts[by_slug["cariste"]] == 1
    assert by_slug["docker"] not in volumes


def test_most_recruited_first_then_alphabetical(example_territory):
    result = catalogue_search(territory=example_territory, filters=CatalogueFilters())
    assert slugs(example_territory, result.pks) == [
        "cariste",
        "operateur-batteries",
        "soudeur",
        "docker",
    ]
    Project.objects.filter(slug="gigafactory-exemple").update(status="suspendu")
    result = catalogue_search(territory=example_territory, filters=CatalogueFilters())
    assert slugs(example_territory, result.pks) == [
        "cariste",
        "docker",
        "operateur-batteries",
        "soudeur",
    ]


def test_search_keeps_relevance_order_within_filters(example_territory):
    filters = CatalogueFilters(q="conteneur port", sectors=["logistique-port"])
    result = catalogue_search(territory=example_territory, filters=filters)
    assert slugs(example_territory, result.pks)[0] == "docker"
    nothing = catalogue_search(
        territory=example_territory, filters=CatalogueFilters(q="astronaute")
    )
    assert nothing.count == 0 and not nothing.query_matched
    assert nothing.suggestions == []  # no title close enough: no filler
    typo = catalogue_search(territory=example_territory, filters=CatalogueFilters(q="dokcer"))
    assert [m.slug for m in typo.suggestions] == ["docker"]
