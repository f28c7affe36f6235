import pytest

from espaces.events import sms
from tests.factories import CommuneFactory, SiteFactory, TerritoryFactory

from .factories import EventTypeFactory, SessionFactory


@pytest.fixture(autouse=True)
def events_settings(settings):
    """Messages stay in memory; links point to the test server."""
    settings.SMS_BACKEND = "locmem"
    settings.ESPACES_BASE_URL = "http://testserver"
    settings.ESPACES_REMINDER_HOURS = 48
    settings.ESPACES_REGISTRATION_RETENTION_DAYS = 90
    sms.outbox.clear()
    yield settings
    sms.outbox.clear()


@pytest.fixture
def territory(db, settings):
    """A territory served by default (requests without a known host land on it)."""
    territory = TerritoryFactory(slug="agglo", name="Agglomération de test", short_name="Agglo")
    settings.ESPACES_TERRITORY = territory.slug
    return territory


@pytest.fixture
def commune(territory):
    return CommuneFactory(territory=territory, insee="99101", name="Ville-Test")


@pytest.fixture
def site(territory, commune):
    return SiteFactory(territory=territory, slug="centre", name="Espace du centre", commune=commune)


@pytest.fixture
def other_site(territory, commune):
    return SiteFactory(territory=territory, slug="gare", name="Espace de la gare", commune=commune)


@pytest.fixture
def atelier(territory):
    return EventTypeFactory(
        territory=territory, slug="atelier", name="Atelier métiers", kind="atelier"
    )


@pytest.fixture
def session(territory, site, atelier):
    return SessionFactory(territory=territory, site=site, event_type=atelier, capacity=3)


def person(n: int = 0, **extra) -> dict:
    """Arguments of registration_create for one fictional person."""
    return {
        "first_name": "Camille",
        "last_name": f"Martin{n}",
        "email": f"camille{n}@example.org",
        "consent": True,
        **extra,
    }
