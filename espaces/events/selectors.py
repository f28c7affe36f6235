"""Reads of the events domain; every one takes the territory it is scoped to."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from espaces.common.prepared import prepared_read
from espaces.territories.models import Site, Territory

from .enums import AttendanceStatus, RegistrationStatus, SchoolKind, SessionStatus
from .models import (
    EventType,
    Registration,
    School,
    Session,
    SurveyResponse,
    registrations_total,
)


def event_types_for(*, territory: Territory):
    return EventType.objects.filter(territory=territory)


def schools_for(*, territory: Territory):
    return School.objects.filter(territory=territory).select_related("commune")


def _sessions(territory: Territory):
    return (
        Session.objects.filter(territory=territory)
        .with_counts()
        .select_related("event_type", "site__commune")
    )


def agenda_sessions(
    *,
    territory: Territory,
    site: Site | None = None,
    event_type: EventType | None = None,
    metier=None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    now: dt.datetime | None = None,
):
    """Sessions not yet over (cancelled ones included, to tell those who planned to come),
    soonest first, with seat counts and the jobs they showcase."""
    queryset = _sessions(territory).filter(public=True).upcoming(now=now)
    if site is not None:
        queryset = queryset.filter(site=site)
    if event_type is not None:
        queryset = queryset.filter(event_type=event_type)
    if metier is not None:
        queryset = queryset.filter(metiers=metier)
    if date_from:
        queryset = queryset.filter(start__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(start__date__lte=date_to)
    return queryset.prefetch_related("metiers", "partners").order_by("start", "pk")


def session_for_public(*, territory: Territory, pk: int) -> Session | None:
    """A public session with its seat counts and type. Its place, jobs and partners are read
    by the page's cached fragment when it is drawn, not at every request; its counts are kept
    per seats version (public_seat_counts)."""
    session = (
        Session.objects.filter(territory=territory, public=True, pk=pk)
        .select_related("event_type")
        .first()
    )
    if session is not None:
        session.seats_taken, session.waiting = public_seat_counts(session.pk)
    return session


def public_seat_counts(pk: int) -> tuple[int, int]:
    """(confirmed seats, people waiting) of a session, kept in the shared cache per seats version
    (any registration changes it) for a minute at most: building the two counting subqueries
    cost a millisecond, more than the rest of the session page (issue SPEED). What a person
    is told here never decides a seat: registration_create() counts again under a lock."""
    from django.core.cache import cache

    from espaces.ops.content_version import seats_version

    key = f"espaces:places-seance:{pk}:{seats_version()}"
    counts = cache.get(key)
    if counts is None:
        row = Session.objects.filter(pk=pk).with_counts().values_list("seats_taken", "waiting")
        counts = tuple(row.first() or (0, 0))
        cache.set(key, counts, 60)
    return counts


STAFF_LIST_FIELDS = (
    "start",
    "end",
    "title",
    "status",
    "capacity",
    "place_name",
    "place_address",
    "territory_id",
    "event_type__name",
    "site__name",
)


def staff_sessions(
    *,
    territory: Territory,
    past: bool = False,
    site: Site | None = None,
    event_type: EventType | None = None,
    now: dt.datetime | None = None,
):
    """Sessions for the team: upcoming (soonest first) or past (latest first)."""
    now = now or timezone.now()
    # The list shows a few columns of 30 sessions: only those are read (no commune, no texts).
    queryset = (
        Session.objects.filter(territory=territory)
        .with_counts()
        .select_related("event_type", "site")
        .only(*STAFF_LIST_FIELDS)
    ).annotate(
        present=registrations_total(
            "seats",
            status=RegistrationStatus.CONFIRMED,
            attendance=AttendanceStatus.PRESENT,
        )
    )
    if site is not None:
        queryset = queryset.filter(site=site)
    if event_type is not None:
        queryset = queryset.filter(event_type=event_type)
    if past:
        return queryset.filter(end__lte=now).order_by("-start", "-pk")
    return queryset.filter(end__gt=now).order_by("start", "pk")


def session_for_staff(*, territory: Territory, pk: int) -> Session | None:
    """A session with its counts, place, and the names of its jobs, partners and facilitators
    (only what the team's pages and forms read of them: the job sheets are long)."""
    from django.db.models import Prefetch

    from espaces.accounts.models import User
    from espaces.catalogue.models import Metier
    from espaces.territories.models import Partner

    return (
        _sessions(territory)
        .prefetch_related(
            Prefetch("metiers", Metier.objects.only("territory_id", "slug", "title")),
            Prefetch("partners", Partner.objects.only("territory_id", "slug", "name")),
            Prefetch("facilitators", User.objects.only("email", "first_name", "last_name")),
        )
        .filter(pk=pk)
        .first()
    )


_STATUS_ORDER = Case(
    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
    When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


# What the team's session page reads of the session outside its cached description: its title
# (and its type's name), whether it is over, its waiting list and its seats.
STAFF_PAGE_FIELDS = (
    "territory_id",
    "title",
    "start",
    "end",
    "status",
    "capacity",
    "waitlist_enabled",
    "event_type__name",
)


def session_for_staff_page(*, territory: Territory, pk: int) -> Session | None:
    """The row the team's session page needs at each request (one query, no counts: the page
    counts its registrations); the rest is in the page's cached description."""
    return _session_for_staff_page.first(territory_id=territory.pk, pk=pk)


@prepared_read
def _session_for_staff_page(*, territory_id: int, pk: int):
    return (
        Session.objects.filter(territory_id=territory_id, pk=pk)
        .select_related("event_type")
        .only(*STAFF_PAGE_FIELDS)
    )


# What the roster shows of each registration (templates/events/staff/session_detail.html).
ROSTER_FIELDS = (
    "territory_id",
    "session_id",
    "status",
    "attendance",
    "seats",
    "first_name",
    "last_name",
    "email",
    "phone",
    "public_category",
    "class_level",
    "created_at",
    "cancelled_at",
    "anonymised_at",
    "school__name",
)


def session_roster(*, session: Session) -> list[Registration]:
    """session_registrations() with the roster's columns only (a prepared read)."""
    return _session_roster.rows(session_id=session.pk)


@prepared_read
def _session_roster(*, session_id: int):
    return session_registrations(session=session_id).only(*ROSTER_FIELDS)


def session_registrations(*, session: Session):
    """Confirmed first (by name), then the waiting list (in order), then cancellations."""
    return (
        Registration.objects.filter(session=session)
        .select_related("school")
        .annotate(status_order=_STATUS_ORDER)
        .order_by("status_order", "last_name", "first_name", "pk")
    )


def waiting_list(*, session: Session):
    return Registration.objects.filter(
        session=session, status=RegistrationStatus.WAITLISTED
    ).order_by("pk")


def checkin_registrations(*, session: Session):
    """Who is expected: the confirmed registrations, by name."""
    return (
        Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED)
        .select_related("school")
        .order_by("last_name", "first_name", "pk")
    )


def checkin_counts(*, session: Session) -> dict:
    """Seats per attendance status of the confirmed registrations: {"present": 3, …}."""
    rows = (
        Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED)
        .values("attendance")
        .annotate(n=Sum("seats"))
        .order_by()
    )
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    counts.update({row["attendance"]: row["n"] for row in rows})
    return counts


