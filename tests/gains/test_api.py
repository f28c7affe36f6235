"""POST /api/v1/simulations/emploi: the contract of interfaces.md, French 422s, never a 500."""

import json

import pytest

from espaces.gains import engine

# OpenFisca-France loads once per process (about 10 s of CPU): its tests share a worker.
pytestmark = pytest.mark.xdist_group("openfisca")

URL = "/api/v1/simulations/emploi"


def post(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


BODY = {
    "month": "2026-06",
    "household": {
        "couple": False,
        "children_ages": [4],
        "housing": "locataire",
        "rent": 520,
        "commune": "59183",
    },
    "person": {"age": 31},
    "salaries": [900, 1850],
}


def test_answer_has_the_documented_shape_and_the_engine_figures(client, settings_example):
    response = post(client, BODY)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["month"] == "2026-06"
    assert data["engine"] == engine.engine_info()
    keys = {
        "gross",
        "net",
        "rsa",
        "prime_activite",
        "aide_logement",
        "prestations_familiales",
        "total",
    }
    assert set(data["baseline"]) == keys
    assert [s["gross"] for s in data["scenarios"]] == [900, 1850]
    direct = engine.simulate(
        month="2026-06",
        household=engine.Household(
            children_ages=(4,), housing="locataire", rent=520, commune="59183"
        ),
        person=engine.Person(age=31),
        salaries=[900.0, 1850.0],
    )
    assert data["baseline"] == direct.baseline.as_dict()
    assert data["scenarios"] == [s.as_dict() for s in direct.scenarios]
    assert data["baseline"]["gross"] == 0 and data["baseline"]["net"] == 0


def test_month_defaults_to_the_current_one(client, settings_example):
    body = {**BODY, "salaries": [1200]}
    body.pop("month")
    assert post(client, body).json()["month"] == engine.current_month()


@pytest.mark.parametrize(
    "change",
    [
        {"month": "2026-13"},
        {"month": "1850-01"},
        {"person": {"age": 5}},
        {"person": {}},
        {"salaries": []},
        {"salaries": [-1]},
        {"salaries": ["beaucoup"]},
        {"household": {**BODY["household"], "housing": "chateau"}},
        {"household": {**BODY["household"], "commune": "Dunkerque"}},
        {"household": {**BODY["household"], "children_ages": [40]}},
        {"household": {**BODY["household"], "rent": -3}},
    ],
)
def test_bad_input_is_a_french_422(client, settings_example, change):
    response = post(client, {**BODY, **change})
    assert response.status_code == 422, response.content
    message = response.json()["message"]
    assert message.startswith("Données invalides")


def test_broken_json_is_a_4xx_never_a_500(client, settings_example):
    response = client.post(URL, data="{pas du json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "message" in response.json()


def test_openapi_documents_the_route(client, settings_example):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/simulations/emploi" in schema["paths"]
