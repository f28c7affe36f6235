"""Writes of the events domain. Every path that takes or frees a seat goes through
`registration_create` / `registration_cancel`, which lock the session row and re-count the seats
in the same transaction, so that capacity is never exceeded."""

import datetime as dt
import logging
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from espaces.common.public_url import keep_serving
from espaces.territories.models import Territory

from . import conf
from .enums import (
    ACTIVE_STATUSES,
    AttendanceStatus,
    ClassLevel,
    EventKind,
    PublicCategory,
    RegistrationChannel,
    RegistrationStatus,
    SchoolKind,
    SessionStatus,
    SurveyDiscovery,
    SurveyNextStep,
    SurveyRating,
)
from .models import EventType, Registration, School, Session, SurveyResponse
from .notifications import notify
from .sms import normalise_phone

logger = logging.getLogger("espaces.events")

UAI_PATTERN = re.compile(r"^\d{7}[A-Z]$")


class EventError(Exception):
    """A French message saying what went wrong; `status` is the HTTP status the API answers."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidRegistration(EventError):
    status = 422


class RegistrationClosed(EventError):
    status = 409


class SessionFull(EventError):
    status = 409


class AlreadyRegistered(EventError):
    status = 409


# --- registrations ---------------------------------------------------------------------------
def _clean_person(
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    public_category: str,
    consent: bool,
    contact_required: bool,
) -> dict:
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    email, phone = (email or "").strip().lower(), (phone or "").strip()
    if not first_name:
        raise InvalidRegistration(gettext("Indiquez le prénom."), field="first_name")
    if not last_name:
        raise InvalidRegistration(gettext("Indiquez le nom."), field="last_name")
    if len(first_name) > 150 or len(last_name) > 150:
        raise InvalidRegistration(gettext("Le prénom et le nom font 150 caractères au plus."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidRegistration(
                gettext(
                    "L'adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr)."
                ),
                field="email",
            ) from None
    if phone:
        normalised = normalise_phone(phone)
        if normalised is None:
            raise InvalidRegistration(
                gettext("Le numéro de téléphone n'est pas valide (exemple : 06 12 34 56 78)."),
                field="phone",
            )
        phone = normalised
    if contact_required and not (email or phone):
        raise InvalidRegistration(
            gettext(
                "Indiquez une adresse électronique ou un numéro de téléphone : nous en avons besoin "
                "pour confirmer l'inscription et vous rappeler la date."
            ),
            field="email",
        )
    if public_category and public_category not in PublicCategory.values:
        raise InvalidRegistration(
            gettext("Catégorie de public « %(value)s » inconnue. Valeurs permises : %(allowed)s.")
            % {"value": public_category, "allowed": ", ".join(PublicCategory.values)},
            field="public_category",
        )
    if not consent:
        raise InvalidRegistration(
            gettext(
                "Cochez la case d'accord : nous gardons ces coordonnées seulement pour cette séance."
            ),
            field="consent",
        )
    return {
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "phone": phone,
        "public_category": public_category or "",
    }


def _confirmed_seats(session_id: int) -> int:
    return (
        Registration.objects.filter(
            session_id=session_id, status=RegistrationStatus.CONFIRMED
        ).aggregate(n=Sum("seats"))["n"]
        or 0
    )


def _lock_session(session_id: int) -> Session:
    """The session row, locked until the end of the transaction (SELECT … FOR UPDATE on
    PostgreSQL; on SQLite the IMMEDIATE transaction already holds the database write lock)."""
    return Session.objects.select_for_update(of=("self",)).get(pk=session_id)


def registration_create(
    *,
    session: Session,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    public_category: str = "",
    consent: bool = False,
    channel: str = RegistrationChannel.WEB,
    seats: int = 1,
    school: School | None = None,
    class_level: str = "",
    created_by=None,
    attendance: str = AttendanceStatus.REGISTERED,
    send_messages: bool = True,
) -> Registration:
    """Take a seat on `session`, or a place on its waiting list when it is full.

    Raises SessionFull (no seat and no waiting list, or a group that does not fit),
    RegistrationClosed (cancelled or started), AlreadyRegistered, InvalidRegistration.
    """
    public = channel in (RegistrationChannel.WEB, RegistrationChannel.API)
    person = _clean_person(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        public_category=public_category,
        consent=consent,
        contact_required=public or seats > 1,
    )
    if seats < 1:
        raise InvalidRegistration(
            gettext("Le nombre de places doit être d'au moins 1."), field="seats"
        )
    if seats > 1 and public:
        raise InvalidRegistration(gettext("Une inscription en ligne compte une seule place."))
    if class_level and class_level not in ClassLevel.values:
        raise InvalidRegistration(gettext("Niveau de classe inconnu."), field="class_level")
    if school is not None and school.territory_id != session.territory_id:
        raise InvalidRegistration(gettext("Cet établissement n'appartient pas au territoire."))
    now = timezone.now()
    try:
        with transaction.atomic():
            locked = _lock_session(session.pk)
            if locked.is_cancelled:
                raise RegistrationClosed(
                    gettext("Cette séance est annulée : les inscriptions sont closes.")
                )
            if public and not locked.public:
                raise RegistrationClosed(
                    gettext(
                        "Cette séance est réservée à un groupe : elle n'est pas ouverte aux "
                        "inscriptions en ligne. Choisissez une autre date dans l'agenda."
                    )
                )
            if locked.has_ended(now) or (public and locked.has_started(now)):
                raise RegistrationClosed(
                    gettext("Cette séance a déjà commencé : les inscriptions sont closes.")
                )
            if public:
                duplicate = Q()
                if person["email"]:
                    duplicate |= Q(email=person["email"])
                if person["phone"]:
                    duplicate |= Q(phone=person["phone"])
                if (
                    Registration.objects.filter(session=locked, status__in=ACTIVE_STATUSES)
                    .filter(duplicate)
                    .exists()
                ):
                    raise AlreadyRegistered(
                        gettext(
                            "Une inscription à cette séance existe déjà avec ces coordonnées. Le "
                            "message de confirmation contient le lien pour la consulter ou l'annuler."
                        )
                    )
            left = locked.capacity - _confirmed_seats(locked.pk)
            if seats <= left:
                status = RegistrationStatus.CONFIRMED
            elif seats == 1 and locked.waitlist_enabled:
                status = RegistrationStatus.WAITLISTED
            elif seats > 1:
                raise SessionFull(
                    ngettext(
                        "Il reste %(left)s place : impossible d'inscrire un groupe de %(seats)s. "
                        "Augmentez le nombre de places de la séance ou choisissez une autre "
                        "séance.",
                        "Il reste %(left)s places : impossible d'inscrire un groupe de %(seats)s. "
                        "Augmentez le nombre de places de la séance ou choisissez une autre "
                        "séance.",
                        max(left, 1),
                    )
                    % {"left": max(left, 0), "seats": seats}
                )
            else:
                raise SessionFull(
                    gettext(
                        "Cette séance est complète et n'a pas de liste d'attente. "
                        "Choisissez une autre date dans l'agenda."
                    )
                )
            registration = Registration.objects.create(
                territory_id=locked.territory_id,
                session=locked,
                status=status,
                attendance=attendance if status == RegistrationStatus.CONFIRMED else "registered",
                seats=seats,
                school=school,
                class_level=class_level,
                channel=channel,
                consent_at=now,
                confirmed_at=now if status == RegistrationStatus.CONFIRMED else None,
                checked_in_at=now if attendance != AttendanceStatus.REGISTERED else None,
                created_by=created_by,
                **person,
            )
            if send_messages:
                kind = "confirmed" if status == RegistrationStatus.CONFIRMED else "waitlisted"
                transaction.on_commit(keep_serving(lambda: _deliver(registration, kind)))
    except IntegrityError as exc:  # the unique constraints back the duplicate check up
        raise AlreadyRegistered(
            gettext("Une inscription à cette séance existe déjà avec ces coordonnées.")
        ) from exc
    return registration


def _promote_waitlist(session: Session, *, now: dt.datetime) -> list[Registration]:
    """Give the freed seats to the first in line (the session row must be locked)."""
    if session.is_cancelled or session.has_started(now) or not session.waitlist_enabled:
        return []
    left = session.capacity - _confirmed_seats(session.pk)
    promoted = []
    if left <= 0:
        return promoted
    for registration in Registration.objects.filter(
        session=session, status=RegistrationStatus.WAITLISTED
    ).order_by("pk")[:left]:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        promoted.append(registration)
    return promoted


def _deliver(registration, kind: str) -> None:
    """Send, and keep on the object what left (`delivery`), so that pages claim only that."""
    registration.delivery = notify(registration, kind)


def _notify_later(registrations, kind: str) -> None:
    for registration in registrations:
        registration.delivery = None  # not tried yet
        transaction.on_commit(keep_serving(lambda r=registration: _deliver(r, kind)))


def registration_cancel(
    *, registration: Registration, by_organiser: bool = False, send_messages: bool = True
) -> list[Registration]:
    """Cancel a registration (idempotent) and give its seat to the first in line, who is told.

    Returns the registrations promoted from the waiting list.
    """
    now = timezone.now()
    with transaction.atomic():
        session = _lock_session(registration.session_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status not in ACTIVE_STATUSES:
            registration.status = current.status
            return []
        if not by_organiser and session.has_started(now):
            raise RegistrationClosed(
                gettext(
                    "La séance a déjà commencé : l'inscription ne peut plus être annulée en ligne."
                )
            )
        was_confirmed = current.status == RegistrationStatus.CONFIRMED
        current.status = (
            RegistrationStatus.CANCELLED_BY_ORGANISER
            if by_organiser
            else RegistrationStatus.CANCELLED
        )
        current.cancelled_at = now
        current.attendance = AttendanceStatus.REGISTERED
        current.checked_in_at = None
        current.save(
            update_fields=["status", "cancelled_at", "attendance", "checked_in_at", "updated_at"]
        )
        promoted = _promote_waitlist(session, now=now) if was_confirmed else []
        if send_messages:
            _notify_later(promoted, "promoted")
            if by_organiser:
                _notify_later([registration], "registration_cancelled")
    registration.status = current.status
    registration.cancelled_at = current.cancelled_at
    return promoted


def registration_set_follow_up(*, registration: Registration, keep: bool) -> None:
    """Mark a registration as linked to a follow-up file (kept out of anonymisation)."""
    Registration.objects.filter(pk=registration.pk).update(
        keep_for_follow_up=keep, updated_at=timezone.now()
    )


def attendance_mark(*, registration: Registration, attendance: str) -> Registration:
    """Record present / absent / excused (or back to not checked); marking twice is harmless."""
    if attendance not in AttendanceStatus.values:
        raise EventError(
            gettext("Statut de présence « %(value)s » inconnu.") % {"value": attendance}
        )
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.CONFIRMED:
            raise EventError(
                gettext(
                    "Seule une inscription confirmée peut être pointée (celle-ci est "
                    "« %(status)s »)."
                )
                % {"status": current.get_status_display().lower()}
            )
        if current.attendance != attendance:
            current.attendance = attendance
            current.checked_in_at = (
                None if attendance == AttendanceStatus.REGISTERED else timezone.now()
            )
            current.save(update_fields=["attendance", "checked_in_at", "updated_at"])
    return current


# --- sessions --------------------------------------------------------------------------------
SESSION_FIELDS = (
    "event_type",
    "title",
    "description",
    "site",
    "place_name",
    "place_address",
    "start",
    "end",
    "capacity",
    "waitlist_enabled",
    "audience",
    "other_facilitators",
    "accessibility",
    "public",
)
SESSION_M2M = ("partners", "metiers", "facilitators")


def _check_session_refs(territory_id: int, values: dict, m2m: dict) -> None:
    for name in ("event_type", "site"):
        obj = values.get(name)
        if obj is not None and obj.territory_id != territory_id:
            raise EventError(gettext("Ce choix n'appartient pas au territoire."), field=name)
    for name, objects in m2m.items():
        for obj in objects or ():
            owner = getattr(obj, "territory_id", territory_id)
            if owner != territory_id:
                raise EventError(gettext("Ce choix n'appartient pas au territoire."), field=name)
    if not values.get("site"):
        raise EventError(gettext("Indiquez l'Espace qui organise la séance."), field="site")
    if values["end"] <= values["start"]:
        raise EventError(gettext("La fin doit être après le début."), field="end")
    if values["capacity"] < 1:
        raise EventError(gettext("Le nombre de places doit être d'au moins 1."), field="capacity")


@transaction.atomic
def session_create(
    *,
    territory: Territory,
    event_type: EventType,
    start: dt.datetime,
    end: dt.datetime | None = None,
    capacity: int | None = None,
    waitlist_enabled: bool | None = None,
    created_by=None,
    partners=(),
    metiers=(),
    facilitators=(),
    **fields,
) -> Session:
    """Create a planned session; capacity, duration and waiting list default to its type's."""
    fields.setdefault("public", event_type.kind != EventKind.INTERVENTION_SCOLAIRE)
    values = {
        "event_type": event_type,
        "start": start,
        "end": end or start + dt.timedelta(minutes=event_type.default_duration_minutes),
        "capacity": capacity or event_type.default_capacity,
        "waitlist_enabled": (
            event_type.waitlist_enabled if waitlist_enabled is None else waitlist_enabled
        ),
        **fields,
    }
    m2m = {"partners": partners, "metiers": metiers, "facilitators": facilitators}
    _check_session_refs(territory.pk, values, m2m)
    session = Session.objects.create(territory=territory, created_by=created_by, **values)
    for name, objects in m2m.items():
        if objects:
            getattr(session, name).set(objects)
    return session


