"""The Django admin is scoped like the back office: rows, foreign-key choices and saves of the
account's territory only, for admins too; the same validators as the forms."""

import pytest

from espaces.reception.models import Visit
from tests.factories import UserFactory

from .factories import VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_a(world):
    return UserFactory(
        email="admin.a@example.org", role="admin", territory=world.territory,
        is_staff=True, is_superuser=True,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def coordinator_is_staff(world):
    world.users.coordinator.is_staff = True
    world.users.coordinator.save()


def _form(world, visit, **changes):
    data = {
        "date": "2025-03-10",
        "time": "",
        "site": world.site_a.pk,
        "public_category": "habitant",
        "gender": "non_renseigne",
        "age_band": "inconnu",
        "qpv": "inconnu",
        "commune": "",
        "channel": "",
        "purpose": "",
        "group_size": "1",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_visit_form_refuses_another_territory_and_out_of_bounds_values(
    client, world, admin_a, role
):
    user = admin_a if role == "admin" else world.users.coordinator
    client.force_login(user)
    url = f"/admin/reception/visit/{world.visit_a.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{world.other_site.pk}"' not in html  # another territory's site: no choice
    for changes, message in (
        ({"site": world.other_site.pk}, "Sélectionnez un choix valide"),
        ({"group_size": "99999999999"}, "500"),
        ({"date": "2999-01-01"}, "Date hors des limites"),
        ({"date": "1900-01-01"}, "Date hors des limites"),
        ({"date": "0001-01-01"}, "Date hors des limites"),
    ):
        response = client.post(url, _form(world, world.visit_a, **changes))
        assert response.status_code == 200, changes
        assert message in response.content.decode(), changes
    world.visit_a.refresh_from_db()
    assert world.visit_a.site_id == world.site_a.pk and world.visit_a.group_size == 1


def test_an_admin_of_a_sees_nothing_of_b_in_the_admin(client, world, admin_a):
    foreign = VisitFactory(site=world.other_site, purpose="ailleurs-unique")
    client.force_login(admin_a)
    listing = client.get("/admin/reception/visit/")
    assert listing.status_code == 200 and "ailleurs-unique" not in listing.content.decode()
    assert client.get(f"/admin/reception/visit/{foreign.pk}/change/").status_code == 302
    users = client.get("/admin/accounts/user/").content.decode()
    assert "coord@example.org" in users and world.users.other_coordinator.email not in users
    sites = client.get("/admin/territories/site/").content.decode()
    assert "loin" not in sites
    territories = client.get("/admin/territories/territory/").content.decode()
    assert world.other_site.territory.name not in territories
    assert Visit.objects.filter(territory=world.other_site.territory).count() == 1


def test_an_admin_of_a_cannot_open_b_pages(client, world, admin_a):
    client.force_login(admin_a)
    response = client.get("/equipe/accueil/", HTTP_HOST="testserver")
    assert response.status_code in (200, 302)
    # the request's territory is B: refused
    other = world.other_site.territory
    response = client.get(f"/equipe/accueil/?territory={other.slug}")
    assert response.status_code in (403, 404) or other.name not in response.content.decode()


def test_an_admin_without_territory_reaches_nothing(client, world):
    lost = UserFactory(email="lost@example.org", role="admin", territory=None, is_staff=True,
                       is_superuser=True)  # fmt: skip
    client.force_login(lost)
    response = client.get("/admin/reception/visit/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
