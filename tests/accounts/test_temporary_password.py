"""`create_user` without --password: a strong temporary password printed once, and an account
held on the password change form until the person chooses their own."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password

from espaces.accounts.models import User
from espaces.accounts.services import temporary_password, token_create
from tests.conftest import run_command
from tests.factories import UserFactory
from tests.security.helpers import login_verified

CHANGE = "/equipe/mot-de-passe/"
NEW = "Une-phrase-de-passe-neuve-42"
TEMPORARY = re.compile(r"Mot de passe provisoire \(affiché une seule fois\) : (\S+)")


def _create(*extra) -> tuple[str, User]:
    out = run_command(
        "create_user", "Nadia@Exemple.org", "--role", "mediator", "--territory", "exemple", *extra
    )
    return out, User.objects.get(email="nadia@exemple.org")


def test_create_user_without_password_prints_a_strong_temporary_one_once(example_territory):
    out, user = _create()
    match = TEMPORARY.search(out)
    assert match, out
    password = match.group(1)
    assert out.count(password) == 1
    assert len(password.replace("-", "")) == 20
    validate_password(password, user)  # passes every validator of the site
    assert user.check_password(password)
    assert user.must_change_password is True


def test_create_user_with_a_password_prints_none_and_needs_no_change(example_territory):
    out, user = _create("--password", "un-mot-de-passe-solide")
    assert not TEMPORARY.search(out) and "un-mot-de-passe-solide" not in out
    assert user.must_change_password is False


def test_temporary_passwords_differ_and_avoid_lookalike_characters():
    drawn = {temporary_password() for _ in range(50)}
    assert len(drawn) == 50
    assert not any(set(p) & set("0O1lI") for p in drawn)


@pytest.fixture
def temporary_user(example_territory):
    user = UserFactory(role="mediator", territory=example_territory, email="t@exemple.org")
    user.must_change_password = True
    user.save()
    return user


@pytest.mark.parametrize(
    "path",
    ["/equipe/", "/equipe/accueil/", "/equipe/statistiques/", "/admin/", "/", "/metiers/"],
)
def test_every_page_sends_a_temporary_password_to_the_change_form(client, temporary_user, path):
    client.force_login(temporary_user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(CHANGE + "?next=")


def test_change_form_and_logout_stay_open(client, temporary_user):
    client.force_login(temporary_user)
    page = client.get(CHANGE)
    assert page.status_code == 200 and "mot de passe provisoire" in page.content.decode()
    logout = client.post("/equipe/deconnexion/")
    assert logout.status_code == 302 and "_auth_user_id" not in client.session


def test_api_refuses_the_session_but_not_a_token(client, temporary_user, settings_example):
    client.force_login(temporary_user)
    refused = client.get("/api/v1/territory")
    assert refused.status_code == 403
    assert "mot de passe provisoire" in refused.json()["message"]
    key = token_create(user=temporary_user)
    anonymous = client.__class__()
    assert anonymous.get("/api/v1/territory").status_code == 200
    with_token = client.get("/api/v1/territory", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert with_token.status_code == 200


def test_changing_the_temporary_password_opens_the_account(client, temporary_user):
    client.force_login(temporary_user)
    response = client.post(
        CHANGE + "?next=/equipe/accueil/",
        {
            "old_password": "mot-de-passe-de-test",
            "new_password1": NEW,
            "new_password2": NEW,
            "next": "/equipe/accueil/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/equipe/accueil/"
    temporary_user.refresh_from_db()
    assert temporary_user.must_change_password is False
    assert client.get("/equipe/").status_code == 200


def test_login_with_the_temporary_password_lands_on_the_change_form(client, example_territory):
    out, _user = _create()
    password = TEMPORARY.search(out).group(1)
    login = client.post(
        "/equipe/connexion/", {"username": "nadia@exemple.org", "password": password}, follow=True
    )
    assert login.redirect_chain[-1][0].startswith(CHANGE)
    assert "Changer de mot de passe" in login.content.decode()


def test_second_factor_comes_before_the_change(client, example_territory, settings):
    settings.ESPACES_OTP_REQUIRED_ROLES = ["admin", "coordinator"]
    user = UserFactory(role="coordinator", territory=example_territory, email="c@exemple.org")
    user.must_change_password = True
    user.save()
    client.force_login(user)
    first = client.get(CHANGE)
    assert first.status_code == 302
    assert first["Location"].startswith("/equipe/securite/double-authentification/")
    login_verified(client, user)
    assert client.get(CHANGE).status_code == 200
    assert client.get("/equipe/")["Location"].startswith(CHANGE)