def session_update(*, session: Session, send_messages: bool = True, **changes) -> Session:
    """Change a session; a larger capacity promotes the waiting list, a capacity below the
    confirmed seats is refused."""
    m2m = {k: changes.pop(k) for k in SESSION_M2M if k in changes}
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise EventError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_session(session.pk)
        if locked.is_cancelled:
            raise EventError(gettext("Une séance annulée ne se modifie plus : dupliquez-la."))
        values = {f: getattr(locked, f) for f in SESSION_FIELDS} | changes
        _check_session_refs(locked.territory_id, values, m2m)
        taken = _confirmed_seats(locked.pk)
        if values["capacity"] < taken:
            raise EventError(
                gettext(
                    "%(taken)s places sont déjà prises : le nombre de places ne peut pas "
                    "descendre en dessous. Annulez d'abord des inscriptions."
                )
                % {"taken": taken},
                field="capacity",
            )
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        for name, objects in m2m.items():
            getattr(locked, name).set(objects)
        promoted = _promote_waitlist(locked, now=now)
        if send_messages:
            _notify_later(promoted, "promoted")
    return locked


def session_duplicate(*, session: Session, start: dt.datetime, created_by=None) -> Session:
    """A new planned session like `session` (same type, place, seats, partners, jobs) at
    `start`, with no registrations."""
    values = {f: getattr(session, f) for f in SESSION_FIELDS}
    values["end"] = start + (session.end - session.start)
    values["start"] = start
    return session_create(
        territory=session.territory,
        created_by=created_by,
        partners=list(session.partners.all()),
        metiers=list(session.metiers.all()),
        facilitators=list(session.facilitators.all()),
        **values,
    )


