"""The visit log in the administration: coordinators, their territory only; no personal data."""

import pytest

from .factories import VisitFactory


@pytest.fixture(autouse=True)
def coordinator_is_staff(world):
    """As `espaces create_user --role coordinator` makes them."""
    world.users.coordinator.is_staff = True
    world.users.coordinator.save()


def test_coordinator_sees_only_the_visits_of_their_territory(client, world):
    foreign = VisitFactory(site=world.other_site, purpose="ailleurs-unique")
    client.force_login(world.users.coordinator)
    page = client.get("/admin/reception/visit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 visite" in html
    assert client.get(f"/admin/reception/visit/{foreign.pk}/change/").status_code == 302
    assert client.get(f"/admin/reception/visit/{world.visit_a.pk}/change/").status_code == 200


def test_follow_up_files_are_not_in_the_administration(client, world):
    client.force_login(world.users.coordinator)
    assert client.get("/admin/reception/beneficiary/").status_code == 404


def test_mediators_do_not_reach_the_administration(client, world):
    client.force_login(world.users.mediator_a)
    response = client.get("/admin/reception/visit/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
