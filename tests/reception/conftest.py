"""The reception world: two sites (A = centre, B = gare), two partners (X, Y), every role,
and a coordinator of another territory."""

from types import SimpleNamespace

import pytest

from espaces.accounts.services import token_create
from espaces.territories.models import Partner, Site
from tests.factories import SiteFactory, TerritoryFactory, UserFactory

from .factories import BeneficiaryFactory, ReferralFactory, VisitFactory


@pytest.fixture
def world(settings_example, example_territory):
    t = example_territory
    site_a = Site.objects.get(territory=t, slug="centre")
    site_b = Site.objects.get(territory=t, slug="gare")
    partner_x = Partner.objects.get(territory=t, slug="usine-exemple")
    partner_y = Partner.objects.get(territory=t, slug="agence-emploi")
    partner_x.contact_email = "contact@usine.example"
    partner_x.save()
    other = TerritoryFactory(slug="ailleurs")
    other_site = SiteFactory(territory=other, slug="loin")
    users = SimpleNamespace(
        mediator_a=UserFactory(
            email="med.a@example.org", role="mediator", territory=t, sites=[site_a]
        ),
        mediator_b=UserFactory(
            email="med.b@example.org", role="mediator", territory=t, sites=[site_b]
        ),
        partner_x=UserFactory(
            email="px@example.org", role="partner", territory=t, organisation=partner_x
        ),
        partner_y=UserFactory(
            email="py@example.org", role="partner", territory=t, organisation=partner_y
        ),
        funder=UserFactory(email="funder@example.org", role="funder", territory=t),
        coordinator=UserFactory(email="coord@example.org", role="coordinator", territory=t),
        other_coordinator=UserFactory(
            email="coord@ailleurs.example", role="coordinator", territory=other
        ),
    )
    visit_a = VisitFactory(site=site_a, recorded_by=users.mediator_a, purpose="atelier")
    beneficiary = BeneficiaryFactory(territory=t, site=site_a, referent=users.mediator_a)
    referral_x = ReferralFactory(beneficiary=beneficiary, partner=partner_x)
    return SimpleNamespace(
        territory=t,
        site_a=site_a,
        site_b=site_b,
        partner_x=partner_x,
        partner_y=partner_y,
        other=other,
        other_site=other_site,
        users=users,
        visit_a=visit_a,
        beneficiary=beneficiary,
        referral_x=referral_x,
    )


@pytest.fixture
def bearer():
    """Authorization header for a user: bearer(user) → {'HTTP_AUTHORIZATION': ...}."""

    def make(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}

    return make