def registration_for_token(*, pk: int) -> Registration | None:
    return (
        Registration.objects.select_related(
            "session__event_type", "session__site__commune", "session__territory"
        )
        .filter(pk=pk)
        .first()
    )


def feed_sessions(
    *,
    territory: Territory,
    site: Site | None = None,
    event_type: EventType | None = None,
    now: dt.datetime | None = None,
):
    """Sessions for the iCal feeds: from 30 days ago to one year ahead, cancelled included
    (calendars then show them as cancelled)."""
    now = now or timezone.now()
    queryset = Session.objects.filter(
        territory=territory,
        public=True,
        start__gte=now - dt.timedelta(days=30),
        start__lte=now + dt.timedelta(days=366),
    ).select_related("event_type", "site__commune")
    if site is not None:
        queryset = queryset.filter(site=site)
    if event_type is not None:
        queryset = queryset.filter(event_type=event_type)
    return queryset.order_by("start", "pk")


def survey_summary(*, session: Session) -> dict:
    """Counts of each answer to the three questions. The questionnaire opens when the session
    starts (services.survey_submit): before, there is nothing to read."""
    responses = (
        list(
            SurveyResponse.objects.filter(session=session).values_list(
                "rating", "discovery", "next_step"
            )
        )
        if session.has_started()
        else []
    )
    ratings = [rating for rating, _d, _n in responses if rating]
    return {
        "responses": len(responses),
        "rating_average": round(sum(ratings) / len(ratings), 1) if ratings else None,
        "rating": _count(ratings),
        "discovery": _count(d for _r, d, _n in responses if d),
        "next_step": _count(n for _r, _d, n in responses if n),
    }


def _count(values) -> dict:
    out: dict = {}
    for value in values:
        out[value] = out.get(value, 0) + 1
    return out


