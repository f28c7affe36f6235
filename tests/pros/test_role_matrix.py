"""Every page of the professionals' space × every role: prescriber X vs Y, the team of the
territory vs another territory's, partner, funder, anonymous. "login" is the login page."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from espaces.pros.services import (
    appointment_book,
    inbound_referral_create,
    request_create,
    structure_link_create,
)

from .conftest import next_weekday, school_request_args

ROLES = [
    "anonymous",
    "prescriber_x",
    "prescriber_y",
    "mediator_a",
    "mediator_b",
    "partner",
    "funder",
    "coordinator",
    "other_coordinator",
    "other_prescriber",
]
LOGIN = "login"


def expect(*answers):
    return dict(zip(ROLES, answers, strict=True))


COORDINATION = expect(LOGIN, 403, 403, 403, 403, 403, 403, 200, 403, 403)
TEAM = expect(LOGIN, 403, 403, 200, 200, 403, 403, 200, 403, 403)
PRESCRIBER = expect(LOGIN, 200, 200, 403, 403, 403, 403, 403, 403, 403)

PAGES = [
    ("pros_staff:queue", {}, COORDINATION),
    ("pros_staff:request_detail", {"pk": "request"}, COORDINATION),
    ("pros_staff:links", {}, COORDINATION),
    ("pros_staff:inbound_list", {}, TEAM),
    ("pros_staff:inbound_detail", {"pk": "referral_x"}, TEAM),
    ("pros_staff:availability", {}, TEAM),
    ("pros:prescriber_home", {}, PRESCRIBER),
    ("pros:prescriber_refer", {}, PRESCRIBER),
    # the referral of prescriber X: X sees its status, Y gets a 404
    (
        "pros:prescriber_referral",
        {"pk": "referral_x"},
        expect(LOGIN, 200, 404, 403, 403, 403, 403, 403, 403, 403),
    ),
]


@pytest.fixture
def matrix(world):
    world.request = request_create(territory=world.territory, **school_request_args())
    world.referral_x = inbound_referral_create(
        territory=world.territory,
        organisation=world.org_x,
        referrer=world.users.prescriber_x,
        site=world.site_a,
        first_name="Samira",
        contact_email="samira@example.org",
        reason="Cherche un emploi",
        consent=True,
    )
    return world


def _answer(response):
    if response.status_code == 302 and "/connexion/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("name, kwargs, expected", PAGES, ids=[p[0] for p in PAGES])
def test_pages_by_role(client, matrix, name, kwargs, expected):
    url = reverse(name, kwargs={k: getattr(matrix, v).pk for k, v in kwargs.items()})
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(matrix.users, role))
        got[role] = _answer(client.get(url))
    assert got == expected


@pytest.mark.django_db
def test_objects_of_another_territory_are_404_for_the_team(client, matrix):
    other_link = structure_link_create(
        territory=matrix.territory, organisation=matrix.org_x
    )  # same territory: control
    client.force_login(matrix.users.coordinator)
    assert client.get(reverse("pros_staff:request_detail", args=[999999])).status_code == 404
    assert client.post(reverse("pros_staff:link_revoke", args=[other_link.pk])).status_code == 302


@pytest.mark.django_db
def test_posts_by_role(client, matrix):
    """State-changing actions: only the roles that may, others refused before any change."""
    url = reverse("pros_staff:inbound_transition", args=[matrix.referral_x.pk])
    for role in ("prescriber_x", "partner", "funder", "other_coordinator"):
        client.force_login(getattr(matrix.users, role))
        assert client.post(url, {"status": "came"}).status_code == 403
    matrix.referral_x.refresh_from_db()
    assert matrix.referral_x.status == "received"
    client.force_login(matrix.users.mediator_b)
    assert client.post(url, {"status": "came"}).status_code == 302
    matrix.referral_x.refresh_from_db()
    assert matrix.referral_x.status == "came"
    decline = reverse("pros_staff:request_decline", args=[matrix.request.pk])
    client.force_login(matrix.users.mediator_a)
    assert client.post(decline, {"reason": "non"}).status_code == 403
    client.force_login(matrix.users.coordinator)
    assert client.post(decline, {"reason": "Période complète"}).status_code == 302
    matrix.request.refresh_from_db()
    assert matrix.request.status == "declined"


@pytest.mark.django_db
def test_mediator_removes_only_own_availability(client, matrix):
    slot = matrix.users.mediator_a.availability_slots.first()
    url = reverse("pros_staff:availability_delete", args=["creneau", slot.pk])
    client.force_login(matrix.users.mediator_b)
    assert client.post(url).status_code == 403
    client.force_login(matrix.users.mediator_a)
    assert client.post(url).status_code == 302
    assert not matrix.users.mediator_a.availability_slots.filter(pk=slot.pk).exists()


@pytest.mark.django_db
def test_desk_shows_inbound_referrals_of_its_site(client, matrix):
    client.force_login(matrix.users.mediator_a)
    page = client.get(reverse("reception:desk")).content.decode()
    assert matrix.referral_x.reference in page and "Orientations reçues à traiter" in page
    client.force_login(matrix.users.mediator_b)
    page = client.get(reverse("reception:desk")).content.decode()
    assert matrix.referral_x.reference not in page


@pytest.mark.django_db
def test_staff_books_an_appointment_from_the_detail_page(client, matrix):
    client.force_login(matrix.users.mediator_a)
    detail = reverse("pros_staff:inbound_detail", args=[matrix.referral_x.pk])
    page = client.get(detail).content.decode()
    assert "Fixer un rendez-vous" in page
    start = timezone.make_aware(dt.datetime.combine(next_weekday(0), dt.time(9)))
    key = f"{matrix.site_a.pk}|{matrix.users.mediator_a.pk}|{start:%Y-%m-%dT%H:%M}"
    response = client.post(
        reverse("pros_staff:inbound_book", args=[matrix.referral_x.pk]), {"slot": key}
    )
    assert response.status_code == 302
    matrix.referral_x.refresh_from_db()
    assert matrix.referral_x.status == "appointment"
    # the same slot cannot be booked twice
    client.post(reverse("pros_staff:inbound_book", args=[matrix.referral_x.pk]), {"slot": key})
    assert matrix.referral_x.appointments.filter(status="planned").count() == 1
    assert appointment_book  # imported service used by the view


@pytest.mark.django_db
def test_queue_lists_newest_first_with_pinned_queries(
    client, matrix, django_assert_max_num_queries
):
    for i in range(5):
        request_create(territory=matrix.territory, **school_request_args(participants=10 + i))
    client.force_login(matrix.users.coordinator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("pros_staff:queue")).content.decode()
    refs = re.findall(r">(D-\d{5})<", page)
    assert len(refs) == 6 and refs == sorted(refs, reverse=True)
    with django_assert_max_num_queries(12):
        client.get(reverse("pros_staff:inbound_list"))
