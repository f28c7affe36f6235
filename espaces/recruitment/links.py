"""Signed links that let an employer answer a candidacy without an account (same pattern as
espaces/reception/referral_links.py): the token carries the candidacy id and its
`link_version`, is signed with SECRET_KEY and expires after ESPACES_CANDIDACY_LINK_DAYS."""

from django.core import signing
from django.urls import reverse

from espaces.reception.conf import base_url

from .conf import candidacy_link_days
from .models import Candidacy

SALT = "espaces.recruitment.candidacy-link"


def candidacy_token(candidacy: Candidacy) -> str:
    return signing.dumps({"c": candidacy.pk, "v": candidacy.link_version}, salt=SALT, compress=True)


def candidacy_link(candidacy: Candidacy) -> str:
    path = reverse("recruitment:candidacy_link", kwargs={"token": candidacy_token(candidacy)})
    return base_url() + path


def candidacy_from_token(token: str) -> Candidacy | None:
    """The candidacy of a valid, unexpired, current token; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=candidacy_link_days() * 86400)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict):
        return None
    candidacy = (
        Candidacy.objects.select_related("offer__employer", "beneficiary", "territory")
        .filter(pk=data.get("c"), link_version=data.get("v"))
        .first()
    )
    if candidacy is None or candidacy.beneficiary.is_anonymised:
        return None
    return candidacy
