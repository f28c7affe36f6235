"""National ROME fiches: pages, search fallback, API (the whole shipped dataset, data/rome/)."""

import pytest
from django.db import transaction

from espaces.catalogue import search
from espaces.catalogue.selectors import CatalogueFilters, catalogue_search
from tests.catalogue.conftest import copy_catalogue_pack


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker, tmp_path_factory):
    """The 1 584 national fiches (dataset) then the Dunkerque sheets, once per module, rolled
    back after it. Returns (territory, pack load report)."""
    from espaces.rome.services import rome_load_dataset
    from espaces.territories.models import Territory
    from espaces.territories.packs import load_pack

    path = copy_catalogue_pack(tmp_path_factory.mktemp("dunkerque"))
    with django_db_blocker.unblock(), transaction.atomic():
        rome_load_dataset()
        report = load_pack(path)
        search.clear_cache()
        yield Territory.objects.get(slug="dunkerque"), report
        transaction.set_rollback(True)
        search.clear_cache()


@pytest.fixture
def dunkerque(national, db):
    return national[0]


# --- pages ---------------------------------------------------------------------------------
def test_a_national_fiche_page_shows_the_official_data_and_the_local_sheet(
    dunkerque, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = client.get("/metiers/rome/H2913/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Fiche nationale" in html and "Soudeur / Soudeuse" in html
    assert "Artisan de la précision, le soudeur" in html  # definition
    assert "Cet emploi est accessible avec un diplôme de niveau CAP" in html  # access
    assert "Port et manipulation de charges lourdes ou encombrantes" in html  # work context
    assert "Assembler des éléments métalliques" in html  # a core skill
    assert "Réaliste" in html  # RIASEC
    assert "J&#x27;aime le travail manuel" in html  # centre d'intérêt
    assert 'href="/metiers/rome/H2914/"' in html  # mobility
    assert 'href="/metiers/soudeur/"' in html  # the Dunkerque sheet with this code
    assert "Source : France Travail, ROME 4.0 (version 460, 25M09 du 18/09/2025)" in html


def test_a_fiche_without_local_sheet_says_so_and_points_to_orientation(dunkerque, client):
    html = client.get("/metiers/rome/D1202/").content.decode()

    assert "Coiffeur / Coiffeuse" in html  # the aide-soignant now has a local sheet (WIDEN)
    assert "Pas encore de fiche locale pour ce métier" in html
    assert 'href="/orientation/"' in html


def test_an_unknown_code_is_a_404_and_a_lowercase_code_works(dunkerque, client):
    assert client.get("/metiers/rome/Z9999/").status_code == 404
    assert client.get("/metiers/rome/h2913/").status_code == 200


def test_the_index_lists_every_national_fiche(dunkerque, client):
    html = client.get("/metiers/rome/").content.decode()

    assert html.count('href="/metiers/rome/') == 1584
    assert "Source : France Travail, ROME 4.0" in html


def test_a_local_sheet_links_to_its_national_fiche(dunkerque, client):
    html = client.get("/metiers/soudeur/").content.decode()
    assert 'href="/metiers/rome/H2913/"' in html


# --- search ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("infirmier", "J1506"),
        ("aide soignante", "J1501"),
        ("auxiliaire de puericulture", "J1304"),
        ("boulanger", "D1102"),
        ("developpeur informatique", "M1805"),
    ],
)
def test_national_fiches_answer_everyday_jobs_without_local_sheet(dunkerque, query, code):
    found = [h.key for h in search.search_rome(query, limit=5)]
    assert code in found, found


def test_the_national_fallback_never_returns_a_partial_match(dunkerque):
    hits = search.search_rome("aide soignante")
    assert hits and all(h.matched == h.terms for h in hits)
    assert search.search_rome("zzzz qwxy") == []


def test_catalogue_list_shows_local_sheets_then_national_fiches(dunkerque):
    result = catalogue_search(territory=dunkerque, filters=CatalogueFilters(q="soudeur"))
    assert result.pks and not result.national_first
    assert "H2913" not in [f.code for f in result.national]  # the local sheet covers it

    # No local sheet for hairdressers: « à domicile » alone matches local sheets.
    query = "coiffeuse a domicile"
    result = catalogue_search(territory=dunkerque, filters=CatalogueFilters(q=query))
    assert result.national_first and result.national[0].code == "D1202"
    assert result.query_matched

    # Other filters apply to local sheets only: no national fiche then.
    filtered = CatalogueFilters(q=query, no_diploma=True)
    assert catalogue_search(territory=dunkerque, filters=filtered).national == []


def test_catalogue_page_shows_the_national_section(dunkerque, client):
    html = client.get("/metiers/?q=coiffeuse+a+domicile").content.decode()

    assert "répertoire national ROME" in html
    assert 'href="/metiers/rome/D1202/"' in html
    assert html.index('href="/metiers/rome/D1202/"') < html.index("form-comparer")


