"""The recruitment world of the example territory: employers X (usine-exemple) and Y, their
employer accounts, mediators, a coordinator, a funder, a partner, and a coordinator and an
employer of another territory; an open offer of each employer, a consenting person and a
candidacy on X's offer."""

from types import SimpleNamespace

import pytest

from espaces.accounts.services import token_create
from espaces.territories.enums import PartnerKind
from espaces.territories.models import Partner, Site
from tests.factories import PartnerFactory, SiteFactory, TerritoryFactory, UserFactory
from tests.reception.factories import BeneficiaryFactory

from .factories import CandidacyFactory, OfferFactory


@pytest.fixture
def world(settings_example, example_territory):
    t = example_territory
    site_a = Site.objects.get(territory=t, slug="centre")
    employer_x = Partner.objects.get(territory=t, slug="usine-exemple")
    employer_x.contact_email = "rh@usine.example"
    employer_x.save()
    employer_y = PartnerFactory(
        territory=t, slug="autre-usine", name="Autre usine", kind=PartnerKind.EMPLOYER
    )
    agency = Partner.objects.get(territory=t, slug="agence-emploi")
    other = TerritoryFactory(slug="ailleurs")
    SiteFactory(territory=other, slug="loin")
    employer_other = PartnerFactory(territory=other, slug="usine-ailleurs", kind="employer")
    users = SimpleNamespace(
        mediator=UserFactory(email="med@example.org", role="mediator", territory=t, sites=[site_a]),
        employer_x=UserFactory(
            email="rh.x@example.org", role="employer", territory=t, organisation=employer_x
        ),
        employer_y=UserFactory(
            email="rh.y@example.org", role="employer", territory=t, organisation=employer_y
        ),
        partner=UserFactory(
            email="agence@example.org", role="partner", territory=t, organisation=agency
        ),
        funder=UserFactory(email="funder@example.org", role="funder", territory=t),
        coordinator=UserFactory(email="coord@example.org", role="coordinator", territory=t),
        other_coordinator=UserFactory(
            email="coord@ailleurs.example", role="coordinator", territory=other
        ),
        other_employer=UserFactory(
            email="rh@ailleurs.example",
            role="employer",
            territory=other,
            organisation=employer_other,
        ),
    )
    offer_x = OfferFactory(employer=employer_x, title="Soudeur", rome=["H2913"], posts=3)
    offer_y = OfferFactory(employer=employer_y, title="Cariste", rome=["N1101"], posts=1)
    beneficiary = BeneficiaryFactory(
        territory=t, site=site_a, referent=users.mediator, gender="femme"
    )
    candidacy_x = CandidacyFactory(offer=offer_x, beneficiary=beneficiary)
    return SimpleNamespace(
        territory=t,
        site_a=site_a,
        employer_x=employer_x,
        employer_y=employer_y,
        other=other,
        users=users,
        offer_x=offer_x,
        offer_y=offer_y,
        beneficiary=beneficiary,
        candidacy_x=candidacy_x,
    )


@pytest.fixture
def bearer():
    def make(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}

    return make