def session_cancel(*, session: Session, reason: str = "", send_messages: bool = True) -> int:
    """Cancel a session and tell everyone registered or waiting; returns how many were told."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_session(session.pk)
        if locked.is_cancelled:
            return 0
        locked.status = SessionStatus.CANCELLED
        locked.cancelled_at = now
        locked.cancellation_reason = reason.strip()[:300]
        locked.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
        affected = list(Registration.objects.filter(session=locked, status__in=ACTIVE_STATUSES))
        Registration.objects.filter(pk__in=[r.pk for r in affected]).update(
            status=RegistrationStatus.CANCELLED_BY_ORGANISER,
            attendance=AttendanceStatus.REGISTERED,
            checked_in_at=None,
            cancelled_at=now,
            updated_at=now,
        )
        if send_messages and not locked.has_ended(now):
            _notify_later(affected, "session_cancelled")
    session.status, session.cancelled_at = locked.status, locked.cancelled_at
    session.affected_registrations = affected  # each with its `delivery` once committed
    return len(affected)


# --- schools ---------------------------------------------------------------------------------
def school_create(
    *, territory: Territory, uai: str, name: str, kind: str = SchoolKind.COLLEGE, commune=None
) -> School:
    """Add a school (staff add the collèges; the lycées come from the pack)."""
    uai = (uai or "").strip().upper()
    name = (name or "").strip()
    if not UAI_PATTERN.match(uai):
        raise EventError(
            gettext("Le code UAI compte 7 chiffres suivis d'une lettre (exemple : 0590073J)."),
            field="uai",
        )
    if not name:
        raise EventError(gettext("Indiquez le nom de l'établissement."), field="name")
    if kind not in SchoolKind.values:
        raise EventError(gettext("Type d'établissement inconnu."), field="kind")
    if commune is not None and commune.territory_id != territory.pk:
        raise EventError(gettext("Cette commune n'appartient pas au territoire."), field="commune")
    if School.objects.filter(territory=territory, uai=uai).exists():
        raise EventError(
            gettext("Un établissement porte déjà le code UAI %(uai)s.") % {"uai": uai},
            field="uai",
        )
    return School.objects.create(
        territory=territory, uai=uai, name=name, kind=kind, commune=commune
    )


# --- survey ----------------------------------------------------------------------------------
def survey_submit(
    *, registration: Registration, rating: int | None, discovery: str = "", next_step: str = ""
) -> SurveyResponse:
    """Record (or correct) the person's optional answers, once the session has started."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise EventError(gettext("Ce questionnaire n'est plus disponible."))
    if not registration.session.has_started():
        raise EventError(gettext("Le questionnaire ouvre au début de la séance."))
    if rating is not None and rating not in SurveyRating.values:
        raise EventError(gettext("Réponse inconnue."), field="rating")
    if discovery and discovery not in SurveyDiscovery.values:
        raise EventError(gettext("Réponse inconnue."), field="discovery")
    if next_step and next_step not in SurveyNextStep.values:
        raise EventError(gettext("Réponse inconnue."), field="next_step")
    response, _ = SurveyResponse.objects.update_or_create(
        registration=registration,
        defaults={
            "territory_id": registration.territory_id,
            "session_id": registration.session_id,
            "rating": rating,
            "discovery": discovery,
            "next_step": next_step,
        },
    )
    return response


