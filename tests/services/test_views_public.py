import datetime as dt
import re

import pytest

from espaces.services.models import Service, Structure
from tests.services.factories import ServiceFactory

SEARCH = "/lever-les-freins/"


def text(response) -> str:
    return response.content.decode()


def titles(html: str) -> list[str]:
    """Service names of the result cards, in page order."""
    return re.findall(r'<h4><a href="/lever-les-freins/services/[^"]+/">([^<]+)</a></h4>', html)


def test_search_page_shows_need_tiles_and_communes_without_javascript(client, example):
    response = client.get(SEARCH)
    html = text(response)
    assert response.status_code == 200
    assert '<form method="get" action="/lever-les-freins/#resultats"' in html
    for value, label in [
        ("me-deplacer", "Me déplacer"),
        ("faire-garder-mes-enfants", "Faire garder mes enfants"),
        ("me-loger", "Me loger"),
        ("me-former", "Me former"),
        ("ma-sante", "Ma santé"),
        ("le-numerique", "Le numérique"),
        ("lire-ecrire-compter", "Lire, écrire, compter"),
        ("argent-et-demarches", "Argent et démarches"),
    ]:
        assert f'<input type="checkbox" name="besoin" value="{value}"' in html
        assert label in html
    # One inline pictogram per tile ({% picto %}, docs/design.md).
    assert len(re.findall(r'<svg class="picto picto-[\w-]+ pictogram"', html)) == 9
    assert '<option value="99002">Port-Exemple</option>' in html
    assert "Cochez un ou plusieurs besoins" in html  # nothing searched yet
    assert "3 services" in html  # count on the « Me déplacer » tile


def test_search_groups_results_by_need_nearest_first(client, example):
    response = client.get(
        SEARCH, {"besoin": ["me-deplacer", "faire-garder-mes-enfants"], "commune": "99002"}
    )
    html = text(response)
    assert 'value="me-deplacer" id="besoin-me-deplacer" checked' in html
    assert '<option value="99002" selected>Port-Exemple</option>' in html
    assert "Les services pour les habitants de Port-Exemple" in html
    assert html.index('id="groupe-me-deplacer"') < html.index(
        'id="groupe-faire-garder-mes-enfants"'
    )
    assert titles(html) == [
        "Location de scooters au port d&#x27;exemple",
        "Aide fictive pour passer le permis B",
        "Bus de nuit d&#x27;exemple",
        "Crèche aux horaires décalés d&#x27;exemple",
    ]
    assert "Dans votre commune" in html and "Pour tout le territoire" in html
    # Each card says what it costs and how to get it.
    assert "Payant — Deux euros par jour." in html
    assert "Un professionnel qui vous accompagne" in html
    assert "Agence pour l&#x27;emploi d&#x27;exemple" in html


def test_search_page_query_count_does_not_grow_with_services(
    client, example, django_assert_max_num_queries
):
    params = {"besoin": ["me-deplacer", "ma-sante"], "commune": "99001"}
    with django_assert_max_num_queries(5):
        client.get(SEARCH, params)
    structure = Structure.objects.get(slug="reseau-bus-exemple")
    for _ in range(30):
        ServiceFactory(
            territory=example, structure=structure, thematiques=["sante--acces-aux-soins"]
        )
    with django_assert_max_num_queries(5):
        response = client.get(SEARCH, params)
    assert response.status_code == 200


def test_groups_are_paginated_with_voir_plus(client, example):
    structure = Structure.objects.get(slug="reseau-bus-exemple")
    for n in range(7):
        ServiceFactory(
            territory=example,
            structure=structure,
            nom=f"Soin {n}",
            thematiques=["sante--acces-aux-soins"],
        )
    html = text(client.get(SEARCH, {"besoin": "ma-sante"}))
    assert titles(html) == [f"Soin {n}" for n in range(5)]
    assert "Voir plus (2 autres)" in html
    assert 'href="?besoin=ma-sante&amp;page-ma-sante=2#groupe-ma-sante"' in html
    assert 'hx-select="#groupe-ma-sante"' in html  # htmx only enhances the plain link
    second = text(client.get(SEARCH, {"besoin": "ma-sante", "page-ma-sante": "2"}))
    assert titles(second) == ["Soin 5", "Soin 6"]
    assert "Services précédents" in second and "Voir plus" not in second


def test_empty_group_says_what_to_do(client, example):
    html = text(client.get(SEARCH, {"besoin": "me-loger", "commune": "99001"}))
    assert "Aucun service n'est encore référencé pour ce besoin à Ville-Exemple." in html
    assert "Parlez-en à un médiateur de l'Espace" in html
    assert 'href="/#espaces"' in html
    assert 'href="?besoin=me-loger#resultats"' in html


def test_commune_alone_shows_every_need_for_that_commune(client, example):
    html = text(client.get(SEARCH, {"commune": "99002"}))
    assert html.count('class="need-group"') == 9
    assert "Crèche aux horaires décalés" in html
    assert "Relais petite enfance" not in html  # reserved to Ville-Exemple


def test_bad_input_is_ignored_with_a_message_and_keeps_the_rest(client, example):
    response = client.get(SEARCH, {"besoin": ["me-deplacer", "voler"], "commune": "12345"})
    html = text(response)
    assert response.status_code == 200
    assert "Un des besoins demandés n&#x27;existe pas" in html  # messages are escaped variables
    assert "Cette commune n&#x27;est pas dans la liste" in html
    assert len(titles(html)) == 3  # « Me déplacer » still answered, for the whole territory


