"""Password change (every role) and reset by e-mail: same answer whatever the address, limits
per address and per client, links that expire and serve once, no bypass of the second factor
nor of the lock-out."""

import datetime as dt
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail

from espaces.accounts.enums import ORGANISATION_ROLES, Role
from espaces.accounts.models import User
from espaces.accounts.services import password_reset_link
from espaces.territories.models import Partner
from tests.factories import TerritoryFactory, UserFactory

PASSWORD = "mot-de-passe-de-test"
NEW = "Une-phrase-de-passe-neuve-42"
CHANGE = "/equipe/mot-de-passe/"
RESET = "/equipe/mot-de-passe/oublie/"
HOST = "exemple.localhost"


def _user(territory, role, email="compte@exemple.org"):
    organisation = None
    if role in ORGANISATION_ROLES:
        organisation = Partner.objects.filter(territory=territory).first()
    return UserFactory(role=role, territory=territory, email=email, organisation=organisation)


def _link_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/equipe/mot-de-passe/nouveau/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


# Change -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_role_changes_its_own_password_and_stays_logged_in(client, example_territory, role):
    user = _user(example_territory, role)
    client.force_login(user)
    page = client.get(CHANGE, HTTP_HOST=HOST)
    assert page.status_code == 200 and "Changer de mot de passe" in page.content.decode()
    response = client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302 and response["Location"] == "/equipe/"
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.check_password(PASSWORD)
    assert client.get("/equipe/", HTTP_HOST=HOST).status_code == 200  # same session kept


def test_wrong_current_password_or_weak_new_one_changes_nothing(client, example_territory):
    user = _user(example_territory, Role.MEDIATOR)
    client.force_login(user)
    wrong = client.post(
        CHANGE, {"old_password": "pas-le-bon", "new_password1": NEW, "new_password2": NEW}
    )
    assert wrong.status_code == 200 and 'aria-invalid="true"' in wrong.content.decode()
    weak = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_page_needs_a_login(client, example_territory):
    response = client.get(CHANGE)
    assert response.status_code == 302 and response["Location"].startswith("/equipe/connexion/")


def test_change_ends_the_accounts_other_sessions(client, example_territory):
    from django.test import Client

    user = _user(example_territory, Role.FUNDER)
    other = Client()
    other.force_login(user)
    client.force_login(user)
    client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert other.get("/equipe/").status_code == 302  # logged out: its hash no longer matches


# Reset --------------------------------------------------------------------------------


def test_reset_sends_a_working_absolute_link_once(client, settings_example, example_territory):
    user = _user(example_territory, Role.PARTNER, email="p@exemple.org")
    response = client.post(RESET, {"email": "P@Exemple.org"}, HTTP_HOST=HOST)
    assert (
        response.status_code == 302
        and response["Location"] == "/equipe/mot-de-passe/oublie/envoye/"
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["p@exemple.org"]
    assert f"http://{HOST}:80/equipe/mot-de-passe/nouveau/" in mail.outbox[0].body or (
        f"http://{HOST}/equipe/mot-de-passe/nouveau/" in mail.outbox[0].body
    )
    assert "2 heures" in mail.outbox[0].body
    path = _link_path(mail.outbox[0])
    form = client.get(path, HTTP_HOST=HOST, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    set_url = form.redirect_chain[-1][0]  # the token moved to the session, out of the address
    assert "set-password" in set_url
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW}, HTTP_HOST=HOST)
    assert done.status_code == 302 and done["Location"] == "/equipe/mot-de-passe/nouveau/termine/"
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert "_auth_user_id" not in client.session  # the reset never logs in by itself
    again = client.get(path, HTTP_HOST=HOST, follow=True)
    assert "Ce lien ne fonctionne plus" in again.content.decode()


