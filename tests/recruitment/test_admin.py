import pytest

pytestmark = pytest.mark.django_db


def test_admin_lists_only_the_offers_of_the_coordinators_territory(client, world):
    from .factories import OfferFactory

    OfferFactory(employer=world.users.other_employer.organisation, title="Poste ailleurs")
    world.users.coordinator.is_staff = True
    world.users.coordinator.save()
    client.force_login(world.users.coordinator)
    page = client.get("/admin/recruitment/offer/").content.decode()
    assert "Soudeur" in page and "Poste ailleurs" not in page
    assert client.get(f"/admin/recruitment/offer/{world.offer_x.pk}/delete/").status_code == 403


def test_admin_is_closed_to_employers(client, world):
    client.force_login(world.users.employer_x)
    assert client.get("/admin/recruitment/offer/").status_code in (302, 403)
