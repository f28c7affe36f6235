"""Demo events for `espaces demo_data`: past sessions since October 2024 with registrations and
attendance, and the next 8 weeks at every site, of every type, some nearly full and some full
with people waiting. Names are fictional; e-mail addresses use the reserved example.org domain.
"""

import datetime as dt
import random
import unicodedata

from django.db import transaction
from django.utils import timezone

from espaces.common.enums import PublicCategory
from espaces.territories.models import Partner, Site, Territory

from . import conf
from .enums import (
    AttendanceStatus,
    ClassLevel,
    EventKind,
    RegistrationChannel,
    RegistrationStatus,
    SessionStatus,
    SurveyDiscovery,
    SurveyNextStep,
)
from .models import EventType, Registration, School, Session, SurveyResponse

DEMO_START = dt.date(2024, 10, 1)
UPCOMING_WEEKS = 8

FIRST_NAMES = [
    "Camille", "Léa", "Inès", "Sarah", "Manon", "Yasmine", "Chloé", "Nadia", "Julie", "Amandine",
    "Lucas", "Hugo", "Karim", "Thomas", "Mehdi", "Kevin", "Nicolas", "Jordan", "Bilal", "Dylan",
    "Sandrine", "Christophe", "Fatima", "Patrick", "Aurélie", "Mickaël", "Samia", "Rachid",
]  # fmt: skip
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Lefebvre", "Leroy", "Roux", "Moreau", "Fournier", "Girard",
    "Lambert", "Bonnet", "Mercier", "Vandenbussche", "Deschodt", "Ghesquière", "Lemaire",
    "Benali", "Haddad", "Vanhoutte", "Declercq", "Dupont", "Vasseur", "Delattre", "Caron",
]  # fmt: skip

# (public category, weight) for individual registrations.
CATEGORY_WEIGHTS = [
    (PublicCategory.DEMANDEUR_EMPLOI, 38),
    (PublicCategory.HABITANT, 14),
    (PublicCategory.JEUNE_SCOLAIRE, 10),
    (PublicCategory.SALARIE, 9),
    (PublicCategory.STAGIAIRE_FORMATION, 8),
    (PublicCategory.ETUDIANT, 5),
    (PublicCategory.NOUVEL_ARRIVANT, 3),
    (PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT, 6),
    (PublicCategory.EMPLOYEUR, 2),
    ("", 5),
]
SLOTS = [(9, 30), (10, 0), (14, 0), (14, 30)]


