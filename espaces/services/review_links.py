"""Signed links that let a partner review their service sheets without an account."""

import datetime as dt

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext

from espaces.territories.models import Partner

REVIEW_SALT = "espaces.services.review"
REVIEW_LINK_MAX_AGE = dt.timedelta(days=30)


class ReviewLinkError(Exception):
    """The link cannot be used; the message says what to do, in French."""


class ReviewLinkExpired(ReviewLinkError):
    pass


class ReviewLinkInvalid(ReviewLinkError):
    pass


def review_token_make(partner: Partner) -> str:
    return signing.dumps(
        {"partner": partner.pk, "territory": partner.territory_id}, salt=REVIEW_SALT
    )


def review_token_partner(token: str) -> Partner:
    """The partner a review link was sent to; raises ReviewLinkExpired after 30 days and
    ReviewLinkInvalid for a tampered or unknown link."""
    try:
        data = signing.loads(token, salt=REVIEW_SALT, max_age=REVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ReviewLinkExpired(
            gettext(
                "Ce lien a expiré : il est valable 30 jours. Demandez un nouveau lien à la "
                "coordination des Espaces."
            )
        ) from exc
    except signing.BadSignature as exc:
        raise ReviewLinkInvalid(
            gettext(
                "Ce lien n'est pas valable. Vérifiez qu'il a été copié en entier depuis le courriel."
            )
        ) from exc
    partner = (
        Partner.objects.select_related("territory")
        .filter(pk=data.get("partner"), territory_id=data.get("territory"))
        .first()
    )
    if partner is None:
        raise ReviewLinkInvalid(
            gettext("Ce lien ne correspond plus à aucune organisation partenaire.")
        )
    return partner


def review_path(partner: Partner) -> str:
    return reverse("services:review", args=[review_token_make(partner)])
