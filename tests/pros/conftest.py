"""The professionals' world on the example pack: two sites (A = centre, B = gare), two
prescribers of two structures (X, Y), a partner, a funder, mediators of each site, a
coordinator, and a coordinator and a prescriber of another territory."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from espaces.accounts.services import token_create
from espaces.events import sms
from espaces.pros.models import AvailabilitySlot
from espaces.territories.models import Partner, Site
from tests.factories import PartnerFactory, SiteFactory, TerritoryFactory, UserFactory


@pytest.fixture(autouse=True)
def pros_settings(settings):
    settings.SMS_BACKEND = "locmem"
    settings.ESPACES_BASE_URL = "http://testserver"
    sms.outbox.clear()
    cache.clear()
    yield settings
    sms.outbox.clear()
    cache.clear()


def next_weekday(weekday: int, weeks: int = 1) -> dt.date:
    """The date of `weekday` (0 = Monday) at least `weeks` weeks from today."""
    day = timezone.localdate() + dt.timedelta(days=7 * weeks)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def world(settings_example, example_territory):
    t = example_territory
    site_a = Site.objects.get(territory=t, slug="centre")
    site_b = Site.objects.get(territory=t, slug="gare")
    org_x = Partner.objects.get(territory=t, slug="usine-exemple")
    org_y = Partner.objects.get(territory=t, slug="agence-emploi")
    other = TerritoryFactory(slug="ailleurs")
    other_site = SiteFactory(territory=other, slug="loin")
    other_org = PartnerFactory(territory=other, slug="asso-loin")
    users = SimpleNamespace(
        mediator_a=UserFactory(
            email="med.a@example.org",
            first_name="Alex",
            role="mediator",
            territory=t,
            sites=[site_a],
        ),
        mediator_b=UserFactory(
            email="med.b@example.org", role="mediator", territory=t, sites=[site_b]
        ),
        prescriber_x=UserFactory(
            email="ps.x@example.org", role="prescriber", territory=t, organisation=org_x
        ),
        prescriber_y=UserFactory(
            email="ps.y@example.org", role="prescriber", territory=t, organisation=org_y
        ),
        partner=UserFactory(
            email="partner@example.org", role="partner", territory=t, organisation=org_x
        ),
        funder=UserFactory(email="funder@example.org", role="funder", territory=t),
        coordinator=UserFactory(email="coord@example.org", role="coordinator", territory=t),
        other_coordinator=UserFactory(
            email="coord@ailleurs.example", role="coordinator", territory=other
        ),
        other_prescriber=UserFactory(
            email="ps@ailleurs.example", role="prescriber", territory=other, organisation=other_org
        ),
    )
    # mediator A is free every weekday at site A, 9:00–12:00
    for weekday in range(5):
        AvailabilitySlot.objects.create(
            territory=t,
            mediator=users.mediator_a,
            site=site_a,
            weekday=weekday,
            start_time=dt.time(9),
            end_time=dt.time(12),
        )
    return SimpleNamespace(
        territory=t,
        site_a=site_a,
        site_b=site_b,
        org_x=org_x,
        org_y=org_y,
        other=other,
        other_site=other_site,
        users=users,
    )


@pytest.fixture
def bearer():
    def make(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}

    return make


def school_request_args(**extra) -> dict:
    start = next_weekday(1, weeks=2)
    return {
        "kind": "school",
        "uai": "9990001A",
        "level": "2nde",
        "participants": 24,
        "wished_periods": [{"from": start, "to": start + dt.timedelta(days=14)}],
        "place": "espace",
        "topics": "Les métiers des batteries",
        "contact_name": "Claire Professeure",
        "contact_email": "claire.prof@example.org",
        "contact_phone": "06 12 34 56 78",
        "consent": True,
        **extra,
    }
