"""GET /api/v1/metiers, /api/v1/metiers/{slug}, /api/v1/rome/search."""

import pytest


@pytest.fixture
def api(client, settings_example):
    return client


def test_list_shape_follows_the_interface(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = api.get("/api/v1/metiers")
    data = response.json()
    assert response.status_code == 200
    assert data["count"] == 4 and len(data["items"]) == 4
    item = next(i for i in data["items"] if i["slug"] == "cariste")
    assert item["rome_codes"] == ["N1101"]
    assert item["sectors"] == ["batteries", "logistique-port"]
    assert item["entry_level"] == "sans_diplome" and item["open_without_diploma"] is True
    assert item["url"] == "http://testserver/metiers/cariste/"
    assert item["recruiting_projects"] == 1  # the suspended project does not count
    assert {"slug", "title", "rome_codes", "summary", "conditions"} <= set(item)


def test_query_returns_best_match_first(api):
    data = api.get("/api/v1/metiers", {"q": "souder"}).json()
    assert data["items"][0]["slug"] == "soudeur"
    assert data["items"][0]["score"] > 0
    data = api.get("/api/v1/metiers", {"q": "chariot elevateur", "limit": 1}).json()
    assert [i["slug"] for i in data["items"]] == ["cariste"] and data["count"] >= 1


def test_filters_and_limit(api):
    data = api.get("/api/v1/metiers", {"sector": "logistique-port", "no_diploma": "true"}).json()
    assert [i["slug"] for i in data["items"]] == ["cariste", "docker"]
    data = api.get("/api/v1/metiers", {"level": "bac"}).json()
    assert [i["slug"] for i in data["items"]] == ["operateur-batteries"]
    data = api.get("/api/v1/metiers", {"limit": 2}).json()
    assert data["count"] == 4 and len(data["items"]) == 2
    data = api.get("/api/v1/metiers", {"q": "soudure", "sector": "logistique-port"}).json()
    assert data["count"] == 0


def test_no_result_gives_suggestions(api):
    data = api.get("/api/v1/metiers", {"q": "sodeurr"}).json()
    assert data["count"] == 0 and data["items"] == []
    assert [s["slug"] for s in data["suggestions"]] == ["soudeur"]


def test_nonsense_gives_neither_result_nor_filler(api):
    data = api.get("/api/v1/metiers", {"q": "boulanger"}).json()
    assert (data["count"], data["items"], data["suggestions"]) == (0, [], [])


@pytest.mark.parametrize(
    ("params", "text"),
    [
        ({"level": "doctorat"}, "level : valeur « doctorat » inconnue"),
        ({"limit": "abc"}, "limit : nombre entier attendu"),
        ({"limit": "0"}, "entre 1 et 100"),
        ({"limit": "1000"}, "entre 1 et 100"),
        ({"no_diploma": "peut-etre"}, "no_diploma : true ou false attendu"),
        ({"sector": "lune"}, "sector : secteur « lune » inconnu"),
        ({"q": "x" * 300}, "q : 200 caractères au plus"),
    ],
)
def test_bad_parameters_are_422_in_french(api, params, text):
    response = api.get("/api/v1/metiers", params)
    assert response.status_code == 422
    assert text in response.json()["message"]


def test_one_sheet_in_full(api):
    response = api.get("/api/v1/metiers/cariste")
    data = response.json()
    assert response.status_code == 200
    assert data["salary"]["min"] == 1900 and data["salary"]["as_of"] == "2024-05"
    assert data["salary"]["source"]["publisher"] == "Communauté d'exemple"
    assert [p["slug"] for p in data["projects"]] == ["gigafactory-exemple", "recyclage-exemple"]
    gigafactory = data["projects"][0]
    assert (gigafactory["jobs"], gigafactory["jobs_as_of"]) == (1000, "2024-05-02")
    assert data["rome"][0]["code"] == "N1101"
    assert (
        "Conducteur / Conductrice de chariot élévateur de l'armée"
        in data["rome"][0]["appellations"]
    )
    assert data["conditions_labels"] == ["Travail le week-end", "Port de charges lourdes"]
    assert len(data["day_tasks"]) == 4
    docker = api.get("/api/v1/metiers/docker").json()
    assert docker["salary"] is None and docker["reviewed_on"] is None


def test_unknown_sheet_is_404_in_french(api):
    response = api.get("/api/v1/metiers/astronaute")
    assert response.status_code == 404
    assert response.json() == {"message": "Aucune fiche métier « astronaute » dans ce territoire."}


def test_unknown_territory_is_404(api):
    response = api.get("/api/v1/metiers", {"territory": "atlantide"})
    assert response.status_code == 404


def test_rome_search_over_appellations(api):
    response = api.get("/api/v1/rome/search", {"q": "soudeur", "limit": 3})
    data = response.json()
    assert response.status_code == 200
    assert data["count"] == 3
    assert data["items"][0] == {
        "label": "Soudeur / Soudeuse",
        "code_ogr": None,
        "classification": "PRINCIPALE",
        "fiche_code": "H2913",
        "fiche_label": "Soudeur / Soudeuse",
    }
    data = api.get("/api/v1/rome/search", {"q": "chariot elevateur"}).json()
    assert data["items"][0]["fiche_code"] == "N1101"


@pytest.mark.parametrize("params", [{}, {"q": "  "}, {"q": "soudeur", "limit": "x"}])
def test_rome_search_bad_parameters_are_422(api, params):
    response = api.get("/api/v1/rome/search", params)
    assert response.status_code == 422
    assert response.json()["message"]


def test_openapi_documents_the_catalogue(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/metiers", "/api/v1/metiers/{slug}", "/api/v1/rome/search"} <= set(paths)