def _ascii(text: str) -> str:
    """« Ghesquière » → « ghesquiere » for the fictional e-mail addresses."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _aware(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _opened(site: Site) -> dt.date:
    return max(site.opened_on or DEMO_START, DEMO_START)


class _Builder:
    def __init__(self, *, territory: Territory, today: dt.date, rng: random.Random):
        self.territory = territory
        self.today = today
        self.rng = rng
        self.now = _aware(today, 8, 0)
        self.retention = dt.timedelta(days=conf.retention_days())
        self.sites = list(Site.objects.filter(territory=territory).order_by("pk"))
        self.types = list(EventType.objects.filter(territory=territory).order_by("pk"))
        self.schools = list(School.objects.filter(territory=territory).order_by("pk"))
        self.employers = list(
            Partner.objects.filter(territory=territory, kind="employer").order_by("pk")
        )
        from espaces.catalogue.models import Metier

        self.metiers = list(Metier.objects.filter(territory=territory).order_by("pk"))
        self.sessions: list[Session] = []
        self.session_metiers: list[tuple[Session, list]] = []
        self.session_partners: list[tuple[Session, list]] = []
        self.registrations: list[Registration] = []
        self.person = 0

    # --- sessions --------------------------------------------------------------------------
    def session(self, *, site: Site, event_type: EventType, day: dt.date, fill: float) -> Session:
        rng = self.rng
        hour, minute = rng.choice(SLOTS)
        start = _aware(day, hour, minute)
        capacity = event_type.default_capacity
        place_name = ""
        school = None
        partners = []
        if event_type.kind in (EventKind.VISITE_ENTREPRISE, EventKind.RENCONTRE_ENTREPRISE):
            partners = rng.sample(self.employers, k=min(len(self.employers), 1))
            if event_type.kind == EventKind.VISITE_ENTREPRISE and partners:
                place_name = partners[0].name  # no address: never invent one
        if event_type.kind == EventKind.INTERVENTION_SCOLAIRE and self.schools:
            school = rng.choice(self.schools)
            if rng.random() < 0.6:
                place_name = school.name
        session = Session(
            territory=self.territory,
            event_type=event_type,
            site=site,
            place_name=place_name,
            start=start,
            end=start + dt.timedelta(minutes=event_type.default_duration_minutes),
            capacity=capacity,
            waitlist_enabled=event_type.waitlist_enabled,
            audience="Classe" if school else rng.choice(["Tout public", "Tout public", "Adultes"]),
            public=event_type.kind != EventKind.INTERVENTION_SCOLAIRE,
            status=SessionStatus.PLANNED,
        )
        if start < self.now and rng.random() < 0.03:
            session.status = SessionStatus.CANCELLED
            session.cancelled_at = start - dt.timedelta(days=2)
            session.cancellation_reason = "Intervenant indisponible"
        self.sessions.append(session)
        if self.metiers and event_type.kind != EventKind.PERMANENCE_PARTENAIRE:
            self.session_metiers.append(
                (session, rng.sample(self.metiers, k=min(len(self.metiers), rng.randint(1, 3))))
            )
        if partners:
            self.session_partners.append((session, partners))
        self._fill(session, fill=fill, school=school)
        return session

    def _fill(self, session: Session, *, fill: float, school: School | None) -> None:
        rng = self.rng
        past = session.start < self.now
        cancelled = session.status == SessionStatus.CANCELLED
        taken = 0
        if school is not None:
            pupils = min(session.capacity, rng.randint(14, 30))
            self._registration(
                session,
                seats=pupils,
                school=school,
                class_level=rng.choice(
                    [ClassLevel.SECONDE, ClassLevel.PREMIERE, ClassLevel.TERMINALE, ClassLevel.CAP]
                    if school.kind == "lycee"
                    else [ClassLevel.QUATRIEME, ClassLevel.TROISIEME]
                ),
                category=PublicCategory.JEUNE_SCOLAIRE,
                past=past,
                cancelled=cancelled,
            )
            return
        wanted = round(session.capacity * fill)
        if session.event_type.kind == EventKind.FORUM:
            wanted = min(wanted, rng.randint(25, 60))
        while taken < min(wanted, session.capacity):
            self._registration(session, past=past, cancelled=cancelled)
            taken += 1
        if wanted > session.capacity and session.waitlist_enabled:
            for _ in range(min(wanted - session.capacity, 6)):
                self._registration(session, waitlisted=True, past=past, cancelled=cancelled)
        # some people cancelled themselves (their seat went to someone else)
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            self._registration(session, self_cancelled=True, past=past, cancelled=cancelled)

    def _registration(
        self,
        session: Session,
        *,
        seats: int = 1,
        school: School | None = None,
        class_level: str = "",
        category: str | None = None,
        waitlisted: bool = False,
        self_cancelled: bool = False,
        past: bool,
        cancelled: bool,
    ) -> None:
        rng = self.rng
        self.person += 1
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        created = min(session.start - dt.timedelta(days=rng.randint(1, 20)), self.now)
        if cancelled:
            status = RegistrationStatus.CANCELLED_BY_ORGANISER
        elif self_cancelled:
            status = RegistrationStatus.CANCELLED
        elif waitlisted:
            status = RegistrationStatus.WAITLISTED
        else:
            status = RegistrationStatus.CONFIRMED
        attendance = AttendanceStatus.REGISTERED
        if past and status == RegistrationStatus.CONFIRMED:
            roll = rng.random()
            if school is not None:
                attendance = AttendanceStatus.PRESENT if roll < 0.95 else AttendanceStatus.EXCUSED
            else:
                attendance = (
                    AttendanceStatus.PRESENT
                    if roll < 0.74
                    else AttendanceStatus.ABSENT
                    if roll < 0.92
                    else AttendanceStatus.EXCUSED
                )
        if category is None:
            category = rng.choices(
                [c for c, _ in CATEGORY_WEIGHTS], weights=[w for _, w in CATEGORY_WEIGHTS]
            )[0]
        anonymised = past and session.end < self.now - self.retention
        registration = Registration(
            territory=self.territory,
            session=session,
            status=status,
            attendance=attendance,
            seats=seats,
            first_name="" if anonymised else first,
            last_name="" if anonymised else last,
            email="" if anonymised else f"{_ascii(first)}.{_ascii(last)}.{self.person}@example.org",
            public_category=category,
            school=school,
            class_level=class_level,
            channel=RegistrationChannel.STAFF
            if school
            else rng.choice(
                [RegistrationChannel.WEB, RegistrationChannel.WEB, RegistrationChannel.STAFF]
            ),
            consent_at=created,
            confirmed_at=created if status == RegistrationStatus.CONFIRMED else None,
            cancelled_at=created + dt.timedelta(days=1)
            if status not in ("confirmed", "waitlisted")
            else None,
            checked_in_at=session.start if attendance != AttendanceStatus.REGISTERED else None,
            reminder_sent_at=session.start - dt.timedelta(hours=conf.reminder_hours())
            if past and status == RegistrationStatus.CONFIRMED
            else None,
            anonymised_at=self.now if anonymised else None,
        )
        self.registrations.append(registration)

    # --- plan --------------------------------------------------------------------------------
    def plan(self) -> None:
        rng = self.rng
        # Past: about two sessions a week per site, every type in turn.
        for site in self.sites:
            day = _opened(site)
            turn = rng.randrange(len(self.types))
            while day < self.today:
                for offset in sorted(rng.sample(range(5), k=2)):  # two weekdays a week
                    session_day = day + dt.timedelta(days=offset)
                    if session_day >= self.today:
                        continue
                    event_type = self.types[turn % len(self.types)]
                    turn += 1
                    self.session(
                        site=site,
                        event_type=event_type,
                        day=session_day,
                        fill=rng.uniform(0.45, 1.05),
                    )
                day += dt.timedelta(days=7)
        # Upcoming: every type at every site within 8 weeks, plus a few more.
        monday = self.today + dt.timedelta(days=(7 - self.today.weekday()) % 7 or 7)
        for site in self.sites:
            days = [
                monday + dt.timedelta(days=w * 7 + d)
                for w in range(UPCOMING_WEEKS)
                for d in range(5)
            ]
            rng.shuffle(days)
            plan = list(self.types) + rng.sample(self.types, k=min(len(self.types), 6))
            for index, event_type in enumerate(plan):
                # The first sessions are the busy ones: nearly full, or full with a waiting list.
                if index % 4 == 0:
                    fill = 1.35 if event_type.waitlist_enabled else 1.0
                elif index % 4 == 1:
                    fill = (event_type.default_capacity - 1) / event_type.default_capacity
                else:
                    fill = rng.uniform(0.1, 0.6)
                self.session(
                    site=site, event_type=event_type, day=days[index % len(days)], fill=fill
                )

    def save(self) -> dict:
        Session.objects.bulk_create(self.sessions, batch_size=500)
        for registration in self.registrations:
            registration.session_id = registration.session.pk
        Registration.objects.bulk_create(self.registrations, batch_size=1000)
        through = Session.metiers.through
        through.objects.bulk_create(
            [
                through(session_id=s.pk, metier_id=m.pk)
                for s, metiers in self.session_metiers
                for m in metiers
            ],
            batch_size=1000,
        )
        partners_through = Session.partners.through
        partners_through.objects.bulk_create(
            [
                partners_through(session_id=s.pk, partner_id=p.pk)
                for s, partners in self.session_partners
                for p in partners
            ],
            batch_size=1000,
        )
        surveys = []
        for registration in self.registrations:
            if (
                registration.attendance == AttendanceStatus.PRESENT
                and registration.school_id is None
                and self.rng.random() < 0.3
            ):
                surveys.append(
                    SurveyResponse(
                        territory=self.territory,
                        registration_id=registration.pk,
                        session_id=registration.session_id,
                        rating=self.rng.choices([1, 2, 3, 4], weights=[3, 10, 45, 42])[0],
                        discovery=self.rng.choices(SurveyDiscovery.values, weights=[55, 30, 15])[0],
                        next_step=self.rng.choices(SurveyNextStep.values, weights=[45, 40, 15])[0],
                    )
                )
        SurveyResponse.objects.bulk_create(surveys, batch_size=1000)
        past = [s for s in self.sessions if s.start < self.now]
        return {
            "sessions_past": len(past),
            "sessions_upcoming": len(self.sessions) - len(past),
            "registrations": len(self.registrations),
            "survey_responses": len(surveys),
        }


@transaction.atomic
def events_demo_create(*, territory: Territory, today: dt.date, rng: random.Random) -> dict:
    """Create the demo sessions and registrations of `territory` (its event types, sites,
    schools, employers and métiers must be loaded); returns counts of what was created."""
    builder = _Builder(territory=territory, today=today, rng=rng)
    if not builder.sites or not builder.types:
        return {
            "sessions_past": 0,
            "sessions_upcoming": 0,
            "registrations": 0,
            "survey_responses": 0,
        }
    builder.plan()
    return builder.save()