# --- background work (tasks.py) ---------------------------------------------------------------
def _claim(pk: int, field: str, now: dt.datetime) -> bool:
    """Mark `field` as done for one confirmed registration unless another worker already did.

    One UPDATE on the registration table alone (no join, which Django would turn into a
    subquery): PostgreSQL re-checks `field IS NULL` on the locked row, so only one worker wins.
    """
    return bool(
        Registration.objects.filter(
            pk=pk, status=RegistrationStatus.CONFIRMED, **{f"{field}__isnull": True}
        ).update(**{field: now})
    )


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Send the reminder of every confirmed registration whose session starts within
    ESPACES_REMINDER_HOURS; each one at most once, even with several workers."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            anonymised_at__isnull=True,
            session__status=SessionStatus.PLANNED,
            session__start__gt=now,
            session__start__lte=now + dt.timedelta(hours=conf.reminder_hours()),
        )
        .exclude(email="", phone="")
        .select_related("session__event_type", "session__site__commune")
        .order_by("pk")
    )
    sent = 0
    for registration in due:
        if not _claim(registration.pk, "reminder_sent_at", now):
            continue
        if notify(registration, "reminder").any:
            sent += 1
        else:  # nothing went out: try again at the next run
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
    return sent


def surveys_send_due(*, now: dt.datetime | None = None) -> int:
    """Invite the people marked present to the satisfaction survey, once, after the session."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            attendance=AttendanceStatus.PRESENT,
            survey_sent_at__isnull=True,
            anonymised_at__isnull=True,
            survey__isnull=True,
            session__status=SessionStatus.PLANNED,
            session__end__lte=now,
            session__end__gt=now - dt.timedelta(days=conf.survey_days()),
        )
        .exclude(email="", phone="")
        .select_related("session__event_type", "session__site__commune")
        .order_by("pk")
    )
    sent = 0
    for registration in due:
        if _claim(registration.pk, "survey_sent_at", now) and notify(registration, "survey").any:
            sent += 1
    return sent


PERSONAL_FIELDS = {"first_name": "", "last_name": "", "email": "", "phone": ""}


def registrations_to_anonymise(*, now: dt.datetime | None = None):
    now = now or timezone.now()
    return Registration.objects.filter(
        anonymised_at__isnull=True,
        keep_for_follow_up=False,
        session__end__lt=now - dt.timedelta(days=conf.retention_days()),
    )


def registrations_anonymise(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Clear names and contacts of registrations whose session ended more than
    ESPACES_REGISTRATION_RETENTION_DAYS ago, unless kept for a follow-up file; status,
    attendance, seats, public category, school and survey answers stay for the counts."""
    now = now or timezone.now()
    queryset = registrations_to_anonymise(now=now)
    if dry_run:
        return queryset.count()
    return queryset.update(anonymised_at=now, updated_at=now, **PERSONAL_FIELDS)
