"""Public side: « Qui recrute maintenant », one offer, and the open offers shown on job
sheets, orientation results and agenda sessions."""

import pytest
from django.utils.html import escape

from espaces.orientation.models import OrientationResult
from espaces.recruitment.models import Offer

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_who_is_hiring_lists_open_offers_and_says_to_come_to_the_espace(client, world):
    page = html(client.get("/qui-recrute/"))
    assert "Soudeur" in page and "Cariste" in page
    assert "Venez à l&#x27;Espace pour postuler" in page or "Venez à l'Espace pour postuler" in page
    assert "<form" in page and 'method="post"' not in page  # no application from here


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("contrat=cdi", "Soudeur", "Cariste"),
        ("rome=N1101", "Cariste", "Soudeur"),
        ("secteur=logistique-port", "Cariste", "Soudeur"),
    ],
)
def test_filters(client, world, query, present, absent):
    Offer.objects.filter(pk=world.offer_y.pk).update(
        metier=_metier(world, "cariste"), contract="cdd"
    )
    page = html(client.get(f"/qui-recrute/?{query}"))
    assert f">{present}<" in page and f">{absent}<" not in page


def _metier(world, slug):
    from espaces.catalogue.models import Metier

    return Metier.objects.get(territory=world.territory, slug=slug)


def test_list_page_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    from .factories import OfferFactory

    for n in range(15):
        OfferFactory(employer=world.employer_x, title=f"Offre {n}")
    with django_assert_max_num_queries(12):
        page = html(client.get("/qui-recrute/"))
    assert "17 offres ouvertes" in page


def test_offer_page_links_its_job_dating(client, world):
    from tests.events.factories import SessionFactory

    session = SessionFactory(territory=world.territory, title="Job dating soudure")
    Offer.objects.filter(pk=world.offer_x.pk).update(job_dating=session)
    page = html(client.get(f"/qui-recrute/{world.offer_x.pk}/"))
    assert f'href="/agenda/seances/{session.pk}/"' in page
    agenda = html(client.get(f"/agenda/seances/{session.pk}/"))
    assert f'href="/qui-recrute/{world.offer_x.pk}/">Soudeur</a>' in agenda


def test_closed_offer_page_is_404(client, world):
    Offer.objects.filter(pk=world.offer_x.pk).update(status="closed")
    assert client.get(f"/qui-recrute/{world.offer_x.pk}/").status_code == 404


def test_job_sheet_shows_posts_open_next_to_the_projects(client, world):
    page = html(client.get("/metiers/soudeur/"))
    assert "3 postes ouverts chez " + escape("Usine d'exemple") in page
    assert page.index("Offres ouvertes en ce moment") < page.index("Qui recrute sur le territoire")
    assert "Offres ouvertes en ce moment" not in html(client.get("/metiers/docker/"))


def test_orientation_result_shows_open_offers_of_each_job(client, world):
    client.post("/orientation/commencer/", {"mode": "complet"})
    for number, value in ((1, "2"), (13, "sans_permis"), (14, "oui")):
        client.post(f"/orientation/question/{number}/", {"answer": value})
    client.post("/orientation/terminer/")
    result = OrientationResult.objects.get()
    codes = {c for r in result.results for c in r.get("rome_codes", [])}
    page = html(client.get(f"/orientation/resultat/{result.code}/"))
    if "N1101" in codes:
        assert "1 poste ouvert chez Autre usine" in page
    if "H2913" in codes:
        assert "3 postes ouverts chez " + escape("Usine d'exemple") in page
    assert codes & {"N1101", "H2913"}
