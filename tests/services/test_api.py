"""GET /api/v1/services and /structures: the data·inclusion v1 shape, checked with the
package's own pydantic models."""

import pytest
from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure

URL = "/api/v1/services"


def get(client, **params):
    return client.get(URL, {"territory": "exemple", **params})


def test_every_exported_service_validates_against_the_schema(client, example):
    response = get(client)
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 6
    for item in data:
        DIService.model_validate(item, context={"ignore_warnings": False})
    permis = next(s for s in data if s["id"] == "aide-permis-exemple")
    assert permis["source"] == "espaces-exemple"
    assert permis["structure_id"] == "agence-emploi-exemple"
    assert permis["thematiques"] == [
        "mobilite--financer-ma-mobilite",
        "mobilite--preparer-un-permis",
    ]
    assert permis["zone_eligibilite"] == ["99001", "99002"]
    assert permis["frais"] == "gratuit" and permis["type"] == "aide-financiere"
    assert permis["mobilisable_par"] == ["professionnels", "usagers"]
    assert permis["courriel"] is None and permis["telephone"] is None  # blanks are null
    assert (
        permis["lien_source"] == "http://testserver/lever-les-freins/services/aide-permis-exemple/"
    )
    assert permis["date_maj"]  # ISO date


def test_structure_ids_point_to_exported_structures(client, example):
    services = get(client).json()
    structures = client.get("/api/v1/structures", {"territory": "exemple"}).json()
    for item in structures:
        DIStructure.model_validate(item, context={"ignore_warnings": False})
    ids = {(s["source"], s["id"]) for s in structures}
    assert {(s["source"], s["structure_id"]) for s in services} <= ids
    agence = next(s for s in structures if s["id"] == "agence-emploi-exemple")
    assert agence["commune"] == "Ville-Exemple" and agence["code_insee"] == "99001"


@pytest.mark.parametrize(
    ("thematique", "expected"),
    [
        ("mobilite", {"aide-permis-exemple", "bus-de-nuit-exemple", "location-scooter-exemple"}),
        ("mobilite--preparer-un-permis", {"aide-permis-exemple"}),
        ("famille", {"creche-horaires-decales-exemple", "relais-petite-enfance-exemple"}),
        ("logement-hebergement", set()),
    ],
)
def test_thematique_filter_takes_a_category_or_a_full_thematique(
    client, example, thematique, expected
):
    response = get(client, thematique=thematique)
    assert response.status_code == 200
    assert {s["id"] for s in response.json()} == expected


def test_commune_filter_keeps_eligible_services_nearest_first(client, example):
    data = get(client, thematique="mobilite", commune="99002").json()
    assert [s["id"] for s in data] == [
        "location-scooter-exemple",
        "aide-permis-exemple",
        "bus-de-nuit-exemple",
    ]
    everything = get(client, commune="99001").json()
    assert "creche-horaires-decales-exemple" not in {s["id"] for s in everything}
    assert len(everything) == 5


def test_unknown_thematique_is_422_naming_the_allowed_values(client, example):
    response = get(client, thematique="transport")
    assert response.status_code == 422
    body = response.json()
    assert body["erreurs"][0]["champ"] == "thematique"
    assert "valeur « transport » inconnue. Valeurs permises" in body["message"]
    assert "mobilite" in body["message"] and "mobilite--preparer-un-permis" in body["message"]


def test_unknown_commune_is_422_naming_the_communes(client, example):
    response = get(client, commune="59183")
    assert response.status_code == 422
    message = response.json()["message"]
    assert "commune « 59183 » inconnue" in message
    assert "99001 (Ville-Exemple), 99002 (Port-Exemple)" in message


def test_unknown_territory_is_404(client, example):
    response = client.get(URL, {"territory": "atlantide"})
    assert response.status_code == 404
    assert response.json() == {"message": "Territoire inconnu."}


def test_service_list_query_count(client, example, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert get(client, commune="99002").status_code == 200


def test_openapi_documents_the_services_endpoint(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/services" in paths and "/api/v1/structures" in paths
    params = {p["name"] for p in paths["/api/v1/services"]["get"]["parameters"]}
    assert {"thematique", "commune"} <= params
