"""PRIVACY review case « an admin of A reads B's personal files and posts visits into B »,
without conditions: the admin role administers its own territory and nothing else."""

import pytest

from espaces.reception.models import Visit

from .conftest import HOST_A, HOST_B, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("host", [HOST_A, HOST_B])
def test_an_admin_of_a_never_reads_a_personal_file_of_b(client, two, host):
    two.admin.is_staff = two.admin.is_superuser = True
    two.admin.save()
    client.force_login(two.admin)
    person = two.b.beneficiary
    page = client.get(f"/equipe/accueil/personnes/{person.pk}/", HTTP_HOST=host)
    assert page.status_code in (403, 404)
    listing = text_of(client.get("/equipe/accueil/personnes/", HTTP_HOST=host))
    assert person.last_name not in listing and person.first_name not in listing
    own = client.get(f"/equipe/accueil/personnes/{two.a.beneficiary.pk}/", HTTP_HOST=HOST_A)
    assert own.status_code == 200  # the test can fail: A's own file is readable


def test_an_admin_of_a_cannot_post_a_visit_into_b(client, two, bearer):
    headers = bearer(two.admin)
    before = Visit.objects.filter(territory=two.b.territory).count()
    for host, query in ((HOST_B, ""), (HOST_A, "?territory=exemple-b")):
        posted = client.post(
            f"/api/v1/visits{query}",
            {"date": "2025-03-10", "site": two.b.site.slug, "public_category": "habitant"},
            content_type="application/json",
            HTTP_HOST=host,
            **headers,
        )
        assert posted.status_code == 403, (host, posted.content)
    client.force_login(two.admin)
    desk = client.post(
        "/equipe/accueil/",
        {"site": two.b.site.pk, "public_category": "habitant", "group_size": "1"},
        HTTP_HOST=HOST_A,
    )
    assert desk.status_code < 500  # refused or sent to choose one of A's sites
    assert Visit.objects.filter(territory=two.b.territory).count() == before
