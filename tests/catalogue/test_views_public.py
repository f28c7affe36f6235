"""Public pages: catalogue list (search, filters, sorts, pagination), sheet, compare, print."""

import re

import pytest

from espaces.catalogue import search
from espaces.catalogue.models import Metier

ALL_FILTERS = (
    "/metiers/?q=maintenance&secteur=maintenance-industrielle&secteur=nucleaire&niveau=cap_bep"
    "&niveau=bac&sans_diplome=1&eviter=nuit&eviter=weekend&recrute=1&tri=recrutements"
)


@pytest.fixture
def client_example(client, settings_example):
    return client


def card_titles(html):
    return re.findall(r'<h3><a href="/metiers/([a-z0-9-]+)/">', html)


def test_list_shows_every_sheet_with_count_and_accessible_filters(
    client_example, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client_example.get("/metiers/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-live="polite"' in html and "4 métiers" in html
    assert "<legend>Secteur</legend>" in html and "<legend>Je préfère éviter</legend>" in html
    assert '<label for="eviter-nuit">Travail de nuit</label>' in html
    assert "Travail en équipes (2x8, 3x8)" in html
    assert "espaces/catalogue.css" in html
    # Most recruited first: the gigafactory (1 000 jobs) recruits three of them; the docker none.
    assert card_titles(html)[-1] == "docker"


def test_list_pins_its_query_count_with_all_filters_on_dunkerque(
    dunkerque_db, client, django_assert_max_num_queries
):
    client.get("/metiers/?q=soudeur")  # builds the search index once
    with django_assert_max_num_queries(9):
        response = client.get(ALL_FILTERS)
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/metiers/?page=3").status_code == 200


def test_search_box_finds_without_accents_and_typos(client_example):
    html = client_example.get("/metiers/?q=chariot+elevateur").content.decode()
    assert card_titles(html)[0] == "cariste"
    assert "1 métier pour « chariot elevateur »" in html
    assert "Recherche : « chariot elevateur »" in html  # active filter shown
    assert card_titles(client_example.get("/metiers/?q=soudur").content.decode()) == ["soudeur"]


def test_query_without_result_shows_closest_jobs_and_orientation_link(client_example):
    response = client_example.get("/metiers/?q=sodeurr")  # two typos on a short word
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nous n'avons pas trouvé « sodeurr »" in html
    assert card_titles(html) == ["soudeur"]  # the close title only
    assert 'href="/orientation/"' in html


def test_nonsense_query_shows_no_job_and_offers_orientation_and_the_espaces(client_example):
    search.clear_cache()  # no national index left by another test module
    for query in ("zorglubien", "xqzwv blablabla"):  # real jobs may have a national fiche
        html = client_example.get("/metiers/", {"q": query}).content.decode()
        assert f"Nous n'avons pas trouvé « {query} »" in html
        assert card_titles(html) == []  # no unrelated job to fill the page
        assert "Aucun métier de notre territoire ne correspond à ces mots." in html
        assert 'href="/orientation/"' in html and 'href="/#espaces"' in html


def test_conditions_to_avoid_are_filtered(client_example):
    html = client_example.get("/metiers/?eviter=nuit").content.decode()
    assert sorted(card_titles(html)) == ["cariste", "soudeur"]
    html = client_example.get("/metiers/?eviter=nuit&eviter=weekend").content.decode()
    assert card_titles(html) == ["soudeur"]
    assert "Sans : travail de nuit" in html  # active filters listed, removable
    assert 'href="/metiers/?eviter=weekend"' in html


def test_other_filters_and_alphabetical_sort(client_example):
    html = client_example.get("/metiers/?secteur=batteries&tri=alpha").content.decode()
    assert card_titles(html) == ["cariste", "operateur-batteries", "soudeur"]
    assert card_titles(client_example.get("/metiers/?niveau=bac").content.decode()) == [
        "operateur-batteries"
    ]
    recruiting = card_titles(client_example.get("/metiers/?recrute=1").content.decode())
    assert "docker" not in recruiting and len(recruiting) == 3
    assert card_titles(
        client_example.get("/metiers/?sans_diplome=1&niveau=sans_diplome").content.decode()
    ) == ["cariste", "docker"]


def test_unknown_filter_values_are_ignored_with_a_message(client_example):
    response = client_example.get("/metiers/?secteur=lune&niveau=doctorat&page=zzz")
    html = response.content.decode()
    assert response.status_code == 200
    assert "n'ont pas été pris en compte : lune, doctorat" in html
    assert "4 métiers" in html


def test_empty_state_when_filters_exclude_everything(client_example):
    html = client_example.get("/metiers/?niveau=bac_5").content.decode()
    assert "Aucun métier ne correspond à tous ces choix" in html
    assert 'href="/orientation/"' in html


def test_htmx_request_gets_only_the_results(client_example):
    response = client_example.get("/metiers/?q=docker", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="resultats"' in html and 'hx-swap-oob="innerHTML"' in html
    assert card_titles(html) == ["docker"]


def test_pagination_twelve_per_page(dunkerque_db, client):
    first = client.get("/metiers/").content.decode()
    count = Metier.objects.filter(territory=dunkerque_db).count()
    pages = -(-count // 12)
    assert count >= 100 and pages >= 9
    assert f"{count} métiers" in first and f"page 1 sur {pages}" in first
    assert len(card_titles(first)) == 12
    last = client.get(f"/metiers/?page={pages}").content.decode()
    assert len(card_titles(last)) == count - 12 * (pages - 1)
    assert set(card_titles(first)).isdisjoint(card_titles(last))
    assert f'aria-current="page">{pages}<' in last


def test_sheet_shows_everything_a_visitor_needs(client_example, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):  # + the sheet's photo (pack identity)
        response = client_example.get("/metiers/cariste/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="titre-metier">Cariste' in html
    assert "Accessible sans diplôme après une formation financée de 1 mois." in html
    assert "1\u202f900 à 2\u202f100 € brut par mois" in html  # sourced salary with its source
    assert "Communauté d&#x27;exemple" in html
    assert "Gigafactory d&#x27;exemple" in html and "1\u202f000" in html  # project figure
    # Its other project is suspended: not among those hiring (TRUST item 4).
    assert "Usine de recyclage" not in html.split('id="titre-recrutent"')[1].split("</section>")[0]
    assert "N1101" in html and "Appellations du ROME" in html
    assert "Conducteur / Conductrice de chariot élévateur de l&#x27;armée" in html
    assert "Fiche relue le 1 mars 2024" in html
    assert 'href="/metiers/cariste/imprimer/"' in html
    assert 'action="/metiers/comparer/"' in html


def test_sheet_without_salary_leaves_it_out(client_example):
    html = client_example.get("/metiers/operateur-batteries/").content.decode()
    assert 'id="titre-salaire"' not in html  # unknown: absent, no placeholder
    assert "Salaire : à vérifier" not in html
    assert 'href="/nous-trouver/"' in html
    assert "Portrait d'illustration" in html
    assert "Travail de nuit" in html and "Une journée de travail" in html


def test_unknown_sheet_is_404(client_example):
    assert client_example.get("/metiers/astronaute/").status_code == 404
    assert client_example.get("/metiers/astronaute/imprimer/").status_code == 404


def test_compare_two_or_three_jobs_side_by_side(client_example):
    response = client_example.get("/metiers/comparer/?m=cariste&m=docker&m=soudeur")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Comparaison de 3 métiers" in html
    assert html.index("/metiers/cariste/") < html.index("/metiers/docker/")
    assert "Port de charges lourdes" in html


def test_compare_refuses_one_or_more_than_three(client_example):
    one = client_example.get("/metiers/comparer/?m=cariste")
    assert one.status_code == 200
    assert "Choisissez encore un ou deux métiers" in one.content.decode()
    assert 'value="cariste" id="choix-cariste" checked' in one.content.decode()
    four = client_example.get(
        "/metiers/comparer/?m=cariste&m=docker&m=soudeur&m=operateur-batteries"
    )
    assert four.status_code == 400
    assert "on peut en comparer 3 au plus" in four.content.decode()


def test_printable_sheet_has_an_inline_qr_code_to_the_absolute_url(client_example):
    response = client_example.get("/metiers/docker/imprimer/", HTTP_HOST="exemple.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "http://exemple.localhost/metiers/docker/" in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    ).replace("http://exemple.localhost/metiers/docker/", "")  # no external request
    assert "@media print" not in html and "catalogue.css" in html


# --- content in English (docs/accessibility.md « Languages ») ------------------------------------
def test_job_sheet_in_english_shows_its_translation_and_marks_french_leftovers(client_example):
    client_example.cookies["django_language"] = "en"
    html = client_example.get("/metiers/operateur-batteries/").content.decode()
    assert '<html lang="en">' in html
    assert "<title>Battery production operator" in html
    assert '<h1 id="titre-metier">Battery production operator</h1>' in html
    assert "You work in a factory that makes batteries for electric cars." in html
    assert '<ol class="day-tasks"><li>You read the notes of the team before you.</li>' in html
    assert "<li>Shift work, including nights.</li>" in html
    assert "Vous travaillez dans une usine" not in html
    # Never translated (training titles, portraits): French, marked as such.
    assert '<h3 lang="fr">Titre professionnel conducteur' in html
    assert '<blockquote lang="fr"><p>Léa travaillait' in html


def test_job_sheet_without_translation_is_french_marked_lang_fr_in_english(client_example):
    client_example.cookies["django_language"] = "en"
    html = client_example.get("/metiers/cariste/").content.decode()
    assert (
        '<h1 id="titre-metier"><span lang="fr">Cariste (conducteur / conductrice de chariot '
        "élévateur)</span></h1>"
    ) in html
    assert '<p class="lead"><span lang="fr">Vous conduisez un chariot élévateur' in html
    assert '<ol class="day-tasks" lang="fr">' in html
    # The list of jobs: the translated title, the others marked.
    listing = client_example.get("/metiers/").content.decode()
    assert ">Battery production operator</a></h3>" in listing
    assert '<span lang="fr">Soudeur / Soudeuse</span></a></h3>' in listing


def test_job_sheet_stays_french_and_unmarked_by_default(client_example):
    html = client_example.get("/metiers/operateur-batteries/").content.decode()
    assert '<html lang="fr">' in html
    assert '<h1 id="titre-metier">Opérateur / Opératrice de fabrication de batteries</h1>' in html
    assert '<ol class="day-tasks"><li>Vous lisez les consignes' in html
    assert "Battery production operator" not in html
    assert 'lang="fr">' not in html.split("<main", 1)[1]


def test_translated_text_is_escaped(client_example):
    metier = Metier.objects.get(slug="operateur-batteries")
    metier.translations["en"]["title"] = "<script>alert(1)</script>"
    metier.save()
    client_example.cookies["django_language"] = "en"
    html = client_example.get("/metiers/operateur-batteries/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
