"""/equipe/services/a-verifier/: one test per role that can reach it, and those refused."""

import pytest
from django.utils import timezone

from espaces.services.enums import ReviewKind, ReviewOrigin
from espaces.services.models import Service, ServiceReview, Structure
from espaces.territories.models import Partner
from tests.factories import TerritoryFactory, UserFactory
from tests.services.factories import ServiceFactory

URL = "/equipe/services/a-verifier/"


@pytest.fixture
def login(client, example):
    def as_role(role, **extra):
        extra.setdefault("territory", example)
        user = UserFactory(role=role, **extra)
        client.force_login(user)
        return user

    return as_role


def correction(service, note="Le numéro a changé."):
    return ServiceReview.objects.create(
        territory=service.territory,
        service=service,
        partner=service.structure.partner,
        kind=ReviewKind.CORRECTION,
        origin=ReviewOrigin.LINK,
        note=note,
    )


def test_anonymous_is_sent_to_the_login_page(client, example):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/equipe/connexion/?next=/equipe/services/a-verifier/")


def test_coordinator_sees_every_overdue_service_and_pending_corrections(
    client, login, services, django_assert_max_num_queries
):
    login("coordinator")
    correction(services["aide-permis-exemple"])
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 fiches à vérifier" in html
    assert html.index("Aide fictive pour passer le permis B") < html.index(
        "Location de scooters au port"
    )  # never verified before verified long ago
    assert "Bus de nuit" not in html  # fresh
    assert "Le numéro a changé." in html and "Marquer traitée" in html
    assert "Vérifiée aujourd&#x27;hui" in html or "Vérifiée aujourd'hui" in html


def test_staff_page_query_count_does_not_grow(
    client, login, example, django_assert_max_num_queries
):
    login("coordinator")
    structure = Structure.objects.get(slug="agence-emploi-exemple")
    for _ in range(20):
        service = ServiceFactory(territory=example, structure=structure)
        correction(service)
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    assert "23 fiches à vérifier" in response.content.decode()


def test_coordinator_marks_a_service_verified_today(client, login, services):
    user = login("coordinator")
    service = services["aide-permis-exemple"]
    response = client.post(URL, {"action": "verified", "service": service.pk})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.last_verified_on == timezone.localdate()
    assert not service.is_overdue()
    review = ServiceReview.objects.get(service=service)
    assert (review.kind, review.origin, review.user) == ("confirmed", "staff", user)
    assert "2 fiches à vérifier" in client.get(URL).content.decode()


def test_coordinator_marks_a_correction_handled(client, login, services):
    user = login("coordinator")
    review = correction(services["aide-permis-exemple"])
    client.post(URL, {"action": "handled", "review": review.pk})
    review.refresh_from_db()
    assert review.handled_at is not None and review.handled_by == user
    assert "Le numéro a changé." not in client.get(URL).content.decode()


def test_admin_without_territory_is_refused(client, login):
    # Admins belong to the territories they administer (docs/security.md), nothing else.
    login("admin", territory=None)
    assert client.get(URL).status_code == 403


def test_mediator_reads_but_cannot_act(client, login, services):
    login("mediator")
    correction(services["aide-permis-exemple"])
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 fiches à vérifier" in html and "Lecture seule" in html
    assert 'value="verified"' not in html and 'value="handled"' not in html
    service = services["aide-permis-exemple"]
    assert client.post(URL, {"action": "verified", "service": service.pk}).status_code == 403
    service.refresh_from_db()
    assert service.last_verified_on is None


def test_partner_sees_and_confirms_only_their_organisation(client, login, example, services):
    agence = Partner.objects.get(slug="agence-emploi")
    other = ServiceFactory(
        territory=example,
        structure=Structure.objects.get(slug="reseau-bus-exemple"),
        nom="Service d'un autre",
    )
    login("partner", organisation=agence)
    html = client.get(URL).content.decode()
    assert "3 fiches à vérifier" in html and "Service d&#x27;un autre" not in html
    assert client.post(URL, {"action": "verified", "service": other.pk}).status_code == 403
    own = services["relais-petite-enfance-exemple"]
    client.post(URL, {"action": "verified", "service": own.pk})
    own.refresh_from_db()
    assert own.last_verified_on == timezone.localdate()
    assert ServiceReview.objects.get(service=own).partner == agence


def test_partner_cannot_handle_corrections(client, login, services):
    login("partner", organisation=Partner.objects.get(slug="agence-emploi"))
    review = correction(services["aide-permis-exemple"])
    assert client.post(URL, {"action": "handled", "review": review.pk}).status_code == 403


def test_funder_is_refused(client, login):
    login("funder")
    assert client.get(URL).status_code == 403


def test_coordinator_of_another_territory_is_refused(client, login):
    login("coordinator", territory=TerritoryFactory())
    assert client.get(URL).status_code == 403


def test_empty_list_says_everything_is_up_to_date(client, login, example):
    Service.objects.filter(territory=example).update(last_verified_on=None)
    for service in Service.objects.filter(territory=example):
        service.last_verified_on = timezone.localdate()
        service.save()
    login("coordinator")
    assert "Toutes les fiches sont à jour" in client.get(URL).content.decode()
