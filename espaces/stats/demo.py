"""`espaces demo_data`: a realistic, reproducible, fictional dataset from the opening of the first
Espace (October 2024) to today, whose January–June 2025 figures are exactly the brief's:

- 629 visitors of the public, of whom 351 demandeurs d'emploi, 130 stagiaires de la formation
  professionnelle and 53 salariés (the other 95 spread over the other publics);
- 370 professionnels de l'accompagnement, counted apart;
- 12 school interventions in 9 distinct schools;
- the second Espace opens in July 2025 (no visit nor session there before).

Around them: visits every month since, follow-up files with consent, referrals in every state,
exits and six-month follow-ups, orientation questionnaires, and the events agenda of
`espaces.events.demo.events_demo_create`. Names are fictional, e-mail addresses use the reserved
example.org domain, no phone number is made up.
"""

import bisect
import contextlib
import datetime as dt
import random
import unicodedata
from collections import Counter

from django.db import transaction
from django.utils import timezone

from espaces.catalogue.models import Metier
from espaces.common.enums import PublicCategory
from espaces.events.demo import events_demo_create
from espaces.events.enums import (
    AttendanceStatus,
    ClassLevel,
    EventKind,
    RegistrationChannel,
    RegistrationStatus,
    SessionStatus,
)
from espaces.events.models import EventType, Registration, School, Session
from espaces.ops.content_version import bump
from espaces.orientation.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    OrientationCompletion,
    OrientationResult,
    Questionnaire,
)
from espaces.reception.consent import CURRENT_VERSION
from espaces.reception.enums import (
    AgeBand,
    EducationLevel,
    EmploymentStatus,
    ExitOutcome,
    FollowUpOutcome,
    Gender,
    JournalKind,
    LegalBasis,
    OptionKind,
    Qpv,
    ReferralStatus,
    SensitiveAnswer,
    VisitSource,
)
from espaces.reception.models import (
    Barrier,
    Beneficiary,
    FollowUp,
    JournalEntry,
    Referral,
    ReferralEvent,
    Visit,
    VisitOption,
)
from espaces.territories.models import Commune, Partner, Site, Territory

from .conf import industrial_sectors
from .models import DemoDataset

DEMO_START = dt.date(2024, 10, 1)
BRIEF_FROM = dt.date(2025, 1, 1)
BRIEF_TO = dt.date(2025, 6, 30)
P = PublicCategory

# The brief: « 629 visiteurs dont 351 demandeurs d'emploi, 130 stagiaires, 53 salariés,
# 370 professionnels… 12 interventions dans 9 établissements scolaires ».
BRIEF_VISITORS = {
    P.DEMANDEUR_EMPLOI: 351,
    P.STAGIAIRE_FORMATION: 130,
    P.SALARIE: 53,
    P.JEUNE_SCOLAIRE: 28,
    P.HABITANT: 24,
    P.ETUDIANT: 14,
    P.NOUVEL_ARRIVANT: 9,
    P.AUTRE: 9,
    P.ENSEIGNANT: 6,
    P.EMPLOYEUR: 5,
}
BRIEF_PROFESSIONALS = 370
BRIEF_SCHOOL_INTERVENTIONS = 12
BRIEF_SCHOOLS = 9