def test_reset_answers_the_same_for_unknown_inactive_and_other_territory(
    client, settings_example, example_territory
):
    _user(example_territory, Role.MEDIATOR, email="connu@exemple.org")
    UserFactory(email="inactif@exemple.org", territory=example_territory, is_active=False)
    UserFactory(email="ailleurs@exemple.org", territory=TerritoryFactory(slug="ailleurs"))
    known = client.post(RESET, {"email": "connu@exemple.org"}, HTTP_HOST=HOST)
    assert len(mail.outbox) == 1
    for email in ("inconnu@exemple.org", "inactif@exemple.org", "ailleurs@exemple.org"):
        answer = client.post(RESET, {"email": email}, HTTP_HOST=HOST)
        assert (answer.status_code, answer["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1
    page = client.get(known["Location"], HTTP_HOST=HOST).content.decode()
    assert "Si cette adresse correspond à un compte" in page


def test_an_account_created_without_password_gets_in_through_the_reset(
    client, settings_example, example_territory
):
    user = _user(example_territory, Role.FUNDER, email="f@exemple.org")
    user.set_unusable_password()
    user.save()
    client.post(RESET, {"email": "f@exemple.org"}, HTTP_HOST=HOST)
    assert len(mail.outbox) == 1
    set_url = client.get(_link_path(mail.outbox[0]), HTTP_HOST=HOST, follow=True).redirect_chain[
        -1
    ][0]
    client.post(set_url, {"new_password1": NEW, "new_password2": NEW}, HTTP_HOST=HOST)
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_reset_is_limited_per_address_silently(client, settings_example, example_territory):
    _user(example_territory, Role.COORDINATOR, email="c@exemple.org")
    for _ in range(5):
        answer = client.post(RESET, {"email": "c@exemple.org"}, REMOTE_ADDR="10.0.0.1")
        assert answer.status_code == 302
    assert len(mail.outbox) == 3  # ESPACES_PASSWORD_RESET_PER_ADDRESS, from any client
    client.post(RESET, {"email": "C@exemple.org"}, REMOTE_ADDR="10.0.0.2")
    assert len(mail.outbox) == 3


def test_reset_is_limited_per_client_address(client, settings_example, example_territory):
    for n in range(10):
        answer = client.post(RESET, {"email": f"x{n}@exemple.org"}, REMOTE_ADDR="10.0.0.9")
        assert answer.status_code == 302
    refused = client.post(RESET, {"email": "y@exemple.org"}, REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429 and "Trop de demandes" in refused.content.decode()
    other = client.post(RESET, {"email": "y@exemple.org"}, REMOTE_ADDR="10.0.0.10")
    assert other.status_code == 302


def test_reset_form_refuses_a_bad_address_in_french(client, settings_example, example_territory):
    answer = client.post(RESET, {"email": "pas une adresse"})
    assert answer.status_code == 400 and "adresse de courriel valide" in answer.content.decode()


def test_reset_link_expires_after_password_reset_timeout(
    client, settings_example, example_territory, monkeypatch
):
    user = _user(example_territory, Role.EMPLOYER)
    link = password_reset_link(user)
    path = link[link.index("/equipe/") :]
    later = dt.datetime.now() + dt.timedelta(seconds=settings_example.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    page = client.get(path, follow=True)
    assert "Ce lien ne fonctionne plus" in page.content.decode()
    assert settings_example.PASSWORD_RESET_TIMEOUT == 7200


def test_reset_keeps_the_second_factor_for_roles_that_require_it(
    client, settings_example, example_territory
):
    settings_example.ESPACES_OTP_REQUIRED_ROLES = ["admin", "coordinator"]
    _user(example_territory, Role.COORDINATOR, email="c@exemple.org")
    client.post(RESET, {"email": "c@exemple.org"}, HTTP_HOST=HOST)
    set_url = client.get(_link_path(mail.outbox[0]), HTTP_HOST=HOST, follow=True).redirect_chain[
        -1
    ][0]
    client.post(set_url, {"new_password1": NEW, "new_password2": NEW}, HTTP_HOST=HOST)
    assert client.get("/equipe/", HTTP_HOST=HOST).status_code == 302  # not logged in
    login = client.post(
        "/equipe/connexion/", {"username": "c@exemple.org", "password": NEW}, HTTP_HOST=HOST
    )
    assert login.status_code == 302
    page = client.get("/equipe/", HTTP_HOST=HOST)
    assert page.status_code == 302 and page["Location"].startswith(
        "/equipe/securite/double-authentification/"
    )


def test_reset_does_not_lift_a_lock_out(client, settings_example, example_territory):
    user = _user(example_territory, Role.MEDIATOR, email="m@exemple.org")
    for _ in range(5):
        client.post("/equipe/connexion/", {"username": "m@exemple.org", "password": "mauvais"})
    client.post(RESET, {"email": "m@exemple.org"})
    set_url = client.get(_link_path(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    user.refresh_from_db()
    assert user.check_password(NEW)
    locked = client.post("/equipe/connexion/", {"username": "m@exemple.org", "password": NEW})
    assert locked.status_code == 429


def test_reset_e_mail_failure_answers_the_same(
    client, settings_example, example_territory, monkeypatch
):
    from espaces.accounts import services

    def broken(*args, **kwargs):
        raise OSError("serveur de messagerie injoignable pour c@exemple.org")

    monkeypatch.setattr(services, "send_mail", broken)
    _user(example_territory, Role.COORDINATOR, email="c@exemple.org")
    answer = client.post(RESET, {"email": "c@exemple.org"})
    assert answer.status_code == 302 and answer["Location"].endswith("/oublie/envoye/")


def test_login_page_links_to_the_reset(client, example_territory):
    assert RESET in client.get("/equipe/connexion/").content.decode()
    assert User.objects.count() == 0
