"""The review page partners open from the e-mail: signed link, 30-day expiry, no account."""

import time
from unittest import mock

import pytest
from django.utils import timezone

from espaces.services.models import ServiceReview
from espaces.services.review_links import (
    ReviewLinkExpired,
    ReviewLinkInvalid,
    review_path,
    review_token_make,
    review_token_partner,
)
from espaces.territories.models import Partner

DAY = 24 * 3600


@pytest.fixture
def agence(example):
    return Partner.objects.get(slug="agence-emploi")


def token_made_days_ago(partner, days: float) -> str:
    with mock.patch("django.core.signing.time.time", return_value=time.time() - days * DAY):
        return review_token_make(partner)


def test_token_round_trip_names_the_partner(agence):
    assert review_token_partner(review_token_make(agence)) == agence


def test_link_is_valid_29_days_and_expires_after_30(agence):
    assert review_token_partner(token_made_days_ago(agence, 29)) == agence
    with pytest.raises(ReviewLinkExpired, match="valable 30 jours"):
        review_token_partner(token_made_days_ago(agence, 30.1))


def test_tampered_link_is_invalid(agence):
    token = review_token_make(agence)
    with pytest.raises(ReviewLinkInvalid):
        review_token_partner(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))


def test_review_page_lists_the_partner_sheets_overdue_first(client, agence):
    response = client.get(review_path(agence))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Agence pour l&#x27;emploi d&#x27;exemple" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    names = [
        "Aide fictive pour passer le permis B",
        "Location de scooters au port",
        "Relais petite enfance",
        "Atelier numérique",  # fresh: last
    ]
    positions = [html.index(n) for n in names]
    assert positions == sorted(positions)
    assert "Crèche" not in html and "Bus de nuit" not in html  # other organisations
    assert "Tout est toujours à jour (3 fiches à relire)" in html


def test_partner_confirms_a_sheet_is_up_to_date(client, agence, services):
    url = review_path(agence)
    response = client.post(url, {"action": "confirm", "service": "aide-permis-exemple"})
    assert response.status_code == 302
    service = services["aide-permis-exemple"]
    service.refresh_from_db()
    assert service.last_verified_on == timezone.localdate()
    review = ServiceReview.objects.get(service=service)
    assert (review.kind, review.origin, review.partner, review.user) == (
        "confirmed",
        "link",
        agence,
        None,
    )
    assert "est confirmée à jour" in client.get(url).content.decode()


def test_partner_confirms_every_overdue_sheet_at_once(client, agence, services):
    client.post(review_path(agence), {"action": "confirm_all"})
    for slug in (
        "aide-permis-exemple",
        "location-scooter-exemple",
        "relais-petite-enfance-exemple",
    ):
        services[slug].refresh_from_db()
        assert services[slug].last_verified_on == timezone.localdate(), slug
    services["atelier-numerique-exemple"].refresh_from_db()
    assert services["atelier-numerique-exemple"].last_verified_on.year == 2025  # untouched


def test_partner_sends_a_correction_for_the_coordinators(client, agence, services):
    client.post(
        review_path(agence),
        {
            "action": "correction",
            "service": "location-scooter-exemple",
            "note": "Le tarif est passé à 3 euros.",
        },
    )
    review = ServiceReview.objects.get()
    assert (review.kind, review.note, review.partner) == (
        "correction",
        "Le tarif est passé à 3 euros.",
        agence,
    )
    assert review.is_pending
    services["location-scooter-exemple"].refresh_from_db()
    assert services["location-scooter-exemple"].last_verified_on.year == 2020  # not confirmed


def test_empty_correction_is_refused_and_nothing_is_lost(client, agence):
    response = client.post(
        review_path(agence),
        {"action": "correction", "service": "location-scooter-exemple", "note": "   "},
    )
    assert response.status_code == 400
    assert "Écrivez ce qui a changé" in response.content.decode()
    assert not ServiceReview.objects.exists()


def test_partner_cannot_touch_another_organisation_sheet(client, agence, services):
    response = client.post(
        review_path(agence), {"action": "confirm", "service": "creche-horaires-decales-exemple"}
    )
    assert response.status_code == 302
    services["creche-horaires-decales-exemple"].refresh_from_db()
    assert services["creche-horaires-decales-exemple"].last_verified_on.year == 2025
    assert not ServiceReview.objects.exists()


def test_expired_link_page_says_what_to_do(client, agence, services):
    token = token_made_days_ago(agence, 31)
    response = client.get(f"/lever-les-freins/verifier/{token}/")
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    post = client.post(
        f"/lever-les-freins/verifier/{token}/",
        {"action": "confirm", "service": "aide-permis-exemple"},
    )
    assert post.status_code == 410
    services["aide-permis-exemple"].refresh_from_db()
    assert services["aide-permis-exemple"].last_verified_on is None


def test_forged_link_is_404(client, example):
    response = client.get("/lever-les-freins/verifier/n-importe-quoi/")
    assert response.status_code == 404
    assert "Ce lien n&#x27;est pas valable" in response.content.decode()