# Share of each public among the people of a month, outside the brief's semester.
CATEGORY_WEIGHTS = {
    P.DEMANDEUR_EMPLOI: 50,
    P.STAGIAIRE_FORMATION: 16,
    P.SALARIE: 9,
    P.JEUNE_SCOLAIRE: 6,
    P.HABITANT: 5,
    P.ETUDIANT: 3,
    P.NOUVEL_ARRIVANT: 2,
    P.AUTRE: 2,
    P.ENSEIGNANT: 1,
    P.EMPLOYEUR: 1,
    P.PROFESSIONNEL_ACCOMPAGNEMENT: 34,
}
# Group sizes (drawn, the last entry takes the remainder so that totals are exact).
GROUP_SIZES = {
    P.PROFESSIONNEL_ACCOMPAGNEMENT: [1, 1, 1, 2, 2, 3, 4, 6],
    P.STAGIAIRE_FORMATION: [1, 1, 1, 1, 4, 6, 8],
    P.JEUNE_SCOLAIRE: [1, 1, 2, 3, 5],
}
GENDER_WEIGHTS = {
    P.PROFESSIONNEL_ACCOMPAGNEMENT: (72, 25, 0, 3),
    P.STAGIAIRE_FORMATION: (38, 58, 1, 3),
    P.SALARIE: (40, 56, 1, 3),
    P.ENSEIGNANT: (70, 28, 0, 2),
}
AGE_WEIGHTS = {
    P.JEUNE_SCOLAIRE: (92, 6, 0, 0, 2),
    P.ETUDIANT: (2, 95, 2, 0, 1),
    P.STAGIAIRE_FORMATION: (3, 45, 45, 5, 2),
}
FIRST_NAMES_F = ["Camille", "Léa", "Inès", "Sarah", "Manon", "Yasmine", "Chloé", "Nadia",
                 "Julie", "Amandine", "Sandrine", "Fatima", "Aurélie", "Samia", "Océane"]  # fmt: skip
FIRST_NAMES_M = ["Lucas", "Hugo", "Karim", "Thomas", "Mehdi", "Kevin", "Nicolas", "Jordan",
                 "Bilal", "Dylan", "Christophe", "Patrick", "Mickaël", "Rachid", "Florian"]  # fmt: skip
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Lefebvre", "Leroy", "Roux", "Moreau", "Fournier",
              "Girard", "Lambert", "Bonnet", "Mercier", "Vandenbussche", "Deschodt", "Ghesquière",
              "Lemaire", "Benali", "Haddad", "Vanhoutte", "Declercq", "Dupont", "Vasseur",
              "Delattre", "Caron"]  # fmt: skip
NOTES = [
    "Premier entretien : envie de découvrir les métiers des nouvelles usines.",
    "Point sur le projet : intéressé·e par la maintenance, à confirmer par une immersion.",
    "A participé à un atelier ; souhaite rencontrer un employeur.",
    "Démarches de mobilité engagées (permis, transport en commun).",
    "Point téléphonique : dossier de formation en cours.",
]
REFUSALS = [
    "Prérequis non remplis pour cette session : orientation vers une remise à niveau.",
    "Session complète : la personne est invitée à la prochaine.",
    "Le projet doit encore être précisé avant l'entrée en formation.",
]
BARRIERS = [
    "mobilite--preparer-un-permis",
    "mobilite--financer-ma-mobilite",
    "famille--garde-denfants",
    "se-former--trouver-sa-formation",
    "numerique--maitriser-les-fondamentaux-du-numerique",
    "logement-hebergement--louer-un-logement",
]


class DemoDataError(Exception):
    """A French message saying what to do."""


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


@contextlib.contextmanager
def _past_timestamps(*models):
    """Let bulk_create keep the `created_at` / `updated_at` given (the demo's past dates)."""
    saved = []
    for model in models:
        for name in ("created_at", "updated_at"):
            try:
                f = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - the model has no such field
                continue
            saved.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    """Opening days (Monday to Saturday) between start and end, both included."""
    days, day = [], start
    while day <= end:
        if day.weekday() < 6:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def _split(rng: random.Random, total: int, sizes: list[int]) -> list[int]:
    """Group sizes adding up exactly to `total`."""
    out = []
    while total > 0:
        size = min(rng.choice(sizes), total)
        out.append(size)
        total -= size
    return out


