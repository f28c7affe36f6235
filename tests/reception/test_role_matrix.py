"""Every staff URL and API operation of the reception app × every role: nothing visible to a
role that should not see it. "login" is a redirect to the login page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from espaces.reception.referral_links import referral_token
from espaces.reception.services import beneficiary_exit

ROLES = [
    "anonymous",
    "mediator_a",
    "mediator_b",
    "partner_x",
    "partner_y",
    "funder",
    "coordinator",
    "other_coordinator",
]
LOGIN = "login"


def expect(anonymous, mediator_a, mediator_b, partner_x, partner_y, funder, coordinator, other):
    return dict(
        zip(
            ROLES,
            [anonymous, mediator_a, mediator_b, partner_x, partner_y, funder, coordinator, other],
            strict=True,
        )
    )


FILES = expect(LOGIN, 200, 200, 403, 403, 403, 200, 403)  # follow-up files: territory-wide
COORDINATION = expect(LOGIN, 403, 403, 403, 403, 403, 200, 403)

# (url name, kwargs from the world, expected answers)
PAGES = [
    ("desk", {}, expect(LOGIN, 200, 200, 403, 403, 403, 302, 403)),  # coordinator: pick a site
    ("choose_site", {}, expect(LOGIN, 200, 200, 403, 403, 403, 200, 403)),
    ("visit_edit", {"pk": "visit_a"}, expect(LOGIN, 200, 404, 403, 403, 403, 404, 403)),
    ("visit_delete", {"pk": "visit_a"}, expect(LOGIN, 200, 404, 403, 403, 403, 404, 403)),
    ("beneficiary_list", {}, FILES),
    ("beneficiary_create", {}, FILES),
    ("beneficiary_detail", {"pk": "beneficiary"}, FILES),
    ("beneficiary_edit", {"pk": "beneficiary"}, FILES),
    ("beneficiary_exit", {"pk": "beneficiary"}, FILES),
    ("beneficiary_export", {"pk": "beneficiary"}, FILES),
    ("beneficiary_export_json", {"pk": "beneficiary"}, FILES),
    ("beneficiary_registrations", {"pk": "beneficiary"}, FILES),
    ("beneficiary_erase", {"pk": "beneficiary"}, COORDINATION),
    ("referral_create", {"pk": "beneficiary"}, FILES),
    ("referral_list", {}, expect(LOGIN, 200, 200, 200, 200, 403, 200, 403)),
    ("referral_detail", {"pk": "referral_x"}, expect(LOGIN, 200, 200, 200, 404, 403, 200, 403)),
    ("follow_up_list", {}, FILES),
    ("follow_up_record", {"pk": "follow_up"}, FILES),
    ("audit_list", {}, COORDINATION),
    ("stats", {}, expect(LOGIN, 403, 403, 403, 403, 200, 200, 403)),
]

# POST-only actions (valid data): success redirects (302) to the file
POSTS = [
    (
        "beneficiary_add_entry",
        {"pk": "beneficiary"},
        lambda w: {"kind": "note", "text": "Appel passé.", "occurred_on": timezone.localdate()},
        expect(LOGIN, 302, 302, 403, 403, 403, 302, 403),
    ),
    (
        "beneficiary_add_barrier",
        {"pk": "beneficiary"},
        lambda w: {"thematique": "mobilite--preparer-un-permis"},
        expect(LOGIN, 302, 422, 403, 403, 403, 422, 403),  # the second add is a duplicate
    ),
    (
        "beneficiary_visit",
        {"pk": "beneficiary"},
        lambda w: {"site": w.site_a.pk, "public_category": "demandeur_emploi", "purpose": ""},
        # mediator B records visits only for site B: site A is not a valid choice for them
        expect(LOGIN, 302, 422, 403, 403, 403, 302, 403),
    ),
    (
        "beneficiary_propose_service",
        {"pk": "beneficiary"},
        lambda w: {"service": w.territory_service.pk},
        expect(LOGIN, 302, 302, 403, 403, 403, 302, 403),
    ),
    (
        "referral_renew_link",
        {"pk": "referral_x"},
        lambda w: {},
        expect(LOGIN, 302, 302, 403, 403, 403, 302, 403),
    ),
]


def _resolve(world, kwargs):
    return {k: getattr(world, v).pk for k, v in kwargs.items()}


def _answer(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def _client_for(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    return client


@pytest.fixture
def matrix_world(world):
    from espaces.services.models import Service

    world.territory_service = Service.objects.get(slug="aide-permis-exemple")
    world.follow_up = beneficiary_exit(
        beneficiary=world.beneficiary, user=world.users.coordinator, outcome="en_emploi"
    )
    return world


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_staff_page_answers_each_role_as_expected(client, matrix_world, name, kwargs, expected):
    url = reverse(f"reception:{name}", kwargs=_resolve(matrix_world, kwargs))
    answers = {role: _answer(_client_for(client, matrix_world, role).get(url)) for role in ROLES}
    assert answers == expected


@pytest.mark.parametrize(("name", "kwargs", "data", "expected"), POSTS, ids=[p[0] for p in POSTS])
def test_staff_action_answers_each_role_as_expected(
    client, matrix_world, name, kwargs, data, expected
):
    url = reverse(f"reception:{name}", kwargs=_resolve(matrix_world, kwargs))
    answers = {
        role: _answer(_client_for(client, matrix_world, role).post(url, data(matrix_world)))
        for role in ROLES
    }
    assert answers == expected


def test_signed_link_is_the_only_way_in_without_an_account(client, matrix_world):
    referral = matrix_world.referral_x
    good = reverse("reception:referral_link", kwargs={"token": referral_token(referral)})
    assert client.get(good).status_code == 200
    forged = reverse("reception:referral_link", kwargs={"token": "abc:def"})
    assert client.get(forged).status_code == 404


def test_api_post_visits_answers_each_role_as_expected(client, matrix_world, bearer):
    body = {"site": "centre", "public_category": "habitant"}
    answers = {}
    for role in ROLES:
        headers = {} if role == "anonymous" else bearer(getattr(matrix_world.users, role))
        response = client.post("/api/v1/visits", body, content_type="application/json", **headers)
        answers[role] = response.status_code
    assert answers == expect(401, 201, 403, 403, 403, 403, 201, 403)


def test_api_stats_summary_answers_each_role_as_expected(client, matrix_world, bearer):
    answers = {}
    for role in ROLES:
        headers = {} if role == "anonymous" else bearer(getattr(matrix_world.users, role))
        answers[role] = client.get("/api/v1/stats/summary", **headers).status_code
    assert answers == expect(401, 403, 403, 403, 403, 200, 200, 403)
