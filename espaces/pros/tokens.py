"""Signed links for people without an account: a requester following their request (and
answering the survey), a structure referring people, a mediator's calendar feed."""

from django.core import signing
from django.urls import reverse

from espaces.events.conf import base_url

REQUEST_SALT = "espaces.pros.request"
SURVEY_SALT = "espaces.pros.request.survey"
STRUCTURE_SALT = "espaces.pros.structure-link"
FEED_SALT = "espaces.pros.mediator-feed"
REFERRAL_SALT = "espaces.pros.referral-status"


def make(pk: int, salt: str) -> str:
    return signing.dumps(pk, salt=salt)


def read(token: str, salt: str) -> int | None:
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def request_url(pro_request) -> str:
    return base_url() + reverse("pros:request_status", args=[make(pro_request.pk, REQUEST_SALT)])


def survey_url(pro_request) -> str:
    return base_url() + reverse("pros:request_survey", args=[make(pro_request.pk, SURVEY_SALT)])


def structure_url(link) -> str:
    return base_url() + reverse("pros:structure_refer", args=[make(link.pk, STRUCTURE_SALT)])


def referral_status_url(referral) -> str:
    return base_url() + reverse("pros:referral_status", args=[make(referral.pk, REFERRAL_SALT)])


def feed_url(user) -> str:
    return base_url() + reverse("pros:mediator_feed", args=[make(user.pk, FEED_SALT)])
