"""Writes of the professionals' space. Sessions, group bookings and reminders go through the
events services; visits through the reception services; nothing is duplicated here."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from espaces.events import conf as events_conf
from espaces.events.enums import ClassLevel, EventKind, RegistrationChannel, SessionStatus
from espaces.events.models import EventType, School
from espaces.events.services import (
    UAI_PATTERN,
    EventError,
    registration_create,
    school_create,
    session_create,
)
from espaces.events.sms import normalise_phone
from espaces.reception.thematiques import THEMATIQUE_VALUES

from . import notifications
from .consent import CURRENT_VERSION
from .enums import (
    OPEN_REQUEST_STATUSES,
    REFERRAL_TRANSITIONS,
    AppointmentStatus,
    ExceptionKind,
    ReferralStatus,
    RequestKind,
    RequestPlace,
    RequestStatus,
    StructureKind,
)
from .models import (
    Appointment,
    AvailabilityException,
    AvailabilitySlot,
    InboundReferral,
    InboundReferralEvent,
    ProposedDate,
    ProRequest,
    StructureLink,
)

MAX_PARTICIPANTS = 200
MAX_PERIODS = 6


class ProsError(Exception):
    """A French message saying what to do; `field` names the input at fault."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None, status: int = 422):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def _contact(email: str, phone: str, *, required: str = "any") -> tuple[str, str]:
    email, phone = (email or "").strip().lower(), (phone or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ProsError(
                gettext(
                    "L'adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr)."
                ),
                field="contact_email",
            ) from None
    if phone:
        normalised = normalise_phone(phone)
        if normalised is None:
            raise ProsError(
                gettext("Le numéro de téléphone n'est pas valide (exemple : 06 12 34 56 78)."),
                field="contact_phone",
            )
        phone = normalised
    if required == "email" and not email:
        raise ProsError(
            gettext("Indiquez une adresse électronique : nous y envoyons les dates proposées."),
            field="contact_email",
        )
    if required == "any" and not (email or phone):
        raise ProsError(
            gettext("Indiquez un téléphone ou une adresse électronique pour joindre la personne."),
            field="contact_phone",
        )
    return email, phone


def _periods(periods) -> list[dict]:
    """[{"from": "AAAA-MM-JJ", "to": "AAAA-MM-JJ"}], dates or strings; at least one, in the future."""
    if not periods:
        raise ProsError(
            gettext("Indiquez au moins une période souhaitée (du … au …)."), field="wished_periods"
        )
    if len(periods) > MAX_PERIODS:
        raise ProsError(
            gettext("Six périodes au plus : regroupez vos disponibilités."), field="wished_periods"
        )
    today = timezone.localdate()
    cleaned = []
    for period in periods:
        try:
            start, end = period["from"], period["to"]
            if isinstance(start, str):
                start = dt.date.fromisoformat(start)
            if isinstance(end, str):
                end = dt.date.fromisoformat(end)
            if not isinstance(start, dt.date) or not isinstance(end, dt.date):
                raise TypeError
        except (KeyError, TypeError, ValueError):
            raise ProsError(
                gettext("Chaque période a une date de début et de fin (AAAA-MM-JJ)."),
                field="wished_periods",
            ) from None
        if end < start:
            raise ProsError(
                gettext("La fin d'une période est avant son début."), field="wished_periods"
            )
        if end < today:
            raise ProsError(
                gettext("Une période souhaitée est déjà passée : choisissez des dates à venir."),
                field="wished_periods",
            )
        if (end - start).days > 366:
            raise ProsError(gettext("Une période dure un an au plus."), field="wished_periods")
        cleaned.append({"from": start.isoformat(), "to": end.isoformat()})
    return cleaned


def periods_of(pro_request) -> list[tuple[dt.date, dt.date]]:
    return [
        (dt.date.fromisoformat(p["from"]), dt.date.fromisoformat(p["to"]))
        for p in pro_request.wished_periods
    ]


# --- requests from schools and groups --------------------------------------------------------
@transaction.atomic
def request_create(
    *,
    territory,
    kind: str,
    organisation_name: str = "",
    uai: str = "",
    level: str = "",
    participants: int,
    wished_periods,
    place: str,
    topics: str = "",
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    consent: bool,
    accessibility_needs: str = "",
    structure_kind: str = "",
    accompanying: int = 1,
    site=None,
    metiers=(),
    owner=None,
) -> ProRequest:
    """Record a school's or a structure's request; the requester and the coordinators are told."""
    if kind not in RequestKind.values:
        raise ProsError(
            gettext("kind : « school » (établissement scolaire) ou « group » (structure)."),
            field="kind",
        )
    if place not in RequestPlace.values:
        raise ProsError(
            gettext("Choisissez une visite à l'Espace ou une intervention chez vous."),
            field="place",
        )
    organisation_name = (organisation_name or "").strip()[:200]
    school = None
    if kind == RequestKind.SCHOOL:
        uai = (uai or "").strip().upper()
        if not UAI_PATTERN.match(uai):
            raise ProsError(
                gettext("Le code UAI compte 7 chiffres suivis d'une lettre (exemple : 0590073J)."),
                field="uai",
            )
        school = School.objects.filter(territory=territory, uai=uai).first()
        if school is None and not organisation_name:
            raise ProsError(
                gettext("Cet établissement n'est pas encore connu : indiquez son nom."),
                field="organisation_name",
            )
        organisation_name = organisation_name or school.name
        if level and level not in ClassLevel.values:
            raise ProsError(
                gettext("Niveau de classe inconnu. Valeurs permises : %(values)s.")
                % {"values": ", ".join(ClassLevel.values)},
                field="level",
            )
        structure_kind = ""
    else:
        if not organisation_name:
            raise ProsError(gettext("Indiquez le nom de la structure."), field="organisation_name")
        if structure_kind and structure_kind not in StructureKind.values:
            raise ProsError(
                gettext("Type de structure inconnu. Valeurs permises : %(values)s.")
                % {"values": ", ".join(StructureKind.values)},
                field="structure_kind",
            )
        level = (level or "").strip()[:60]
    try:
        participants = int(participants)
    except (TypeError, ValueError):
        participants = 0
    if not 1 <= participants <= MAX_PARTICIPANTS:
        raise ProsError(
            gettext("Nombre de participants entre 1 et %(max)s.") % {"max": MAX_PARTICIPANTS},
            field="participants",
        )
    periods = _periods(wished_periods)
    contact_name = (contact_name or "").strip()[:150]
    if not contact_name:
        raise ProsError(
            gettext("Indiquez le nom de la personne à contacter."), field="contact_name"
        )
    email, phone = _contact(contact_email, contact_phone, required="email")
    if not consent:
        raise ProsError(
            gettext(
                "Cochez la case d'accord : nous gardons ces coordonnées seulement pour organiser "
                "la séance."
            ),
            field="consent",
        )
    if site is not None and site.territory_id != territory.pk:
        raise ProsError(gettext("Cet Espace n'appartient pas au territoire."), field="site")
    if school is None and kind == RequestKind.SCHOOL:
        try:
            school = school_create(territory=territory, uai=uai, name=organisation_name)
        except EventError as exc:
            raise ProsError(exc.message, field="uai") from None
    now = timezone.now()
    pro_request = ProRequest.objects.create(
        territory=territory,
        kind=kind,
        organisation_name=organisation_name,
        structure_kind=structure_kind,
        school=school,
        level=level,
        participants=participants,
        accompanying=max(int(accompanying or 1), 1),
        place=place,
        site=site,
        wished_periods=periods,
        topics=(topics or "").strip()[:2000],
        accessibility_needs=(accessibility_needs or "").strip()[:2000],
        contact_name=contact_name,
        contact_email=email,
        contact_phone=phone,
        consent_at=now,
        owner=owner,
    )
    if metiers:
        pro_request.metiers.set(metiers)
    transaction.on_commit(lambda: notifications.request_notify(pro_request, "received"))
    transaction.on_commit(lambda: notifications.coordinators_notify_request(pro_request))
    return pro_request


def _touch(obj) -> None:
    obj.last_activity_on = timezone.localdate()


@transaction.atomic
def request_propose(*, pro_request: ProRequest, slots, user=None) -> list[ProposedDate]:
    """Offer dates (from the mediators' availability) to the requester, replacing earlier ones."""
    if pro_request.status not in OPEN_REQUEST_STATUSES:
        raise ProsError(gettext("Cette demande n'attend plus de dates."))
    slots = list(slots)
    if not slots:
        raise ProsError(gettext("Choisissez au moins une date à proposer."), field="slots")
    pro_request.proposals.all().delete()
    proposals = [
        ProposedDate.objects.create(
            territory_id=pro_request.territory_id,
            request=pro_request,
            site=site,
            mediator=mediator,
            start=start,
            end=end,
        )
        for site, mediator, start, end in slots
    ]
    pro_request.status = RequestStatus.PROPOSED
    _touch(pro_request)
    pro_request.save(update_fields=["status", "last_activity_on", "updated_at"])
    transaction.on_commit(lambda: notifications.request_notify(pro_request, "proposed"))
    return proposals


def _default_event_type(pro_request: ProRequest):
    types = EventType.objects.filter(territory_id=pro_request.territory_id)
    wanted = (
        EventKind.INTERVENTION_SCOLAIRE
        if pro_request.kind == RequestKind.SCHOOL
        else EventKind.ATELIER
    )
    return types.filter(kind=wanted).first() or types.first()


@transaction.atomic
def request_accept(
    *, pro_request: ProRequest, proposal: ProposedDate, event_type=None, user=None
) -> ProRequest:
    """Fix the date: a session reserved to the group (never public) is created with the
    group's booking; the requester gets the confirmation, then the events' reminder."""
    pro_request = ProRequest.objects.select_for_update().get(pk=pro_request.pk)
    if pro_request.status not in OPEN_REQUEST_STATUSES:
        raise ProsError(gettext("Une date est déjà fixée pour cette demande."))
    if proposal.request_id != pro_request.pk:
        raise ProsError(gettext("Cette date n'a pas été proposée pour cette demande."))
    if proposal.start <= timezone.now():
        raise ProsError(gettext("Cette date est passée : proposez-en une autre."))
    event_type = event_type or _default_event_type(pro_request)
    if event_type is None or event_type.territory_id != pro_request.territory_id:
        raise ProsError(gettext("Aucun type d'événement : ajoutez-en un dans le pack."))
    outside = pro_request.place == RequestPlace.CLASSE
    session = session_create(
        territory=pro_request.territory,
        event_type=event_type,
        start=proposal.start,
        end=proposal.end,
        capacity=pro_request.participants,
        waitlist_enabled=False,
        public=False,
        site=proposal.site,
        place_name=pro_request.organisation_name if outside else "",
        audience=pro_request.get_kind_display(),
        accessibility=pro_request.accessibility_needs,
        title=f"{event_type.name} — {pro_request.organisation_name}"[:200],
        facilitators=[proposal.mediator] if proposal.mediator else [],
        metiers=list(pro_request.metiers.all()),
        created_by=user,
    )
    registration = registration_create(
        session=session,
        first_name=pro_request.contact_name[:150],
        last_name=pro_request.organisation_name[:150],
        email=pro_request.contact_email,
        phone=pro_request.contact_phone,
        consent=True,
        channel=RegistrationChannel.STAFF,
        seats=pro_request.participants,
        school=pro_request.school,
        class_level=pro_request.level if pro_request.level in ClassLevel.values else "",
        created_by=user,
        send_messages=False,
    )
    # the teacher's survey is this app's (sent to the contact after the session, present or
    # not): the events' own invitation is not sent for this booking
    type(registration).objects.filter(pk=registration.pk).update(survey_sent_at=timezone.now())
    ProposedDate.objects.filter(pk=proposal.pk).update(chosen=True)
    pro_request.session, pro_request.registration = session, registration
    pro_request.status = RequestStatus.ACCEPTED
    _touch(pro_request)
    pro_request.save(
        update_fields=["session", "registration", "status", "last_activity_on", "updated_at"]
    )
    transaction.on_commit(lambda: notifications.request_notify(pro_request, "accepted"))
    return pro_request


@transaction.atomic
def request_decline(*, pro_request: ProRequest, reason: str, user=None) -> ProRequest:
    reason = (reason or "").strip()[:300]
    if not reason:
        raise ProsError(
            gettext("Indiquez le motif : il est transmis au demandeur."), field="reason"
        )
    if pro_request.status not in OPEN_REQUEST_STATUSES:
        raise ProsError(gettext("Cette demande n'est plus en attente."))
    pro_request.status = RequestStatus.DECLINED
    pro_request.decline_reason = reason
    _touch(pro_request)
    pro_request.save(update_fields=["status", "decline_reason", "last_activity_on", "updated_at"])
    transaction.on_commit(lambda: notifications.request_notify(pro_request, "declined"))
    return pro_request


# Who came with a group, in the visit log (docs/pros.md): the participants' public category.
GROUP_PUBLIC = {
    StructureKind.MISSION_LOCALE: "demandeur_emploi",
    StructureKind.SIAE: "salarie",
    StructureKind.CENTRE_SOCIAL: "habitant",
    StructureKind.ASSOCIATION: "habitant",
    StructureKind.AUTRE: "autre",
    "": "autre",
}


@transaction.atomic
def request_mark_done(
    *, pro_request: ProRequest, participants: int, accompanying: int, user=None
) -> ProRequest:
    """The group came: for a visit at the Espace, two entries go to the visit log (the group,
    and its professionals apart), so the visitor, professional and group counts include it."""
    from espaces.reception.enums import VisitSource
    from espaces.reception.services import visit_create

    pro_request = ProRequest.objects.select_for_update().get(pk=pro_request.pk)
    if pro_request.status != RequestStatus.ACCEPTED or pro_request.session is None:
        raise ProsError(gettext("Seule une demande dont la date est fixée peut être réalisée."))
    session = pro_request.session
    if not session.has_started():
        raise ProsError(gettext("La séance n'a pas encore eu lieu."))
    if participants < 0 or accompanying < 0 or participants + accompanying == 0:
        raise ProsError(gettext("Indiquez combien de personnes sont venues."), field="participants")
    if pro_request.place == RequestPlace.ESPACE and pro_request.visits_recorded_at is None:
        public = (
            "jeune_scolaire"
            if pro_request.kind == RequestKind.SCHOOL
            else GROUP_PUBLIC.get(pro_request.structure_kind, "autre")
        )
        staff = (
            "enseignant"
            if pro_request.kind == RequestKind.SCHOOL
            else "professionnel_accompagnement"
        )
        day = timezone.localdate(session.start)
        for category, size in ((public, participants), (staff, accompanying)):
            if size:
                visit_create(
                    territory=pro_request.territory,
                    values={
                        "date": day,
                        "time": timezone.localtime(session.start).time(),
                        "site": session.site,
                        "public_category": category,
                        "group_size": size,
                        "purpose": "",
                        "channel": "",
                    },
                    recorded_by=user,
                    source=VisitSource.DESK,
                )
        pro_request.visits_recorded_at = timezone.now()
    pro_request.status = RequestStatus.DONE
    _touch(pro_request)
    pro_request.save(
        update_fields=["status", "visits_recorded_at", "last_activity_on", "updated_at"]
    )
    return pro_request


SURVEY_ANSWERS = ("oui", "peut_etre", "non")


def request_survey_submit(
    *, pro_request: ProRequest, rating: int | None, useful: str, again: str, comment: str
) -> ProRequest:
    """The teacher's (or group leader's) four optional answers, after the session."""
    if pro_request.session is None or not pro_request.session.has_started():
        raise ProsError(gettext("Le questionnaire ouvre après la séance."))
    if rating is not None and rating not in (1, 2, 3, 4):
        raise ProsError(gettext("Réponse inconnue."), field="rating")
    for name, value in (("useful", useful), ("again", again)):
        if value and value not in SURVEY_ANSWERS:
            raise ProsError(gettext("Réponse inconnue."), field=name)
    ProRequest.objects.filter(pk=pro_request.pk).update(
        survey_rating=rating,
        survey_useful=useful or "",
        survey_again=again or "",
        survey_comment=(comment or "").strip()[:1000],
        survey_answered_at=timezone.now(),
        updated_at=timezone.now(),
    )
    pro_request.refresh_from_db()
    return pro_request


def request_surveys_send_due(*, now: dt.datetime | None = None) -> int:
    """Invite each requester, once, to the survey after their session (up to ESPACES_SURVEY_DAYS)."""
    now = now or timezone.now()
    due = ProRequest.objects.filter(
        status__in=[RequestStatus.ACCEPTED, RequestStatus.DONE],
        survey_sent_at__isnull=True,
        anonymised_at__isnull=True,
        session__status=SessionStatus.PLANNED,
        session__end__lte=now,
        session__end__gt=now - dt.timedelta(days=events_conf.survey_days()),
    ).exclude(contact_email="")
    sent = 0
    for pro_request in due.select_related("session"):
        claimed = ProRequest.objects.filter(pk=pro_request.pk, survey_sent_at__isnull=True).update(
            survey_sent_at=now
        )
        if claimed and notifications.request_notify(pro_request, "survey").any:
            sent += 1
    return sent


# --- inbound referrals -----------------------------------------------------------------------
def _record(referral: InboundReferral, user=None) -> None:
    InboundReferralEvent.objects.create(
        territory_id=referral.territory_id, referral=referral, status=referral.status, by=user
    )


@transaction.atomic
def inbound_referral_create(
    *,
    territory,
    organisation,
    site,
    first_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    needs=(),
    reason: str = "",
    preferred_times: str = "",
    consent: bool,
    referrer=None,
    link: StructureLink | None = None,
    referrer_name: str = "",
) -> InboundReferral:
    """A professional refers a person to an Espace, with the person's consent."""
    if organisation is None or organisation.territory_id != territory.pk:
        raise ProsError(gettext("Structure inconnue dans ce territoire."), field="organisation")
    if site is None or site.territory_id != territory.pk:
        raise ProsError(gettext("Choisissez l'Espace où la personne sera reçue."), field="site")
    first_name = (first_name or "").strip()
    if not first_name:
        raise ProsError(gettext("Indiquez le prénom de la personne."), field="first_name")
    if len(first_name) > 150:
        raise ProsError(gettext("Le prénom fait 150 caractères au plus."), field="first_name")
    email, phone = _contact(contact_email, contact_phone, required="any")
    needs = list(dict.fromkeys(needs or ()))
    unknown = [n for n in needs if n not in THEMATIQUE_VALUES]
    if unknown:
        raise ProsError(
            gettext(
                "Besoin inconnu : %(values)s. Utilisez les thématiques data·inclusion "
                "(exemple : mobilite--preparer-un-permis)."
            )
            % {"values": ", ".join(map(str, unknown))},
            field="needs",
        )
    if not needs and not (reason or "").strip():
        raise ProsError(
            gettext("Indiquez au moins un besoin ou le motif de l'orientation."), field="needs"
        )
    if consent is not True:
        raise ProsError(
            gettext(
                "L'accord de la personne est obligatoire : lisez-lui le texte d'information et "
                "cochez la case."
            ),
            field="consent",
        )
    referral = InboundReferral.objects.create(
        territory=territory,
        organisation=organisation,
        referrer=referrer,
        link=link,
        referrer_name=(referrer_name or "").strip()[:150],
        site=site,
        first_name=first_name,
        contact_email=email,
        contact_phone=phone,
        needs=needs,
        reason=(reason or "").strip()[:2000],
        preferred_times=(preferred_times or "").strip()[:300],
        consent_at=timezone.now(),
        consent_version=CURRENT_VERSION,
    )
    _record(referral, referrer)
    transaction.on_commit(lambda: notifications.desk_notify_referral(referral))
    return referral


@transaction.atomic
def inbound_referral_transition(
    *, referral: InboundReferral, status: str, user=None, oriented_to: str = ""
) -> InboundReferral:
    """Move the referral on (the referring professional sees the new status, nothing else)."""
    referral = InboundReferral.objects.select_for_update().get(pk=referral.pk)
    allowed = REFERRAL_TRANSITIONS.get(referral.status, ())
    if status not in allowed:
        labels = ", ".join(f"« {ReferralStatus(s).label} »" for s in allowed) or "—"
        raise ProsError(
            gettext(
                "Impossible de passer de « %(from)s » à « %(to)s ». Étapes possibles : %(allowed)s."
            )
            % {
                "from": ReferralStatus(referral.status).label,
                "to": ReferralStatus(status).label if status in ReferralStatus.values else status,
                "allowed": labels,
            },
            field="status",
        )
    oriented_to = (oriented_to or "").strip()[:200]
    if status == ReferralStatus.ORIENTED and not oriented_to:
        raise ProsError(
            gettext("Indiquez vers quel partenaire la personne est orientée."), field="oriented_to"
        )
    referral.status = status
    if oriented_to:
        referral.oriented_to = oriented_to
    if referral.accepted_at is None:
        referral.accepted_at = timezone.now()
        referral.handled_by = referral.handled_by or user
    _touch(referral)
    referral.save()
    _record(referral, user)
    return referral


@transaction.atomic
def appointment_book(
    *, referral: InboundReferral, site, mediator, start: dt.datetime, end=None, user=None
) -> Appointment:
    """Book a slot for the referred person; they are told by e-mail/SMS, then reminded."""
    from .conf import appointment_minutes

    end = end or start + dt.timedelta(minutes=appointment_minutes())
    if referral.status in (ReferralStatus.ORIENTED, ReferralStatus.CLOSED):
        raise ProsError(gettext("Cette orientation est terminée."))
    if site.territory_id != referral.territory_id or mediator.territory_id != referral.territory_id:
        raise ProsError(gettext("Ce choix n'appartient pas au territoire."), field="slot")
    if start <= timezone.now():
        raise ProsError(gettext("Ce créneau est passé : choisissez-en un autre."), field="slot")
    if Appointment.objects.filter(
        mediator=mediator, status=AppointmentStatus.PLANNED, start__lt=end, end__gt=start
    ).exists():
        raise ProsError(
            gettext("Ce créneau vient d'être pris : choisissez-en un autre."), field="slot"
        )
    Appointment.objects.filter(referral=referral, status=AppointmentStatus.PLANNED).update(
        status=AppointmentStatus.CANCELLED, updated_at=timezone.now()
    )
    appointment = Appointment.objects.create(
        territory_id=referral.territory_id,
        referral=referral,
        site=site,
        mediator=mediator,
        start=start,
        end=end,
    )
    inbound_referral_transition(referral=referral, status=ReferralStatus.APPOINTMENT, user=user)
    transaction.on_commit(lambda: notifications.appointment_notify(appointment, "fixed"))
    return appointment


@transaction.atomic
def appointment_set_status(*, appointment: Appointment, status: str, user=None) -> Appointment:
    """Honoured (the referral becomes « venue »), missed, or cancelled (the person is told)."""
    if status not in AppointmentStatus.values or status == AppointmentStatus.PLANNED:
        raise ProsError(gettext("Statut de rendez-vous inconnu."), field="status")
    if appointment.status != AppointmentStatus.PLANNED:
        raise ProsError(gettext("Ce rendez-vous est déjà clos."))
    appointment.status = status
    appointment.save(update_fields=["status", "updated_at"])
    referral = appointment.referral
    if status == AppointmentStatus.DONE and referral.status == ReferralStatus.APPOINTMENT:
        inbound_referral_transition(referral=referral, status=ReferralStatus.CAME, user=user)
    if status == AppointmentStatus.CANCELLED and appointment.start > timezone.now():
        transaction.on_commit(lambda: notifications.appointment_notify(appointment, "cancelled"))
    return appointment


@transaction.atomic
def inbound_referral_book_session(*, referral: InboundReferral, session, user=None):
    """Register the referred person on a session (the events service takes the seat and sends
    the confirmation and reminder through its channels)."""
    if referral.status in (ReferralStatus.ORIENTED, ReferralStatus.CLOSED):
        raise ProsError(gettext("Cette orientation est terminée."))
    if session.territory_id != referral.territory_id:
        raise ProsError(gettext("Ce choix n'appartient pas au territoire."), field="session")
    try:
        registration = registration_create(
            session=session,
            first_name=referral.first_name,
            last_name=f"({referral.reference})",
            email=referral.contact_email,
            phone=referral.contact_phone,
            consent=True,
            channel=RegistrationChannel.STAFF,
            created_by=user,
        )
    except EventError as exc:
        raise ProsError(exc.message, field="session", status=exc.status) from None
    referral.registration = registration
    referral.save(update_fields=["registration", "updated_at"])
    inbound_referral_transition(referral=referral, status=ReferralStatus.APPOINTMENT, user=user)
    return registration


def appointments_send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind each person of a planned appointment within ESPACES_REMINDER_HOURS, once."""
    now = now or timezone.now()
    due = Appointment.objects.filter(
        status=AppointmentStatus.PLANNED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + dt.timedelta(hours=events_conf.reminder_hours()),
        referral__anonymised_at__isnull=True,
    ).select_related("referral", "site__commune")
    sent = 0
    for appointment in due:
        if not Appointment.objects.filter(pk=appointment.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        ):
            continue
        if notifications.appointment_notify(appointment, "reminder").any:
            sent += 1
        else:  # nothing went out: try again at the next run
            Appointment.objects.filter(pk=appointment.pk).update(reminder_sent_at=None)
    return sent


# --- availability ----------------------------------------------------------------------------
def _check_mediator(territory, mediator, site=None):
    if mediator.territory_id != territory.pk or not mediator.has_role(
        "mediator", "coordinator", "admin"
    ):
        raise ProsError(
            gettext("Choisissez un membre de l'équipe du territoire."), field="mediator"
        )
    if site is not None and site.territory_id != territory.pk:
        raise ProsError(gettext("Cet Espace n'appartient pas au territoire."), field="site")


def availability_slot_create(
    *,
    territory,
    mediator,
    site,
    weekday: int,
    start_time,
    end_time,
    valid_from=None,
    valid_until=None,
) -> AvailabilitySlot:
    _check_mediator(territory, mediator, site)
    if weekday not in range(7):
        raise ProsError(gettext("Jour de la semaine inconnu."), field="weekday")
    if end_time <= start_time:
        raise ProsError(gettext("La fin du créneau doit être après son début."), field="end_time")
    if valid_from and valid_until and valid_until < valid_from:
        raise ProsError(gettext("La fin de validité est avant son début."), field="valid_until")
    return AvailabilitySlot.objects.create(
        territory=territory,
        mediator=mediator,
        site=site,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        valid_from=valid_from,
        valid_until=valid_until,
    )


def availability_exception_create(
    *, territory, mediator, date, kind: str, site=None, start_time=None, end_time=None, note=""
) -> AvailabilityException:
    _check_mediator(territory, mediator, site)
    if kind not in ExceptionKind.values:
        raise ProsError(gettext("Nature d'exception inconnue."), field="kind")
    if (start_time is None) != (end_time is None):
        raise ProsError(
            gettext("Donnez l'heure de début et de fin, ou aucune (toute la journée)."),
            field="end_time",
        )
    if start_time and end_time <= start_time:
        raise ProsError(gettext("La fin doit être après le début."), field="end_time")
    if kind == ExceptionKind.EXTRA and (site is None or start_time is None):
        raise ProsError(
            gettext("Une disponibilité en plus a un Espace et des heures."), field="site"
        )
    return AvailabilityException.objects.create(
        territory=territory,
        mediator=mediator,
        site=site,
        date=date,
        kind=kind,
        start_time=start_time,
        end_time=end_time,
        note=(note or "").strip()[:200],
    )


# --- links issued to structures --------------------------------------------------------------
def structure_link_create(*, territory, organisation, label: str = "", user=None) -> StructureLink:
    if organisation.territory_id != territory.pk:
        raise ProsError(gettext("Structure inconnue dans ce territoire."), field="organisation")
    return StructureLink.objects.create(
        territory=territory, organisation=organisation, label=label.strip()[:200], created_by=user
    )


def structure_link_revoke(*, link: StructureLink) -> StructureLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
    return link