def test_service_sheet_shows_every_fact_and_what_is_unknown(client, example):
    response = client.get("/lever-les-freins/services/location-scooter-exemple/")
    html = text(response)
    assert response.status_code == 200
    assert '<h1 id="titre-service">Location de scooters au port d&#x27;exemple</h1>' in html
    assert "Accéder à un véhicule" in html  # thématique label from the package
    assert "Actifs, Demandeurs d’emploi" in html  # publics
    assert "<strong>Payant</strong> — Deux euros par jour." in html
    assert "Un professionnel qui vous accompagne" in html  # mobilisable par professionnels
    assert "Se présenter sur place" in html  # plainer than the package label
    # The structure has a phone; address, e-mail, website, hours, accessibility are unknown.
    assert 'href="tel:+33100000000"' in html
    # Street, postcode and commune all come from the structure (Ville-Exemple), not mixed
    # with the service's own commune (Port-Exemple).
    assert "<dd>1 place fictive, 99100 Ville-Exemple</dd>" in html
    # Unknown facts are absent (TRUST item 1): no placeholder, no empty heading.
    assert "à vérifier" not in html
    assert "<dt>Courriel</dt>" not in html and "<dt>Site web</dt>" not in html
    assert 'id="titre-horaires"' not in html and 'id="titre-acces"' not in html
    assert "Les médiateurs des Espaces vous mettent en relation" not in html  # it has a phone
    assert "Ces informations n'ont pas été vérifiées récemment" in html  # 2020
    assert "Dernière vérification : <strong>15 janvier 2020</strong>" in html
    assert "Journal d&#x27;exemple" in html  # its source
    assert "Pour les habitants de : tout le département 99." in html


def test_service_sheet_without_contact_routes_to_the_espaces_once(client, example):
    structure = Structure.objects.get(slug="reseau-bus-exemple")
    service = ServiceFactory(
        territory=example, structure=structure, mobilisable_par=[], modes_mobilisation=[]
    )
    Structure.objects.filter(pk=structure.pk).update(site_web="")
    html = text(client.get(f"/lever-les-freins/services/{service.slug}/"))
    for label in ["Téléphone", "Courriel", "Site web", "Personne à contacter"]:
        assert f"<dt>{label}</dt>" not in html, label
    assert "à vérifier" not in html
    assert html.count("Les médiateurs des Espaces vous mettent en relation") == 1
    assert '<a href="/nous-trouver/">Les médiateurs des Espaces' in html
    assert "Cette fiche n'a pas encore été vérifiée" in html


def test_fresh_service_sheet_has_no_warning(client, example):
    html = text(client.get("/lever-les-freins/services/bus-de-nuit-exemple/"))
    assert "vérifiées récemment" not in html
    assert "1er septembre 2025" in html
    assert "Vous-même, ou un professionnel" in html


def test_service_sheet_query_count(client, example, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/lever-les-freins/services/aide-permis-exemple/")
    assert response.status_code == 200
    assert "Ville-Exemple, Port-Exemple" in text(response)


def test_unknown_or_other_territory_service_is_404(client, example):
    assert client.get("/lever-les-freins/services/inconnu/").status_code == 404


@pytest.mark.parametrize("width_rules", ["@media (max-width: 24rem)", "@media (min-width: 75rem)"])
def test_stylesheet_has_phone_and_kiosk_layouts(client, example, width_rules):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("services/services.css")).read_text(encoding="utf-8")
    assert width_rules in css
    html = text(client.get(SEARCH))
    assert 'href="/static/services/services.css"' in html


def test_imported_service_is_labelled_with_its_origin(client, example):
    structure = Structure.objects.get(slug="reseau-bus-exemple")
    service = ServiceFactory(
        territory=example,
        structure=structure,
        source_system="dora",
        external_id="42",
        date_maj=dt.date(2025, 2, 14),
        lien_source="https://dora.example.org/services/42",
    )
    html = text(client.get(f"/lever-les-freins/services/{service.slug}/"))
    assert "Fiche importée de « dora », mise à jour le 14 février 2025" in html
    assert Service.objects.get(pk=service.pk).is_imported


# --- content in English (docs/accessibility.md « Languages ») ------------------------------------
def test_service_sheet_in_english_shows_its_translation_else_french_marked(client, services):
    client.cookies["django_language"] = "en"
    html = text(client.get("/lever-les-freins/services/bus-de-nuit-exemple/"))
    assert '<h1 id="titre-service">Example night bus</h1>' in html
    assert '<p class="lead">Example bus network</p>' in html
    assert "A fictional bus that runs all night" in html
    other = text(client.get("/lever-les-freins/services/aide-permis-exemple/"))
    assert (
        '<h1 id="titre-service"><span lang="fr">Aide fictive pour passer le permis B</span></h1>'
        in other
    )
    results = text(client.get(SEARCH, {"besoin": "me-deplacer"}))
    assert ">Example night bus</a></h4>" in results
    assert '<span lang="fr">Aide fictive pour passer le permis B</span></a></h4>' in results


def test_service_sheet_stays_french_by_default(client, services):
    html = text(client.get("/lever-les-freins/services/bus-de-nuit-exemple/"))
    assert '<h1 id="titre-service">Bus de nuit d&#x27;exemple</h1>' in html
    assert "Example night bus" not in html
