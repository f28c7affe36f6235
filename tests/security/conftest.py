import pytest


@pytest.fixture
def otp_required(settings):
    """The production rule: the second factor is mandatory for admins and coordinators."""
    settings.ESPACES_OTP_REQUIRED_ROLES = ["admin", "coordinator"]
    return settings