# --- API -------------------------------------------------------------------------------------
def test_api_items_carry_kind_rome_codes_and_url(dunkerque, client, django_assert_max_num_queries):
    client.get("/api/v1/metiers", {"q": "soudeur"})  # builds the indexes
    # 12 in production; 2 more here: the referential indexes check the database every time.
    with django_assert_max_num_queries(14):
        data = client.get("/api/v1/metiers", {"q": "coiffeuse a domicile", "limit": 3}).json()

    first = data["items"][0]
    assert first["kind"] == "rome" and first["slug"] == "D1202"
    assert first["rome_codes"] == ["D1202"]
    assert first["url"] == "http://testserver/metiers/rome/D1202/"
    assert data["count"] >= 3

    data = client.get("/api/v1/metiers", {"q": "soudeur"}).json()
    assert data["items"][0]["kind"] == "metier" and data["items"][0]["slug"] == "soudeur"
    assert data["items"][0]["url"] == "http://testserver/metiers/soudeur/"
    assert "H2913" not in [i["slug"] for i in data["items"] if i["kind"] == "rome"]


def test_api_count_counts_local_sheets_without_query(dunkerque, client):
    from espaces.catalogue.models import Metier

    data = client.get("/api/v1/metiers").json()
    assert data["count"] == Metier.objects.filter(territory=dunkerque).count()
    assert {i["kind"] for i in data["items"]} == {"metier"}


def test_api_rome_fiche_returns_the_whole_fiche(dunkerque, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/rome/H2913")
    data = response.json()

    assert response.status_code == 200
    assert (data["code"], data["title"], data["riasec"]) == ("H2913", "Soudeur / Soudeuse", "R")
    assert data["definition"].startswith("Artisan de la précision")
    assert data["access"].startswith("Cet emploi est accessible")
    assert {"type": "Horaires et durée du travail", "label": "Travail de nuit"} not in data[
        "work_contexts"
    ]
    assert {
        "type": "Conditions de travail et risques professionnels",
        "label": "Port et manipulation de charges lourdes ou encombrantes",
    } in data["work_contexts"]
    assert "port_charges" in data["conditions"] and "travail_poste" in data["conditions"]
    assert data["skills"]["savoir_faire"][0]["core"] is True
    assert data["skills"]["savoir_etre"]
    assert data["centres_interet"][0]["principal"] is True
    assert [m["code"] for m in data["mobilities"]][:2] == ["H1506", "H2902"]
    assert data["local_sheets"][0]["slug"] == "soudeur"
    assert len(data["appellations"]) == 16
    assert data["source"].startswith("Source : France Travail, ROME 4.0 (version 460")


def test_api_rome_unknown_code_is_a_french_404(dunkerque, client):
    response = client.get("/api/v1/rome/ZZ")
    assert response.status_code == 404
    assert "Fiche ROME « ZZ » inconnue" in response.json()["message"]


# --- conditions ------------------------------------------------------------------------------
def test_no_dunkerque_sheet_contradicts_its_rome_contexts_without_a_reason(national):
    """WIDEN item 3: every difference with the ROME work contexts carries a written reason."""
    _, report = national
    assert [str(w) for w in report.warnings] == []


def test_no_douai_lens_bethune_sheet_contradicts_its_rome_contexts(national):
    from django.conf import settings

    from espaces.territories.packs import load_pack

    report = load_pack(settings.ESPACES_PACKS_DIR / "douai-lens-bethune", dry_run=True)
    assert [str(w) for w in report.warnings if "conditions" in str(w)] == []


def test_strict_conditions_turn_a_contradiction_into_an_error_naming_file_line_field(
    national, tmp_path
):
    from espaces.territories.packs import PackValidationError, load_pack

    path = copy_catalogue_pack(tmp_path / "dk")
    metiers = path / "metiers-2.yaml"
    text = metiers.read_text(encoding="utf-8")
    bus = text.index("- slug: conducteur-bus")
    old = "  conditions: [permis, travail_poste, weekend, nuit]"
    line = text.index(old, bus)
    new = "  conditions: [permis, travail_poste, weekend]"
    metiers.write_text(text[:line] + new + text[line + len(old) :], encoding="utf-8")
    report = load_pack(path, dry_run=True)  # a warning by default
    assert [w.record for w in report.warnings] == ["conducteur-bus"]
    assert "conditions_reasons" in str(report.warnings[0])
    with pytest.raises(PackValidationError) as caught:
        load_pack(path, dry_run=True, strict_conditions=True)
    errors = [e for e in caught.value.errors if e.field == "conditions"]
    assert [(e.file, e.record) for e in errors] == [("metiers-2.yaml", "conducteur-bus")]
    assert errors[0].line and "nuit" in errors[0].message
