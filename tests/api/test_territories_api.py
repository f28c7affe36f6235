def test_territory_endpoint_returns_sites_and_sourced_headline(client, example_territory):
    response = client.get("/api/v1/territory?territory=exemple")
    assert response.status_code == 200
    data = response.json()
    assert data["slug"] == "exemple"
    assert [s["slug"] for s in data["sites"]] == ["centre", "gare"]
    assert data["sites"][0]["opened_on"] == "2024-10"
    assert data["headline"]["value"] == 1500
    assert data["headline"]["components"][0] == {
        "value": 1000,
        "label": "emplois directs d'ici 2030",
        "as_of": "2024-05",
        "source": {
            "title": "Communiqué fictif de la communauté d'exemple",
            "publisher": "Communauté d'exemple",
            "url": "https://example.org/communique",
            "date": "2024-05-02",
        },
    }


def test_projects_endpoint_keeps_every_dated_figure(client, example_territory):
    data = client.get("/api/v1/projects?territory=exemple").json()
    project = next(p for p in data if p["slug"] == "gigafactory-exemple")
    assert project["direct_jobs"] == 1000
    assert [(f["value"], f["as_of"]) for f in project["figures"] if f["kind"] == "direct_jobs"] == [
        (1200, "2022-02"),
        (1000, "2024-05-02"),
    ]
    assert project["status"] == "en_construction"
    assert next(p for p in data if p["slug"] == "recyclage-exemple")["status"] == "suspendu"


def test_unknown_territory_is_a_french_json_404(client, example_territory):
    response = client.get("/api/v1/projects?territory=atlantide")
    assert response.status_code == 404
    assert response.json() == {"message": "Territoire inconnu."}


def test_openapi_document_lists_the_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/territory" in paths and "/api/v1/projects" in paths


def test_docs_page_uses_no_cdn(client, db):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in html and "unpkg" not in html