# --- statistics hooks (used by the stats app) -------------------------------------------------
def _held_sessions(*, territory, date_from, date_to, site):
    """Sessions that took place: not cancelled, already started."""
    queryset = Session.objects.filter(
        territory=territory, status=SessionStatus.PLANNED, start__lte=timezone.now()
    )
    if date_from:
        queryset = queryset.filter(start__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(start__date__lte=date_to)
    if site is not None:
        queryset = queryset.filter(site=site)
    return queryset


@dataclass
class AttendanceRow:
    """Seats, not registrations: a class of 25 pupils counts 25."""

    event_type: str  # slug; "" for the total
    name: str
    kind: str
    sessions: int = 0
    registered: int = 0
    present: int = 0
    absent: int = 0
    excused: int = 0
    not_checked: int = 0

    @property
    def no_show_rate(self) -> float | None:
        """absent / (present + absent); None when nobody was checked."""
        checked = self.present + self.absent
        return round(self.absent / checked, 4) if checked else None

    def as_dict(self) -> dict:
        return {
            "event_type": self.event_type,
            "name": self.name,
            "kind": self.kind,
            "sessions": self.sessions,
            "registered": self.registered,
            "present": self.present,
            "absent": self.absent,
            "excused": self.excused,
            "not_checked": self.not_checked,
            "no_show_rate": self.no_show_rate,
        }


@dataclass
class AttendanceStats:
    rows: list[AttendanceRow] = field(default_factory=list)
    total: AttendanceRow = field(default_factory=lambda: AttendanceRow("", "Total", ""))


def attendance_stats(
    *,
    territory: Territory,
    date_from: dt.date | None,
    date_to: dt.date | None,
    site: Site | None = None,
) -> AttendanceStats:
    """Sessions held in the period (not cancelled, already started) and attendance per event
    type, with the no-show rate = absent / (present + absent)."""
    sessions = _held_sessions(territory=territory, date_from=date_from, date_to=date_to, site=site)
    per_type = {
        row["event_type"]: row["n"]
        for row in sessions.values("event_type").annotate(n=Count("pk")).order_by()
    }
    seats = (
        Registration.objects.filter(session__in=sessions, status=RegistrationStatus.CONFIRMED)
        .values("session__event_type")
        .annotate(
            registered=Sum("seats"),
            present=Sum("seats", filter=Q(attendance=AttendanceStatus.PRESENT)),
            absent=Sum("seats", filter=Q(attendance=AttendanceStatus.ABSENT)),
            excused=Sum("seats", filter=Q(attendance=AttendanceStatus.EXCUSED)),
            not_checked=Sum("seats", filter=Q(attendance=AttendanceStatus.REGISTERED)),
        )
        .order_by()
    )
    counts = {row["session__event_type"]: row for row in seats}
    stats = AttendanceStats()
    for event_type in EventType.objects.filter(pk__in=per_type).order_by("name"):
        c = counts.get(event_type.pk, {})
        row = AttendanceRow(
            event_type=event_type.slug,
            name=event_type.name,
            kind=event_type.kind,
            sessions=per_type[event_type.pk],
            **{
                k: c.get(k) or 0
                for k in ("registered", "present", "absent", "excused", "not_checked")
            },
        )
        stats.rows.append(row)
        for name in ("sessions", "registered", "present", "absent", "excused", "not_checked"):
            setattr(stats.total, name, getattr(stats.total, name) + getattr(row, name))
    return stats


@dataclass
class SchoolStats:
    interventions: int = 0  # classes met (one group booking with a school = one intervention)
    schools: int = 0  # distinct schools
    pupils: int = 0
    by_kind: dict = field(default_factory=dict)  # {kind: {"interventions", "schools", "pupils"}}
    by_school: list = field(default_factory=list)  # [{"uai", "name", "kind", ...}]
    by_level: dict = field(default_factory=dict)  # {class level: {"interventions", "pupils"}}

    def as_dict(self) -> dict:
        return {
            "interventions": self.interventions,
            "schools": self.schools,
            "pupils": self.pupils,
            "by_kind": self.by_kind,
            "by_school": self.by_school,
            "by_level": self.by_level,
        }


def school_stats(
    *,
    territory: Territory,
    date_from: dt.date | None,
    date_to: dt.date | None,
    site: Site | None = None,
) -> SchoolStats:
    """Classes met in the period (sessions held, class not marked absent): interventions,
    distinct schools and pupils, in total, per kind of school and per school."""
    sessions = _held_sessions(territory=territory, date_from=date_from, date_to=date_to, site=site)
    rows = (
        Registration.objects.filter(
            session__in=sessions, status=RegistrationStatus.CONFIRMED, school__isnull=False
        )
        .exclude(attendance__in=[AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED])
        .values("school__uai", "school__name", "school__kind", "class_level")
        .annotate(interventions=Count("pk"), pupils=Sum("seats"))
        .order_by("school__name", "school__uai")
    )
    stats = SchoolStats()
    per_school: dict = {}
    for row in rows:  # one line per school and class level, in one query
        level = stats.by_level.setdefault(
            row["class_level"] or "", {"interventions": 0, "pupils": 0}
        )
        level["interventions"] += row["interventions"]
        level["pupils"] += row["pupils"]
        school = per_school.setdefault(
            row["school__uai"],
            {
                "uai": row["school__uai"],
                "name": row["school__name"],
                "kind": row["school__kind"],
                "interventions": 0,
                "pupils": 0,
            },
        )
        school["interventions"] += row["interventions"]
        school["pupils"] += row["pupils"]
    for school in per_school.values():
        kind = school["kind"]
        stats.by_school.append(school)
        stats.interventions += school["interventions"]
        stats.pupils += school["pupils"]
        stats.schools += 1
        bucket = stats.by_kind.setdefault(kind, {"interventions": 0, "schools": 0, "pupils": 0})
        bucket["interventions"] += school["interventions"]
        bucket["pupils"] += school["pupils"]
        bucket["schools"] += 1
    for kind in SchoolKind.values:
        stats.by_kind.setdefault(kind, {"interventions": 0, "schools": 0, "pupils": 0})
    stats.by_level = dict(sorted(stats.by_level.items()))
    return stats