class DemoBuilder:
    def __init__(self, *, territory: Territory, today: dt.date, rng: random.Random):
        self.territory = territory
        self.today = today
        self.rng = rng
        self.now = timezone.now()
        self.sites = list(Site.objects.filter(territory=territory).order_by("opened_on", "pk"))
        if not self.sites:
            raise DemoDataError(
                "Le territoire n'a aucun Espace : chargez d'abord son pack "
                "(espaces load_pack data/packs/dunkerque)."
            )
        self.first_site = self.sites[0]
        self.communes = list(Commune.objects.filter(territory=territory).order_by("insee"))
        options = VisitOption.objects.filter(territory=territory).prefetch_related("sites")
        self.channels = [o.slug for o in options if o.kind == OptionKind.CHANNEL]
        self.purposes = {
            site.pk: [
                o.slug
                for o in options
                if o.kind == OptionKind.PURPOSE and (not o.sites.all() or site in o.sites.all())
            ]
            for site in self.sites
        }
        self.visits: list[Visit] = []
        self.codes: set[str] = set()
        self.counts: Counter = Counter()

    # --- helpers -----------------------------------------------------------------------------
    def opened(self, site: Site) -> dt.date:
        return max(site.opened_on or DEMO_START, DEMO_START)

    def sites_open_on(self, day: dt.date) -> list[Site]:
        return [s for s in self.sites if self.opened(s) <= day]

    def pick(self, values, weights):
        return self.rng.choices(list(values), weights=list(weights))[0]

    # --- visits ------------------------------------------------------------------------------
    def visit(self, *, day: dt.date, site: Site, category: str, size: int) -> Visit:
        rng = self.rng
        gender = self.pick(Gender.values, GENDER_WEIGHTS.get(category, (47, 49, 1, 3)))
        age = self.pick(AgeBand.values, AGE_WEIGHTS.get(category, (1, 28, 55, 13, 3)))
        qpv = self.pick(Qpv.values, (45, 38, 17) if site.in_qpv else (28, 55, 17))
        commune = None
        if self.communes and rng.random() < 0.95:
            # the commune of the Espace first, then the others
            home = site.commune_id
            weights = [40 if c.pk == home else 60 / len(self.communes) for c in self.communes]
            commune = self.pick(self.communes, weights)
        channel = ""
        if self.channels:
            channel = (
                "ecole"
                if category == P.JEUNE_SCOLAIRE and "ecole" in self.channels
                else self.pick(self.channels, [30, 25, 12, 15, 10, 3, 5][: len(self.channels)])
            )
        purposes = self.purposes[site.pk]
        purpose = ""
        if purposes:
            purpose = self.pick(purposes, [35, 18, 14, 12, 8, 8, 5][: len(purposes)])
        hour, minute = rng.randint(9, 17), rng.choice([0, 10, 20, 30, 40, 50])
        visit = Visit(
            territory=self.territory,
            date=day,
            time=dt.time(hour, minute),
            site=site,
            public_category=category,
            gender=gender,
            age_band=age,
            qpv=qpv,
            commune=commune,
            channel=channel,
            purpose=purpose,
            group_size=size,
            source=VisitSource.DESK,
        )
        visit.created_at = visit.updated_at = _aware(day, hour, minute)
        self.visits.append(visit)
        return visit

    def visits_for(self, *, days: list[dt.date], category: str, total: int) -> None:
        sizes = GROUP_SIZES.get(category, [1, 1, 1, 1, 1, 1, 1, 1, 2])
        for size in _split(self.rng, total, sizes):
            day = self.rng.choice(days)
            site = self.rng.choice(self.sites_open_on(day))
            self.visit(day=day, site=site, category=category, size=size)

    def plan_visits(self) -> None:
        rng = self.rng
        # the brief's semester, exactly; only the Espaces already open (the first one)
        semester = [d for d in _weekdays(BRIEF_FROM, BRIEF_TO) if self.sites_open_on(d)]
        for category, total in BRIEF_VISITORS.items():
            self.visits_for(days=semester, category=category, total=total)
        self.visits_for(
            days=semester, category=P.PROFESSIONNEL_ACCOMPAGNEMENT, total=BRIEF_PROFESSIONALS
        )
        # every other month since the opening, up to yesterday
        last = self.today - dt.timedelta(days=1)
        for month in _month_starts(DEMO_START, last):
            end = min((month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), last)
            if BRIEF_FROM <= month <= BRIEF_TO:
                continue
            days = [d for d in _weekdays(month, end) if self.sites_open_on(d)]
            if not days:
                continue
            open_sites = len(self.sites_open_on(end))
            ramp = 0.55 if month < BRIEF_FROM else 1.0  # the first months were quieter
            people = round(rng.uniform(140, 210) * open_sites * ramp * len(days) / 26)
            for category, weight in CATEGORY_WEIGHTS.items():
                share = round(people * weight / sum(CATEGORY_WEIGHTS.values()))
                if share:
                    self.visits_for(days=days, category=category, total=share)

    # --- follow-up files ---------------------------------------------------------------------
    def beneficiaries(self) -> list[tuple[Beneficiary, Visit]]:
        """Some people of the public open a follow-up file on the day of their visit."""
        rng = self.rng
        eligible = {
            P.DEMANDEUR_EMPLOI: 0.16,
            P.STAGIAIRE_FORMATION: 0.08,
            P.SALARIE: 0.12,
            P.HABITANT: 0.10,
            P.NOUVEL_ARRIVANT: 0.15,
            P.ETUDIANT: 0.06,
        }
        files = []
        for visit in self.visits:
            chance = eligible.get(visit.public_category)
            if not chance or visit.group_size != 1 or visit.date >= self.today:
                continue
            if rng.random() >= chance:
                continue
            files.append((self.beneficiary(visit), visit))
        return files

    def beneficiary(self, visit: Visit) -> Beneficiary:
        rng = self.rng
        category = visit.public_category
        gender = visit.gender
        first = rng.choice(FIRST_NAMES_F if gender == Gender.FEMME else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        self.counts["people"] += 1
        status = {
            P.DEMANDEUR_EMPLOI: EmploymentStatus.DEMANDEUR_EMPLOI,
            P.STAGIAIRE_FORMATION: EmploymentStatus.ETUDES_FORMATION,
            P.ETUDIANT: EmploymentStatus.ETUDES_FORMATION,
            P.SALARIE: EmploymentStatus.SALARIE,
        }.get(
            category,
            self.pick([EmploymentStatus.INACTIF, EmploymentStatus.DEMANDEUR_EMPLOI], [55, 45]),
        )
        consent = rng.random() < 0.88
        opened = visit.date
        file = Beneficiary(
            territory=self.territory,
            first_name=first,
            last_name=last,
            email=f"{_ascii(first)}.{_ascii(last)}.{self.counts['people']}@example.org",
            commune=visit.commune,
            qpv=visit.qpv,
            age_band=visit.age_band if visit.age_band != AgeBand.MOINS_18 else AgeBand.DE_18_A_29,
            gender=gender,
            employment_status=status,
            long_term_unemployed=status == EmploymentStatus.DEMANDEUR_EMPLOI
            and rng.random() < 0.42,
            self_employed=status == EmploymentStatus.SALARIE and rng.random() < 0.1,
            education_level=self.pick(EducationLevel.values, (38, 42, 14, 6)),
            legal_basis=LegalBasis.CONSENT if consent else LegalBasis.PUBLIC_TASK,
            consent_given_on=opened if consent else None,
            consent_text_version=CURRENT_VERSION if consent else "",
            site=visit.site,
            opened_on=opened,
            last_contact_on=opened,
        )
        if consent:
            for name, yes in (
                ("disability", 0.07),
                ("third_country_national", 0.05),
                ("foreign_background", 0.11),
                ("minority", 0.02),
                ("homeless", 0.04),
            ):
                roll = rng.random()
                if roll < 0.12:
                    continue  # not asked
                setattr(
                    file,
                    name,
                    SensitiveAnswer.OUI
                    if roll < 0.12 + yes
                    else SensitiveAnswer.REFUS
                    if roll > 0.93
                    else SensitiveAnswer.NON,
                )
        # exit and six-month follow-up for the older files
        age_days = (self.today - opened).days
        if age_days > 45 and rng.random() < 0.6:
            exited = opened + dt.timedelta(days=rng.randint(30, min(240, age_days - 1)))
            file.exited_on = exited
            file.exit_outcome = self.pick(ExitOutcome.values, (28, 6, 33, 33))
            file.last_contact_on = exited
        file.created_at = file.updated_at = _aware(opened, 12)
        return file

    def orientation_result(self, *, day: dt.date, site: Site | None, woman: bool | None):
        """A questionnaire result (and its anonymous count): five jobs, industrial ones more
        often for men, as observed in orientation (the gender-bias indicator)."""
        rng = self.rng
        weights = [
            (1.0 if woman else 2.4) if slug in self.industrial else 1.0
            for slug, _, _ in self.metiers
        ]
        chosen: list = []
        while len(chosen) < min(5, len(self.metiers)):
            metier = self.pick(self.metiers, weights)
            if metier not in chosen:
                chosen.append(metier)
        results = [
            {
                "slug": slug,
                "title": title,
                "rome_codes": [],
                "score": round(0.9 - index * 0.08 - rng.random() * 0.03, 3),
                "reasons": [],
                "cautions": [],
                "barriers": [],
                "sectors": sectors,
            }
            for index, (slug, title, sectors) in enumerate(chosen)
        ]
        code = ""
        while not code or code in self.codes:
            code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self.codes.add(code)
        created = _aware(day, rng.randint(9, 18), rng.randint(0, 59))
        result = OrientationResult(
            territory=self.territory,
            code=code,
            questionnaire_version=self.questionnaire_version,
            answers={},
            results=results,
            created_at=created,
            updated_at=created,
        )
        top = results[:3]
        completion = OrientationCompletion(
            territory=self.territory,
            date=day,
            site=site,
            top_metiers=[r["slug"] for r in top],
            top_sectors=list(dict.fromkeys(s for r in top for s in r["sectors"])),
            created_at=created,
            updated_at=created,
        )
        return result, completion

    def load_metiers(self) -> None:
        through = Metier.sectors.through
        sectors: dict[int, list[str]] = {}
        for metier_id, slug in through.objects.filter(metier__territory=self.territory).values_list(
            "metier_id", "sector__slug"
        ):
            sectors.setdefault(metier_id, []).append(slug)
        self.metiers = [
            (slug, title, sorted(sectors.get(pk, [])))
            for pk, slug, title in Metier.objects.filter(territory=self.territory)
            .order_by("slug")
            .values_list("pk", "slug", "title")
        ]
        wanted = set(industrial_sectors())
        self.industrial = {slug for slug, _, s in self.metiers if wanted & set(s)}
        current = Questionnaire.objects.filter(territory=self.territory, is_current=True).first()
        self.questionnaire_version = current.version if current else "1"

    # --- schools -----------------------------------------------------------------------------
    def school_interventions(self) -> None:
        """Exactly 12 classes met in 9 schools in January–June 2025 (the brief), replacing the
        school sessions the agenda helper drew for that semester."""
        rng = self.rng
        start, end = _aware(BRIEF_FROM, 0), _aware(BRIEF_TO + dt.timedelta(days=1), 0)
        Session.objects.filter(
            territory=self.territory,
            event_type__kind=EventKind.INTERVENTION_SCOLAIRE,
            start__gte=start,
            start__lt=end,
        ).delete()
        event_type = (
            EventType.objects.filter(territory=self.territory, kind=EventKind.INTERVENTION_SCOLAIRE)
            .order_by("pk")
            .first()
        )
        schools = list(School.objects.filter(territory=self.territory).order_by("uai"))
        if event_type is None or not schools:
            return
        chosen = rng.sample(schools, k=min(BRIEF_SCHOOLS, len(schools)))
        visits = chosen + [
            rng.choice(chosen) for _ in range(BRIEF_SCHOOL_INTERVENTIONS - len(chosen))
        ]
        school_days = [
            d
            for d in _weekdays(dt.date(2025, 1, 6), dt.date(2025, 6, 13))
            if d.weekday() < 5
            and not dt.date(2025, 2, 8) <= d <= dt.date(2025, 2, 23)  # winter holidays
            and not dt.date(2025, 4, 5) <= d <= dt.date(2025, 4, 21)  # spring holidays
        ]
        days = sorted(rng.sample(school_days, k=len(visits)))
        site = self.sites_open_on(BRIEF_FROM)[0]
        sessions, registrations = [], []
        for day, school in zip(days, visits, strict=True):
            begin = _aware(day, rng.choice([9, 10, 14]))
            session = Session(
                territory=self.territory,
                event_type=event_type,
                site=site,
                place_name=school.name,
                start=begin,
                end=begin + dt.timedelta(minutes=event_type.default_duration_minutes),
                capacity=event_type.default_capacity,
                waitlist_enabled=False,
                audience="Classe",
                public=False,
                status=SessionStatus.PLANNED,
            )
            sessions.append(session)
            registrations.append(
                Registration(
                    territory=self.territory,
                    session=session,
                    status=RegistrationStatus.CONFIRMED,
                    attendance=AttendanceStatus.PRESENT,
                    seats=min(event_type.default_capacity, rng.randint(16, 30)),
                    public_category=P.JEUNE_SCOLAIRE,
                    school=school,
                    class_level=rng.choice(
                        [ClassLevel.SECONDE, ClassLevel.PREMIERE, ClassLevel.TERMINALE]
                        if school.kind == "lycee"
                        else [ClassLevel.QUATRIEME, ClassLevel.TROISIEME]
                    ),
                    channel=RegistrationChannel.STAFF,
                    consent_at=begin - dt.timedelta(days=14),
                    confirmed_at=begin - dt.timedelta(days=14),
                    checked_in_at=begin,
                    anonymised_at=self.now,
                )
            )
        Session.objects.bulk_create(sessions)
        for registration in registrations:
            registration.session_id = registration.session.pk
        Registration.objects.bulk_create(registrations)
        self.counts["school_interventions_2025_s1"] = len(sessions)

    # --- everything --------------------------------------------------------------------------
    def build(self) -> dict:
        rng = self.rng
        self.counts.update(events_demo_create(territory=self.territory, today=self.today, rng=rng))
        self.school_interventions()
        self.load_metiers()
        self.plan_visits()
        pairs = self.beneficiaries()
        files = [f for f, _ in pairs]
        with _past_timestamps(Beneficiary, Visit, Referral, FollowUp):
            Beneficiary.objects.bulk_create(files, batch_size=500)
            for file, visit in pairs:
                visit.beneficiary = file
            Visit.objects.bulk_create(self.visits, batch_size=1000)
            self.follow_up_files(files)
        self.counts["visits"] = len(self.visits)
        self.counts["visitors"] = sum(v.group_size for v in self.visits)
        self.counts["beneficiaries"] = len(files)
        return dict(self.counts)

    def follow_up_files(self, files: list[Beneficiary]) -> None:
        rng = self.rng
        partners = list(
            Partner.objects.filter(
                territory=self.territory, kind__in=["employment", "training"]
            ).order_by("slug")
        ) or list(Partner.objects.filter(territory=self.territory).order_by("slug"))
        registrations = list(
            Registration.objects.filter(
                territory=self.territory,
                school__isnull=True,
                status=RegistrationStatus.CONFIRMED,
                attendance=AttendanceStatus.PRESENT,
            )
            .order_by("session__start", "pk")
            .values_list("pk", "session__start")
        )
        starts = [begin for _, begin in registrations]
        journal, barriers, follow_ups, referrals, events = [], [], [], [], []
        results, completions, links = [], [], []
        for file in files:
            contacts = [file.opened_on]
            for _ in range(rng.randint(1, 3)):
                day = min(file.opened_on + dt.timedelta(days=rng.randint(0, 60)), self.today)
                contacts.append(day)
                journal.append(
                    JournalEntry(
                        beneficiary=file,
                        kind=self.pick([JournalKind.NOTE, JournalKind.ACTION], [60, 40]),
                        occurred_on=day,
                        text=rng.choice(NOTES),
                    )
                )
            if self.metiers and rng.random() < 0.55:
                day = min(file.opened_on + dt.timedelta(days=rng.randint(0, 20)), self.today)
                woman = file.gender == Gender.FEMME
                result, completion = self.orientation_result(day=day, site=file.site, woman=woman)
                results.append(result)
                completions.append(completion)
                journal.append(
                    JournalEntry(
                        beneficiary=file,
                        kind=JournalKind.ORIENTATION,
                        occurred_on=day,
                        reference=result.code,
                        text="Résultat du questionnaire « Trouver des métiers qui me ressemblent ».",
                    )
                )
            for thematique in rng.sample(BARRIERS, k=self.pick([0, 1, 2], [45, 40, 15])):
                lifted = rng.random() < 0.4
                barriers.append(
                    Barrier(
                        beneficiary=file,
                        thematique=thematique,
                        identified_on=file.opened_on,
                        lifted_on=min(
                            file.opened_on + dt.timedelta(days=rng.randint(15, 90)), self.today
                        )
                        if lifted
                        else None,
                    )
                )
            if registrations and rng.random() < 0.3:
                first = bisect.bisect_left(starts, _aware(file.opened_on, 0))
                later = registrations[first : first + 60]
                for pk, _ in rng.sample(later, k=min(len(later), rng.randint(1, 2))):
                    links.append((file, pk))
            if partners and rng.random() < 0.5:
                for _ in range(self.pick([1, 2], [80, 20])):
                    self.referral(file, rng.choice(partners), referrals, events, contacts)
            if file.exited_on:
                due = file.exited_on + dt.timedelta(days=182)
                done = due < self.today and rng.random() < 0.8
                follow_up = FollowUp(
                    territory=self.territory,
                    beneficiary=file,
                    due_on=due,
                    done_on=min(due + dt.timedelta(days=rng.randint(0, 20)), self.today)
                    if done
                    else None,
                    outcome=self.pick(FollowUpOutcome.values, (46, 14, 24, 6, 10)) if done else "",
                )
                follow_up.created_at = follow_up.updated_at = _aware(file.exited_on, 17)
                follow_ups.append(follow_up)
                if done:
                    contacts.append(follow_up.done_on)
            last_contact = max(c for c in contacts if c <= self.today)
            if last_contact != file.last_contact_on and not file.exited_on:
                file.last_contact_on = last_contact
        Beneficiary.objects.bulk_update(
            [f for f in files if not f.exited_on], ["last_contact_on"], batch_size=500
        )
        JournalEntry.objects.bulk_create(journal, batch_size=1000)
        Barrier.objects.bulk_create(barriers, batch_size=1000)
        FollowUp.objects.bulk_create(follow_ups, batch_size=1000)
        Referral.objects.bulk_create(referrals, batch_size=1000)
        for event in events:
            event.referral_id = event.referral.pk
        ReferralEvent.objects.bulk_create(events, batch_size=1000)
        with _past_timestamps(OrientationResult, OrientationCompletion):
            OrientationResult.objects.bulk_create(results, batch_size=500)
            # people who filled in the questionnaire without a follow-up file (most of them)
            for day in _weekdays(DEMO_START, self.today - dt.timedelta(days=1)):
                for _ in range(self.pick([0, 1, 2], [55, 35, 10])):
                    open_sites = self.sites_open_on(day)
                    site = rng.choice(open_sites) if rng.random() < 0.6 else None
                    _, completion = self.orientation_result(day=day, site=site, woman=None)
                    completions.append(completion)
            OrientationCompletion.objects.bulk_create(completions, batch_size=1000)
        through = Beneficiary.registrations.through
        through.objects.bulk_create(
            [through(beneficiary_id=f.pk, registration_id=pk) for f, pk in links],
            batch_size=1000,
            ignore_conflicts=True,
        )
        self.counts.update(
            {
                "referrals": len(referrals),
                "follow_ups": len(follow_ups),
                "orientation_results": len(results),
                "orientation_completions": len(completions),
            }
        )

    def referral(self, file, partner, referrals, events, contacts) -> None:
        rng = self.rng
        sent_day = min(file.opened_on + dt.timedelta(days=rng.randint(0, 40)), self.today)
        sent_at = _aware(sent_day, rng.randint(9, 17), rng.randint(0, 59))
        referral = Referral(
            territory=self.territory,
            beneficiary=file,
            partner=partner,
            message="Demande d'accompagnement vers un métier de l'industrie.",
            reply_due_on=sent_day + dt.timedelta(days=10),
            status=ReferralStatus.ENVOYEE,
            status_changed_at=sent_at,
            created_at=sent_at,
            updated_at=sent_at,
        )
        path = [ReferralStatus.ENVOYEE]
        age = (self.today - sent_day).days
        if age > 3 and rng.random() < 0.92:
            path.append(ReferralStatus.RECUE)
            if age > 10 and rng.random() < 0.9:
                accepted = rng.random() < 0.78
                path.append(ReferralStatus.ACCEPTEE if accepted else ReferralStatus.REFUSEE)
                if accepted and age > 30 and rng.random() < 0.8:
                    path.append(
                        self.pick(
                            [
                                ReferralStatus.ENTREE_FORMATION,
                                ReferralStatus.EN_EMPLOI,
                                ReferralStatus.EN_IMMERSION,
                                ReferralStatus.SANS_SUITE,
                            ],
                            [40, 22, 23, 15],
                        )
                    )
        at = sent_at
        previous = ""
        for step, status in enumerate(path):
            if step:
                at = min(at + dt.timedelta(days=rng.randint(1, 9 if step < 3 else 40)), self.now)
            events.append(
                ReferralEvent(
                    referral=referral,
                    from_status=previous,
                    to_status=status,
                    at=at,
                    by_label="" if status == ReferralStatus.ENVOYEE else partner.name,
                    note="",
                )
            )
            previous = status
        referral.status = path[-1]
        referral.status_changed_at = at
        if referral.status == ReferralStatus.REFUSEE:
            referral.refusal_reason = rng.choice(REFUSALS)
        contacts.append(timezone.localdate(at))
        referrals.append(referral)


def demo_data_exists(*, territory: Territory) -> bool:
    return DemoDataset.objects.filter(territory=territory).exists()


def has_real_data(*, territory: Territory) -> bool:
    return (
        Visit.objects.filter(territory=territory).exists()
        or Beneficiary.objects.filter(territory=territory).exists()
        or Session.objects.filter(territory=territory).exists()
    )


def demo_data_delete(*, territory: Territory) -> None:
    """Erase the territory's fictional data (only when demo_data made it)."""
    if not demo_data_exists(territory=territory):
        raise DemoDataError(
            "Les données de ce territoire ne viennent pas de demo_data : elles ne sont pas "
            "effacées."
        )
    from espaces.recruitment.demo import recruitment_demo_delete

    recruitment_demo_delete(territory=territory)
    Visit.objects.filter(territory=territory).delete()
    Beneficiary.objects.filter(territory=territory).delete()
    Session.objects.filter(territory=territory).delete()
    OrientationCompletion.objects.filter(territory=territory).delete()
    OrientationResult.objects.filter(territory=territory).delete()
    DemoDataset.objects.filter(territory=territory).delete()
    Territory.objects.filter(pk=territory.pk).update(demo_data=False)
    bump(territory.pk)  # an update() sends no signal: the pages' banner changes
    territory.demo_data = False


@transaction.atomic
def demo_data_create(
    *, territory: Territory, seed: int = 2025, today: dt.date | None = None, reset: bool = False
) -> dict:
    """Build the demo dataset of `territory` (its pack loaded); refuses to run twice or on a
    territory holding real data, unless `reset` and the existing data is the demo's."""
    today = today or timezone.localdate()
    if today <= BRIEF_TO:
        raise DemoDataError("Les données de démonstration vont jusqu'à juin 2025 au moins.")
    if demo_data_exists(territory=territory):
        if not reset:
            dataset = DemoDataset.objects.get(territory=territory)
            raise DemoDataError(
                f"Les données de démonstration de « {territory.name} » existent déjà (créées le "
                f"{dataset.created_at:%d/%m/%Y}, graine {dataset.seed}). Pour les recréer : "
                "espaces demo_data --reset."
            )
        demo_data_delete(territory=territory)
    elif has_real_data(territory=territory):
        raise DemoDataError(
            f"« {territory.name} » contient déjà des visites, des séances ou des dossiers qui ne "
            "viennent pas de demo_data : les données fictives ne sont pas mélangées aux vraies."
        )
    builder = DemoBuilder(territory=territory, today=today, rng=random.Random(seed))
    counts = builder.build()
    from espaces.recruitment.demo import recruitment_demo_create

    recruitment = recruitment_demo_create(territory=territory, today=today, seed=seed + 1)
    counts.update({f"recruitment_{k}": v for k, v in recruitment.items()})
    DemoDataset.objects.create(territory=territory, seed=seed, built_on=today, counts=counts)
    # Every page, export and report of this territory now says « Données de démonstration ».
    Territory.objects.filter(pk=territory.pk).update(demo_data=True)
    bump(territory.pk)  # an update() sends no signal: the pages' banner changes
    territory.demo_data = True
    return counts
