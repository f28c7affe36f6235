"""Signed links for people without an account: see or cancel a registration, answer the survey.

A link carries the registration's key signed with SECRET_KEY (django.core.signing): it cannot
be guessed or altered, and it works without any login.
"""

from django.core import signing
from django.urls import reverse

from .conf import base_url

REGISTRATION_SALT = "espaces.events.registration"
SURVEY_SALT = "espaces.events.registration.survey"


def make_token(registration_pk: int, *, salt: str = REGISTRATION_SALT) -> str:
    return signing.dumps(registration_pk, salt=salt)


def read_token(token: str, *, salt: str = REGISTRATION_SALT) -> int | None:
    """The registration's primary key, or None when the link was altered."""
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def registration_path(registration) -> str:
    return reverse("events:registration", args=[make_token(registration.pk)])


def cancel_path(registration) -> str:
    return reverse("events:registration_cancel", args=[make_token(registration.pk)])


def survey_path(registration) -> str:
    return reverse("events:survey", args=[make_token(registration.pk, salt=SURVEY_SALT)])


def registration_url(registration) -> str:
    return base_url(lambda: registration.territory) + registration_path(registration)


def cancel_url(registration) -> str:
    return base_url(lambda: registration.territory) + cancel_path(registration)


def survey_url(registration) -> str:
    return base_url(lambda: registration.territory) + survey_path(registration)
