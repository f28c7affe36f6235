"""Bearer tokens on the API and the staff login page."""

import pytest
from ninja import Router
from ninja.testing import TestClient

from espaces.accounts.services import token_create
from espaces.api.auth import bearer, require_role
from tests.factories import UserFactory

router = Router()


@router.get("/whoami", auth=bearer)
def whoami(request):
    require_role(request, "coordinator", "funder")
    return {"email": request.auth.email}


@pytest.fixture
def api_client():
    return TestClient(router)


def test_valid_token_authenticates_and_role_is_checked(
    api_client, settings_example, example_territory
):
    coordinator = UserFactory(role="coordinator", territory=example_territory)
    mediator = UserFactory(role="mediator", territory=example_territory)
    ok = api_client.get(
        "/whoami", headers={"Authorization": f"Bearer {token_create(user=coordinator)}"}
    )
    assert ok.status_code == 200 and ok.json() == {"email": coordinator.email}
    refused = api_client.get(
        "/whoami", headers={"Authorization": f"Bearer {token_create(user=mediator)}"}
    )
    assert refused.status_code == 403


def test_missing_wrong_or_inactive_token_is_401(api_client, settings_example, example_territory):
    user = UserFactory(role="coordinator", territory=example_territory)
    key = token_create(user=user)
    assert api_client.get("/whoami").status_code == 401
    assert (
        api_client.get("/whoami", headers={"Authorization": "Bearer esp_wrong"}).status_code == 401
    )
    user.is_active = False
    user.save()
    assert api_client.get("/whoami", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_staff_login_page_and_dashboard(client, example_territory):
    user = UserFactory(role="mediator", territory=example_territory, email="m@example.org")
    assert client.get("/equipe/").status_code == 302
    response = client.post(
        "/equipe/connexion/", {"username": "m@example.org", "password": "mot-de-passe-de-test"}
    )
    assert response.status_code == 302
    page = client.get("/equipe/", HTTP_HOST="exemple.localhost")
    assert page.status_code == 200 and "Médiateur·rice" in page.content.decode()
    assert user.email in page.content.decode() or "Bonjour" in page.content.decode()
