"""The sign-in backend (espaces/accounts/backends.py): Django's ModelBackend, faster read."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY

from espaces.accounts.backends import AccountBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_goes_through_the_account_backend(client, example_territory):
    UserFactory(role="mediator", territory=example_territory, email="m@example.org")
    response = client.post(
        "/equipe/connexion/", {"username": "m@example.org", "password": "mot-de-passe-de-test"}
    )
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "espaces.accounts.backends.AccountBackend"
    page = client.get("/equipe/", HTTP_HOST="exemple.localhost")
    assert page.status_code == 200 and page.context["user"].email == "m@example.org"


def test_sessions_opened_with_django_model_backend_stay_signed_in(client, example_territory):
    user = UserFactory(role="mediator", territory=example_territory)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/equipe/", HTTP_HOST="exemple.localhost")
    assert page.status_code == 200 and page.context["user"] == user


def test_get_user_reads_the_account_and_refuses_inactive_or_unknown(example_territory):
    user = UserFactory(role="mediator", territory=example_territory, first_name="Inès")
    backend = AccountBackend()
    found = backend.get_user(user.pk)
    assert found == user and found.first_name == "Inès" and found.territory_id == user.territory_id
    assert found.check_password("mot-de-passe-de-test")
    assert backend.get_user(user.pk + 1000) is None
    assert backend.get_user("pas un nombre") is None
    user.is_active = False
    user.save()
    assert backend.get_user(user.pk) is None


def test_a_deactivated_account_is_signed_out_at_its_next_request(client, example_territory):
    user = UserFactory(role="mediator", territory=example_territory)
    client.force_login(user)
    assert client.get("/equipe/", HTTP_HOST="exemple.localhost").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/equipe/", HTTP_HOST="exemple.localhost").status_code == 302
