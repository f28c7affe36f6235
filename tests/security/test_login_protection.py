"""Login protection: lock-out after repeated failures (django-axes), TOTP second factor for
staff (django-otp), staff session limit, password rules."""

import datetime as dt
import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from espaces.ops.middleware import LOGIN_AT
from tests.conftest import run_command
from tests.factories import UserFactory

from .helpers import current_code, login_verified

LOGIN = "/equipe/connexion/"
PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def mediator(example_territory):
    return UserFactory(role="mediator", territory=example_territory, email="m@exemple.org")


@pytest.fixture
def coordinator(example_territory):
    return UserFactory(role="coordinator", territory=example_territory, email="c@exemple.org")


def _login(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


# Lock-out ------------------------------------------------------------------------------


def test_five_failures_lock_the_login_out_with_a_french_page(client, mediator):
    for _ in range(4):
        response = _login(client, mediator.email, "mauvais")
        assert response.status_code == 200  # the form again, with its error
    locked = _login(client, mediator.email, "mauvais")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Connexion momentanément bloquée" in page and "15 minutes" in page
    # Even the right password is refused during the lock-out.
    again = _login(client, mediator.email, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_out_ends_after_fifteen_minutes(client, mediator):
    for _ in range(5):
        _login(client, mediator.email, "mauvais")
    assert _login(client, mediator.email, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    response = _login(client, mediator.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(mediator.pk)


def test_case_changes_count_towards_the_same_lock_out(client, mediator):
    for variant in ["M@exemple.org", "m@EXEMPLE.org", " m@exemple.org", "M@Exemple.Org"]:
        _login(client, variant, "mauvais")
    assert _login(client, "m@exemple.ORG", "mauvais").status_code == 429


def test_lock_out_is_per_login_and_address(client, mediator, example_territory):
    colleague = UserFactory(role="mediator", territory=example_territory, email="autre@exemple.org")
    for _ in range(5):
        _login(client, mediator.email, "mauvais")
    # A colleague at the same desk still logs in; the same login from elsewhere too.
    assert _login(client, colleague.email, PASSWORD).status_code == 302
    client.logout()
    assert _login(client, mediator.email, PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_client_address_comes_from_the_trusted_proxy(client, mediator, settings):
    settings.ESPACES_PROXY_COUNT = 1
    for n in range(5):
        # The client forges a first address; nginx appends the real one (rightmost).
        _login(client, mediator.email, "mauvais", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.7")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "203.0.113.7" and attempt.failures_since_start == 5
    blocked = _login(client, mediator.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429


def test_successful_login_resets_the_failure_count(client, mediator):
    for _ in range(3):
        _login(client, mediator.email, "mauvais")
    assert _login(client, mediator.email, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


# Second factor -------------------------------------------------------------------------


def test_coordinator_must_set_up_totp_before_anything_else(client, coordinator, otp_required):
    response = _login(client, coordinator.email, PASSWORD)
    assert response.status_code == 302
    dashboard = client.get("/equipe/")
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith("/equipe/securite/double-authentification/")
    assert client.get("/admin/").status_code == 302
    assert client.get("/equipe/accueil/").status_code == 302

    setup = client.get(dashboard["Location"])
    page = setup.content.decode()
    assert setup.status_code == 200 and "Activer la double authentification" in page
    assert "<svg" in page and "QR code" in page
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    secret = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) >= 32

    wrong = client.post(setup.request["PATH_INFO"], {"action": "confirmer", "code": "000000"})
    assert wrong.status_code == 400 and "Code incorrect" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    throttled = client.post(setup.request["PATH_INFO"], {"action": "confirmer", "code": "1"})
    assert "Trop de codes erronés" in throttled.content.decode()

    device.throttle_reset()  # the person waits a few seconds
    code = current_code(device)
    done = client.post(
        "/equipe/securite/double-authentification/",
        {"action": "confirmer", "code": code[:3] + " " + code[3:], "next": "/equipe/"},
    )
    assert done.status_code == 302 and done["Location"] == "/equipe/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/equipe/").status_code == 200


def test_account_with_a_device_is_asked_for_its_code_at_each_login(
    client, coordinator, otp_required
):
    device = TOTPDevice.objects.create(user=coordinator, name="Téléphone", confirmed=True)
    _login(client, coordinator.email, PASSWORD)
    response = client.get("/equipe/")
    assert response.status_code == 302
    assert response["Location"] == "/equipe/securite/verification/?next=%2Fequipe%2F"

    verify = client.get(response["Location"])
    assert verify.status_code == 200 and "Code de connexion" in verify.content.decode()
    wrong = client.post("/equipe/securite/verification/", {"code": "12", "next": "/equipe/"})
    assert wrong.status_code == 400 and "Code incorrect" in wrong.content.decode()
    assert client.get("/equipe/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # the person waits a few seconds
    ok = client.post(
        "/equipe/securite/verification/", {"code": current_code(device), "next": "/equipe/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/equipe/"
    assert client.get("/equipe/").status_code == 200


def test_verification_refuses_foreign_redirects(client, coordinator, otp_required):
    device = TOTPDevice.objects.create(user=coordinator, name="Téléphone", confirmed=True)
    _login(client, coordinator.email, PASSWORD)
    ok = client.post(
        "/equipe/securite/verification/",
        {"code": current_code(device), "next": "https://exemple.invalid/piege"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/equipe/"


def test_repeated_wrong_codes_are_throttled(client, coordinator, otp_required):
    device = TOTPDevice.objects.create(user=coordinator, name="Téléphone", confirmed=True)
    _login(client, coordinator.email, PASSWORD)
    client.post("/equipe/securite/verification/", {"code": "000000"})
    throttled = client.post("/equipe/securite/verification/", {"code": current_code(device)})
    assert throttled.status_code == 400 and "Trop de codes erronés" in throttled.content.decode()
    assert client.get("/equipe/").status_code == 302


def test_mediator_without_device_is_not_asked_for_a_code(client, mediator, otp_required):
    assert _login(client, mediator.email, PASSWORD).status_code == 302
    assert client.get("/equipe/").status_code == 200


def test_mediator_may_turn_the_optional_second_factor_on_and_off(client, mediator, otp_required):
    client.force_login(mediator)
    page = client.get("/equipe/securite/double-authentification/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=mediator)
    client.post(
        "/equipe/securite/double-authentification/",
        {"action": "confirmer", "code": current_code(device)},
    )
    status = client.get("/equipe/securite/double-authentification/").content.decode()
    assert "activée" in status and "Désactiver" in status
    client.post("/equipe/securite/double-authentification/", {"action": "desactiver"})
    assert not TOTPDevice.objects.filter(user=mediator).exists()
    assert client.get("/equipe/").status_code == 200


def test_coordinator_cannot_turn_the_mandatory_second_factor_off(client, coordinator, otp_required):
    login_verified(client, coordinator)
    page = client.get("/equipe/securite/double-authentification/").content.decode()
    assert "obligatoire pour votre rôle" in page and "Désactiver" not in page
    client.post("/equipe/securite/double-authentification/", {"action": "desactiver"})
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_helper_logs_in_with_the_second_factor_done(client, coordinator, otp_required):
    login_verified(client, coordinator)
    assert client.get("/equipe/").status_code == 200


def test_force_login_is_enough_under_the_test_settings(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/equipe/").status_code == 200


def test_api_is_not_redirected_while_the_second_factor_is_pending(
    client, coordinator, otp_required, settings_example
):
    client.force_login(coordinator)
    assert client.get("/api/v1/territory").status_code == 200


def test_reset_otp_command_removes_the_devices(coordinator):
    TOTPDevice.objects.create(user=coordinator, name="Téléphone", confirmed=True)
    output = run_command("reset_otp", "C@exemple.org")
    assert "réinitialisée" in output
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


# Session -------------------------------------------------------------------------------


def test_staff_session_ends_when_the_browser_closes(client, mediator):
    response = _login(client, mediator.email, PASSWORD)
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_staff_session_expires_eight_hours_after_login(client, mediator, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    _login(client, mediator.email, PASSWORD)
    assert client.get("/equipe/").status_code == 200
    session = client.session
    session[LOGIN_AT] = int(time.time()) - 8 * 3600 - 60
    session.save()
    response = client.get("/equipe/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Votre session a expiré" in page


# Passwords -----------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["court", "1234567890123", "motdepasse", "m@exemple.org1"])
def test_weak_passwords_are_refused(password, mediator):
    with pytest.raises(ValidationError):
        validate_password(password, user=mediator)
