"""The statistics world: the example territory with every role, an account of another
territory, and helpers to record visits, files and sessions with known figures."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from espaces.accounts.services import token_create
from espaces.territories.models import Partner, Site
from tests.factories import SiteFactory, TerritoryFactory, UserFactory

SEMESTER = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))


def aware(day: dt.date, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def world(settings_example, example_territory):
    t = example_territory
    centre = Site.objects.get(territory=t, slug="centre")
    gare = Site.objects.get(territory=t, slug="gare")
    partner = Partner.objects.get(territory=t, slug="usine-exemple")
    other = TerritoryFactory(slug="ailleurs")
    SiteFactory(territory=other, slug="loin")
    users = SimpleNamespace(
        mediator=UserFactory(email="med@example.org", role="mediator", territory=t, sites=[centre]),
        partner=UserFactory(
            email="partner@example.org", role="partner", territory=t, organisation=partner
        ),
        funder=UserFactory(email="funder@example.org", role="funder", territory=t),
        coordinator=UserFactory(email="coord@example.org", role="coordinator", territory=t),
        other_coordinator=UserFactory(
            email="coord@ailleurs.example", role="coordinator", territory=other
        ),
    )
    return SimpleNamespace(territory=t, centre=centre, gare=gare, partner=partner, users=users)


@pytest.fixture
def bearer():
    def make(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}

    return make


@pytest.fixture
def semester(world):
    """Known figures for January–June 2025 in the example territory (and a few outside)."""
    from espaces.catalogue.models import Metier
    from espaces.events.enums import AttendanceStatus, EventKind, RegistrationStatus
    from espaces.events.models import EventType, Registration
    from espaces.orientation.models import OrientationCompletion, OrientationResult
    from espaces.reception.enums import ExitOutcome, FollowUpOutcome, ReferralStatus
    from espaces.reception.models import FollowUp, JournalEntry, Referral
    from espaces.territories.models import Commune
    from tests.events.factories import RegistrationFactory, SchoolFactory, SessionFactory
    from tests.reception.factories import BeneficiaryFactory, ReferralFactory, VisitFactory

    t, centre, gare = world.territory, world.centre, world.gare
    ville = Commune.objects.get(territory=t, insee="99001")
    day = dt.date(2025, 3, 10)
    visit = dict(site=centre, date=day, commune=ville, channel="spontane", purpose="atelier")
    VisitFactory(public_category="demandeur_emploi", gender="femme", age_band="30_54", qpv="oui",
                 group_size=1, **visit)  # fmt: skip
    VisitFactory(public_category="demandeur_emploi", gender="homme", age_band="18_29", qpv="non",
                 group_size=1, **visit)  # fmt: skip
    VisitFactory(public_category="stagiaire_formation", gender="homme", age_band="18_29",
                 qpv="non", group_size=8, **{**visit, "date": dt.date(2025, 4, 2)})  # fmt: skip
    VisitFactory(public_category="habitant", gender="femme", age_band="55_plus", qpv="inconnu",
                 group_size=2, **{**visit, "commune": None, "channel": ""})  # fmt: skip
    VisitFactory(public_category="professionnel_accompagnement", gender="femme", group_size=4,
                 **visit)  # fmt: skip
    # outside the semester: not counted
    VisitFactory(public_category="demandeur_emploi", site=gare, date=dt.date(2025, 7, 3))

    atelier = EventType.objects.get(territory=t, slug="atelier-metiers")
    school_type = EventType.objects.get(territory=t, kind=EventKind.INTERVENTION_SCOLAIRE)
    session = SessionFactory(territory=t, event_type=atelier, site=centre, capacity=10,
                             start=aware(day), end=aware(day, 16))  # fmt: skip
    for attendance in ["present", "present", "present", "absent"]:
        RegistrationFactory(session=session, attendance=attendance)
    RegistrationFactory(session=session, status=RegistrationStatus.CANCELLED)
    school = SchoolFactory(territory=t, name="Lycée des tests", uai="9990099Z")
    class_session = SessionFactory(territory=t, event_type=school_type, site=centre, capacity=35,
                                   start=aware(day, 9), end=aware(day, 11))  # fmt: skip
    RegistrationFactory(session=class_session, school=school, seats=24,
                        attendance=AttendanceStatus.PRESENT, email="")  # fmt: skip
    session.metiers.add(Metier.objects.get(territory=t, slug="soudeur"))

    # follow-up files opened in the semester (ESF+ participants)
    woman = BeneficiaryFactory(territory=t, site=centre, gender="femme", age_band="30_54",
                               employment_status="demandeur_emploi", long_term_unemployed=True,
                               education_level="cite_0_2", disability="oui",
                               opened_on=day, exited_on=dt.date(2025, 5, 2),
                               exit_outcome=ExitOutcome.EN_EMPLOI)  # fmt: skip
    man = BeneficiaryFactory(territory=t, site=centre, gender="homme", age_band="18_29",
                             employment_status="inactif", education_level="cite_3_4",
                             opened_on=day)  # fmt: skip
    BeneficiaryFactory(territory=t, site=centre, gender="autre", employment_status="salarie",
                       opened_on=dt.date(2025, 6, 1))  # fmt: skip
    BeneficiaryFactory(territory=t, site=centre, gender="femme", opened_on=dt.date(2024, 11, 5))
    FollowUp.objects.create(territory=t, beneficiary=woman, due_on=dt.date(2025, 11, 2),
                            done_on=dt.date(2025, 11, 5), outcome=FollowUpOutcome.EN_EMPLOI)  # fmt: skip

    # the woman explored an industrial job with the questionnaire; the man attended the session
    OrientationResult.objects.create(
        territory=t,
        code="ABCD2345",
        questionnaire_version="1",
        results=[
            {"slug": "docker", "title": "Docker", "sectors": ["logistique-port"]},
            {"slug": "soudeur", "title": "Soudeur", "sectors": ["batteries"]},
        ],
    )
    JournalEntry.objects.create(beneficiary=woman, kind="orientation", occurred_on=day,
                                reference="abcd-2345")  # fmt: skip
    registration = Registration.objects.filter(session=session, attendance="present").first()
    man.registrations.add(registration)
    for site, top in ((centre, ["soudeur", "docker"]), (None, ["soudeur"]), (centre, ["cariste"])):
        OrientationCompletion.objects.create(
            territory=t, date=day, site=site, top_metiers=top, top_sectors=["batteries"]
        )

    ReferralFactory(beneficiary=woman, partner=world.partner)
    ReferralFactory(beneficiary=man, partner=world.partner, status=ReferralStatus.EN_EMPLOI)
    ReferralFactory(beneficiary=man, partner=world.partner, status=ReferralStatus.REFUSEE,
                    refusal_reason="Session complète")  # fmt: skip
    Referral.objects.filter(territory=t).update(created_at=aware(day))
    return world
