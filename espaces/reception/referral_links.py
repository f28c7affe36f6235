"""Signed links that let a partner answer a referral without an account.

The token carries the referral id and its `link_version` and is signed with SECRET_KEY
(django.core.signing); it expires after ESPACES_REFERRAL_LINK_DAYS. Raising `link_version`
invalidates every link already sent."""

from django.core import signing
from django.urls import reverse

from .conf import base_url, referral_link_days
from .models import Referral

SALT = "espaces.reception.referral-link"


def referral_token(referral: Referral) -> str:
    return signing.dumps({"r": referral.pk, "v": referral.link_version}, salt=SALT, compress=True)


def referral_link(referral: Referral) -> str:
    """The absolute address of the answer page for the partner."""
    path = reverse("reception:referral_link", kwargs={"token": referral_token(referral)})
    return base_url(lambda: referral.territory) + path


def referral_from_token(token: str) -> Referral | None:
    """The referral of a valid, unexpired, current token; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=referral_link_days() * 86400)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict):
        return None
    referral = (
        Referral.objects.select_related("partner", "beneficiary", "territory")
        .filter(pk=data.get("r"), link_version=data.get("v"))
        .first()
    )
    if referral is None or referral.beneficiary.is_anonymised:
        return None
    return referral
