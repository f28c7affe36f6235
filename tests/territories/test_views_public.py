import pytest


@pytest.fixture
def client_example(client, settings_example):
    return client


def test_home_shows_headline_projects_sources_and_sites(
    client_example, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = client_example.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html  # skip link
    assert "1\u202f500" in html  # headline with French thousands separator
    assert "Gigafactory d&#x27;exemple" in html
    assert "Suspendu" in html
    assert "Communiqué fictif" not in html or "Communauté d&#x27;exemple" in html
    assert "Journal d&#x27;exemple" in html  # sources are shown
    assert 'class="chart-bars" role="img"' in html and "<table" in html  # chart and its table
    assert "Espace de la gare" in html


def test_home_chart_text_alternative_lists_every_value(client_example):
    html = client_example.get("/").content.decode()
    assert "Gigafactory d&#x27;exemple : 1\u202f000" in html
    # A suspended project is not counted among those hiring (TRUST item 4).
    assert "Usine de recyclage d&#x27;exemple : 300" not in html
    assert "Gigafactory d&#x27;exemple : 1\u202f000 (En construction à l&#x27;horizon 2027)" in html


def test_projects_page_shows_every_figure_with_its_date(client_example):
    html = client_example.get("/projets/").content.decode()
    assert "1\u202f200" in html and "février 2022" in html
    assert "1,5\u00a0Md€" in html
    assert "novembre 2023" in html


def test_territory_from_host_name(client, example_territory, settings):
    settings.ESPACES_TERRITORY = "dunkerque"  # not loaded: the host decides
    response = client.get("/", HTTP_HOST="exemple.localhost")
    assert response.status_code == 200
    assert "Exemple" in response.content.decode()


def test_home_without_any_territory_is_a_clear_404(client, db):
    response = client.get("/")
    assert response.status_code == 404
