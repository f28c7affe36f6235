"""Two territories in one database: A = the example pack (`exemple`, exemple.localhost) and
B = the Quetzal pack (`exemple-b`, exemple-b.localhost), each with sessions, visits, follow-up
files, referrals and completed questionnaires, and every role of RECEPTION in each.

Every name of B contains « Quetzal »; the names of A are collected in `a_names`. Several slugs
are the same in both packs on purpose (site `centre`, métier `soudeur`, partner
`usine-exemple`, service `bus-de-nuit-exemple`, event type `atelier-metiers`)."""

import datetime as dt
import html
from types import SimpleNamespace

import pytest
from django.utils import timezone

from espaces.accounts.services import token_create
from espaces.events.enums import AttendanceStatus, RegistrationStatus
from espaces.events.models import EventType, School
from espaces.orientation.models import OrientationCompletion
from espaces.reception.models import VisitOption
from espaces.rome.models import RomeAppellation, RomeFiche
from espaces.services.models import Service, Structure
from espaces.territories.models import Partner, Project, Site, Territory
from tests.conftest import EXAMPLE_PACK, ROOT
from tests.events.factories import RegistrationFactory, SessionFactory
from tests.factories import UserFactory
from tests.pack_snapshots import load_packs
from tests.reception.factories import BeneficiaryFactory, ReferralFactory, VisitFactory

EXAMPLE_B_PACK = ROOT / "data" / "packs" / "example-b"
HOST_A = "exemple.localhost"
HOST_B = "exemple-b.localhost"
B_MARKER = "quetzal"


def _at(days: int, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _build(territory: Territory, *, marker: str, visitors: int, professionals: int, surveys: int):
    """Sessions (future, held, school), visits, a file, a referral and completions."""
    site = Site.objects.get(territory=territory, slug="centre")
    partner = Partner.objects.get(territory=territory, slug="usine-exemple")
    atelier = EventType.objects.get(territory=territory, slug="atelier-metiers")
    school_type = EventType.objects.get(territory=territory, slug="intervention-lycee")
    school = School.objects.filter(territory=territory).order_by("uai").first()
    users = SimpleNamespace(
        mediator=UserFactory(
            email=f"med@{marker}.example", role="mediator", territory=territory, sites=[site]
        ),
        partner=UserFactory(
            email=f"partner@{marker}.example",
            role="partner",
            territory=territory,
            organisation=partner,
        ),
        funder=UserFactory(email=f"funder@{marker}.example", role="funder", territory=territory),
        coordinator=UserFactory(
            email=f"coord@{marker}.example", role="coordinator", territory=territory
        ),
    )
    future = SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        title=f"Séance {marker} à venir",
        start=_at(10),
        end=_at(10, 16),
        capacity=12,
    )
    held = SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        title=f"Séance {marker} passée",
        start=_at(-3),
        end=_at(-3, 16),
        capacity=12,
    )
    for n in range(6):
        RegistrationFactory(
            session=held,
            last_name=f"Inscrit{marker}{n}",
            status=RegistrationStatus.CONFIRMED,
            attendance=AttendanceStatus.PRESENT,
        )
    RegistrationFactory(session=future, last_name=f"Futur{marker}")
    for day in range(1, 6):  # five classes met: enough to be published (k = 5)
        classe = SessionFactory(
            territory=territory,
            site=site,
            event_type=school_type,
            title=f"Classe {marker} {day}",
            start=_at(-day - 5, 9),
            end=_at(-day - 5, 11),
            capacity=35,
        )
        RegistrationFactory(
            session=classe,
            last_name=f"Classe{marker}{day}",
            school=school,
            seats=24,
            attendance=AttendanceStatus.PRESENT,
        )
    visit = VisitFactory(
        site=site,
        recorded_by=users.mediator,
        group_size=visitors,
        date=timezone.localdate() - dt.timedelta(days=2),
        purpose="information-metiers",
        channel="spontane",
    )
    VisitFactory(
        site=site,
        recorded_by=users.mediator,
        public_category="professionnel_accompagnement",
        group_size=professionals,
        date=timezone.localdate() - dt.timedelta(days=2),
    )
    beneficiary = BeneficiaryFactory(
        territory=territory,
        site=site,
        referent=users.mediator,
        first_name=f"Prénom{marker}",
        last_name=f"Personne{marker}",
    )
    referral = ReferralFactory(
        beneficiary=beneficiary, partner=partner, message=f"Orientation {marker} vers l'usine."
    )
    OrientationCompletion.objects.bulk_create(
        OrientationCompletion(territory=territory, date=timezone.localdate(), site=site)
        for _ in range(surveys)
    )
    return SimpleNamespace(
        territory=territory,
        site=site,
        partner=partner,
        users=users,
        future=future,
        held=held,
        visit=visit,
        beneficiary=beneficiary,
        referral=referral,
        visitors=visitors,
        professionals=professionals,
        surveys=surveys,
    )


