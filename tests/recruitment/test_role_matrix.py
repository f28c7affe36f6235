"""Every staff page and action of recruitment × every role, per territory and per employer:
an employer sees only its own offers' candidacies; other roles and territories nothing."""

import pytest
from django.urls import reverse

from espaces.recruitment.links import candidacy_token

ROLES = [
    "anonymous",
    "mediator",
    "employer_x",
    "employer_y",
    "partner",
    "funder",
    "coordinator",
    "other_coordinator",
    "other_employer",
]
LOGIN = "login"


def expect(*answers):
    return dict(zip(ROLES, answers, strict=True))


#                       anon  med  emp_x emp_y partner funder coord other_c other_e
READERS = expect(LOGIN, 200, 200, 200, 403, 403, 200, 403, 403)
PAGES = [
    ("staff_offers", {}, READERS),
    ("offer_create", {}, expect(LOGIN, 403, 200, 200, 403, 403, 200, 403, 403)),
    ("staff_offer", {"pk": "offer_x"}, expect(LOGIN, 200, 200, 404, 403, 403, 200, 403, 403)),
    ("offer_edit", {"pk": "offer_x"}, expect(LOGIN, 403, 200, 404, 403, 403, 200, 403, 403)),
    ("candidacy_list", {}, READERS),
    (
        "candidacy_detail",
        {"pk": "candidacy_x"},
        expect(LOGIN, 200, 200, 404, 403, 403, 200, 403, 403),
    ),
    (
        "candidacy_create",
        {"pk": "beneficiary"},
        expect(LOGIN, 200, 403, 403, 403, 403, 200, 403, 403),
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


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_page_answers_each_role_as_expected(client, world, name, kwargs, expected):
    url = reverse(f"recruitment:{name}", kwargs=_resolve(world, kwargs))
    answers = {role: _answer(_client_for(client, world, role).get(url)) for role in ROLES}
    assert answers == expected


def test_close_action_answers_each_role_as_expected(client, world):
    url = reverse("recruitment:offer_status", kwargs={"pk": world.offer_x.pk})
    answers = {}
    for role in ROLES:
        answers[role] = _answer(_client_for(client, world, role).post(url, {"action": "fermer"}))
        world.offer_x.refresh_from_db()
        if world.offer_x.status != "open":
            world.offer_x.status = "open"
            world.offer_x.save()
    assert answers == expect(LOGIN, 403, 302, 404, 403, 403, 302, 403, 403)


def test_lists_show_only_what_each_role_may_see(client, world):
    from tests.reception.factories import BeneficiaryFactory

    from .factories import CandidacyFactory

    other_person = BeneficiaryFactory(territory=world.territory, last_name="Zoé-Y")
    CandidacyFactory(offer=world.offer_y, beneficiary=other_person)
    url = reverse("recruitment:candidacy_list")
    seen = {}
    for role in ("employer_x", "employer_y", "mediator", "coordinator"):
        content = _client_for(client, world, role).get(url).content.decode()
        seen[role] = (world.beneficiary.last_name.upper() in content, "ZOÉ-Y" in content)
    assert seen == {
        "employer_x": (True, False),
        "employer_y": (False, True),
        "mediator": (True, True),
        "coordinator": (True, True),
    }
    offers = _client_for(client, world, "employer_x").get(reverse("recruitment:staff_offers"))
    assert "Soudeur" in offers.content.decode() and "Cariste" not in offers.content.decode()


def test_cv_download_is_scoped_like_the_candidacy(client, world):
    from espaces.recruitment.models import Candidacy

    Candidacy.objects.filter(pk=world.candidacy_x.pk).update(cv_name="cv.pdf", cv_data=b"%PDF")
    url = reverse("recruitment:candidacy_cv", kwargs={"pk": world.candidacy_x.pk})
    answers = {role: _answer(_client_for(client, world, role).get(url)) for role in ROLES}
    assert answers == expect(LOGIN, 200, 200, 404, 403, 403, 200, 403, 403)
    response = _client_for(client, world, "employer_x").get(url)
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert "no-store" in response["Cache-Control"]


def test_signed_link_is_the_only_way_in_without_an_account(client, world):
    good = reverse(
        "recruitment:candidacy_link", kwargs={"token": candidacy_token(world.candidacy_x)}
    )
    response = client.get(good)
    assert response.status_code == 200
    assert world.beneficiary.last_name.upper() in response.content.decode()
    world.candidacy_x.refresh_from_db()
    assert world.candidacy_x.status == "recue"
    event = world.candidacy_x.events.last()
    assert event.by is None and event.by_label == "Usine d'exemple (lien sans compte)"
    forged = reverse("recruitment:candidacy_link", kwargs={"token": "abc:def"})
    assert client.get(forged).status_code == 404


def test_employer_answers_through_the_signed_link_up_to_a_hire(client, world):
    from django.utils import timezone

    url = reverse(
        "recruitment:candidacy_link", kwargs={"token": candidacy_token(world.candidacy_x)}
    )
    client.get(url)
    assert client.post(url, {"to_status": "retenue"}).status_code == 302
    today = timezone.localdate().isoformat()
    bad = client.post(url, {"to_status": "embauche", "hired_on": today})
    assert bad.status_code == 422
    assert "contrat signé" in bad.content.decode()
    assert (
        client.post(
            url, {"to_status": "embauche", "hired_on": today, "contract": "cdd"}
        ).status_code
        == 302
    )
    world.candidacy_x.refresh_from_db()
    assert world.candidacy_x.status == "embauche"
    world.beneficiary.refresh_from_db()
    assert world.beneficiary.exit_outcome == "en_emploi"


def test_renewing_the_link_invalidates_the_old_one(client, world):
    old = reverse(
        "recruitment:candidacy_link", kwargs={"token": candidacy_token(world.candidacy_x)}
    )
    client.force_login(world.users.mediator)
    renew = reverse("recruitment:candidacy_renew_link", kwargs={"pk": world.candidacy_x.pk})
    assert client.post(renew).status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    world.candidacy_x.refresh_from_db()
    new = reverse(
        "recruitment:candidacy_link", kwargs={"token": candidacy_token(world.candidacy_x)}
    )
    assert client.get(new).status_code == 200
