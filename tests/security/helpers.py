"""Logging staff in, in tests, with the second factor done (for tests that set
ESPACES_OTP_REQUIRED_ROLES, or accounts with a device). `client.force_login(user)` alone is
enough under the test settings, where the second factor is optional."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from espaces.ops.middleware import HAS_DEVICE


def login_verified(client, user) -> TOTPDevice:
    """Logs `user` in as after a password and a valid TOTP code; returns the device."""
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="Téléphone de test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[HAS_DEVICE] = True
    session.save()
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the person's app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