def names_of(territory: Territory) -> list[str]:
    """Distinctive names of a territory's records (long enough not to be ordinary words)."""
    from espaces.catalogue.models import Metier
    from espaces.events.models import Session
    from espaces.reception.models import Beneficiary

    names = {territory.name}
    for model, fieldname in (
        (Site, "name"),
        (Project, "name"),
        (Partner, "name"),
        (Metier, "title"),
        (Service, "nom"),
        (Structure, "nom"),
        (Session, "title"),
        (School, "name"),
        (EventType, "name"),
        (Beneficiary, "last_name"),
    ):
        names |= set(model.objects.filter(territory=territory).values_list(fieldname, flat=True))
    names |= set(
        VisitOption.objects.filter(territory=territory, label__icontains="quetzal").values_list(
            "label", flat=True
        )
    )
    # The ROME is national: its labels (« Soudeur / Soudeuse ») are shown in every territory.
    national = set(RomeFiche.objects.values_list("label", flat=True)) | set(
        RomeAppellation.objects.values_list("label", flat=True)
    )
    return sorted(n for n in names if n and len(n) >= 10 and n not in national)


def private_names_of(world) -> list[str]:
    """Names only the staff of the territory may see (people, referrals, sessions' people)."""
    return [
        world.beneficiary.last_name,
        world.beneficiary.first_name,
        world.referral.message,
        *world.held.registrations.values_list("last_name", flat=True),
    ]


@pytest.fixture
def two(db, settings):
    """A and B loaded in one database, A the default territory."""
    settings.ESPACES_TERRITORY = "exemple"
    settings.ALLOWED_HOSTS = ["*"]
    settings.SMS_BACKEND = "locmem"
    settings.ESPACES_BASE_URL = "http://testserver"
    load_packs(EXAMPLE_PACK, EXAMPLE_B_PACK)  # restored from a snapshot (tests/pack_snapshots.py)
    a = _build(
        Territory.objects.get(slug="exemple"),
        marker="alpha",
        visitors=11,
        professionals=7,
        surveys=6,
    )
    b = _build(
        Territory.objects.get(slug="exemple-b"),
        marker="quetzal",
        visitors=37,
        professionals=3,
        surveys=9,
    )
    admin = UserFactory(email="admin@example.org", role="admin", territory=a.territory)
    return SimpleNamespace(
        a=a, b=b, admin=admin, a_names=names_of(a.territory), b_names=names_of(b.territory)
    )


@pytest.fixture
def bearer():
    def make(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}

    return make


def text_of(response) -> str:
    """The answer's text as a reader sees it (HTML entities decoded), streamed or not."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    try:
        return html.unescape(raw.decode("utf-8"))
    except UnicodeDecodeError:  # binary exports (xlsx, pdf): search the bytes as latin-1
        return raw.decode("latin-1")


def leaks_of_b(text: str) -> bool:
    return B_MARKER in text.lower()


def leaks_of_a(text: str, a_names: list[str]) -> list[str]:
    return [name for name in a_names if name in text]
