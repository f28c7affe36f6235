"""Writes of the recruitment domain: offers (publish, close, expire, archive — never delete),
imports, candidacies and their state machine, reminders, the hire that closes the person's
accompaniment. Messages and logs never carry names or contact details."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from espaces.common.audit import AuditAction, audit_record
from espaces.reception.enums import ExitOutcome, LegalBasis
from espaces.reception.models import Beneficiary
from espaces.territories.models import Partner, Territory

from .conf import (
    CV_EXTENSIONS,
    CV_MAX_BYTES,
    MAX_REMINDERS,
    candidacy_reminder_days,
    candidacy_reply_days,
    offer_archive_days,
)
from .consent import CONSENT_TEXTS, CURRENT_VERSION
from .enums import CandidacyStatus, OfferSource, OfferStatus
from .models import Candidacy, CandidacyEvent, Offer, OfferRome
from .states import check_transition

logger = logging.getLogger(__name__)

OFFER_FIELDS = [
    "title",
    "description",
    "metier",
    "sector",
    "contract",
    "hours",
    "shift_work",
    "commune",
    "posts",
    "start_on",
    "requirements",
    "open_without_diploma",
    "funded_training",
    "recruitment_method",
    "closing_on",
    "job_dating",
]


class RecruitmentError(ValueError):
    """A French message saying what to fix."""


# --- offers ----------------------------------------------------------------------------------
def _set_rome(offer: Offer, codes: list[str]) -> None:
    current = set(offer.rome_links.values_list("code", flat=True))
    if current == set(codes):
        return
    offer.rome_links.all().delete()
    OfferRome.objects.bulk_create([OfferRome(offer=offer, code=code) for code in codes])


def _check_employer(territory: Territory, employer: Partner) -> None:
    if employer.territory_id != territory.pk:
        raise RecruitmentError(gettext("Cet employeur n'appartient pas au territoire."))


@transaction.atomic
def offer_create(
    *,
    territory: Territory,
    employer: Partner,
    values: dict,
    user=None,
    publish: bool = False,
    source: str = OfferSource.SAISIE,
    external_id: str = "",
) -> Offer:
    """Create an offer (values cleaned by OfferRules); published at once when `publish`."""
    _check_employer(territory, employer)
    session = values.get("job_dating")
    if session is not None and session.territory_id != territory.pk:
        raise RecruitmentError(gettext("Cette séance n'appartient pas au territoire."))
    offer = Offer.objects.create(
        territory=territory,
        employer=employer,
        created_by=user if user is not None and user.is_authenticated else None,
        source=source,
        external_id=external_id[:100],
        **{k: v for k, v in values.items() if k in OFFER_FIELDS},
    )
    _set_rome(offer, values.get("rome_codes") or [])
    if publish:
        offer_publish(offer=offer, user=user)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, values: dict, user=None) -> Offer:
    """Correct an offer; an archived offer stays as it was."""
    if offer.status == OfferStatus.ARCHIVED:
        raise RecruitmentError(gettext("Une offre archivée ne se modifie plus."))
    for field, value in values.items():
        if field in OFFER_FIELDS:
            setattr(offer, field, value)
    offer.save()
    if "rome_codes" in values:
        _set_rome(offer, values["rome_codes"])
    return offer


@transaction.atomic
def offer_publish(*, offer: Offer, user=None) -> Offer:
    """Open the offer to the public (again, when it was closed and its date is not passed)."""
    if offer.status == OfferStatus.ARCHIVED:
        raise RecruitmentError(gettext("Une offre archivée ne peut pas être rouverte."))
    if offer.closing_on and offer.closing_on < timezone.localdate():
        raise RecruitmentError(
            gettext("La date de clôture est passée : changez-la avant de publier l'offre.")
        )
    if not offer.rome_links.exists():
        raise RecruitmentError(gettext("Indiquez au moins un code ROME avant de publier."))
    offer.status = OfferStatus.OPEN
    offer.published_at = offer.published_at or timezone.now()
    offer.closed_at = None
    offer.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    return offer


@transaction.atomic
def offer_close(*, offer: Offer, user=None) -> Offer:
    if offer.status in (OfferStatus.CLOSED, OfferStatus.ARCHIVED):
        return offer
    offer.status = OfferStatus.CLOSED
    offer.closed_at = timezone.now()
    offer.save(update_fields=["status", "closed_at", "updated_at"])
    return offer


@transaction.atomic
def offer_archive(*, offer: Offer, user=None) -> Offer:
    """Archive: the offer leaves every list but stays, with its candidacies, for the figures."""
    if offer.status == OfferStatus.ARCHIVED:
        return offer
    now = timezone.now()
    offer.status = OfferStatus.ARCHIVED
    offer.closed_at = offer.closed_at or now
    offer.archived_at = now
    offer.save(update_fields=["status", "closed_at", "archived_at", "updated_at"])
    return offer


def offers_expire(*, today: dt.date | None = None) -> dict:
    """Close the open offers whose closing date is passed; archive the offers closed for more
    than ESPACES_OFFER_ARCHIVE_DAYS days. Idempotent (the periodic task runs it)."""
    today = today or timezone.localdate()
    now = timezone.now()
    closed = Offer.objects.filter(status=OfferStatus.OPEN, closing_on__lt=today).update(
        status=OfferStatus.CLOSED, closed_at=now, updated_at=now
    )
    limit = now - dt.timedelta(days=offer_archive_days())
    archived = Offer.objects.filter(status=OfferStatus.CLOSED, closed_at__lt=limit).update(
        status=OfferStatus.ARCHIVED, archived_at=now, updated_at=now
    )
    return {"fermees": closed, "archivees": archived}


@transaction.atomic
def offers_import(*, territory: Territory, items: list[dict], source: str, user=None) -> dict:
    """Write validated offers in one transaction; upsert by (source, external id)."""
    created = updated = 0
    for item in items:
        values, employer, external_id = item["values"], item["employer"], item["external_id"]
        existing = (
            Offer.objects.filter(territory=territory, source=source, external_id=external_id)
            .select_for_update()
            .first()
            if external_id
            else None
        )
        if existing is not None:
            existing.employer = employer
            offer_update(offer=existing, values=values, user=user)
            if existing.status == OfferStatus.DRAFT:
                offer_publish(offer=existing, user=user)
            updated += 1
        else:
            offer_create(
                territory=territory,
                employer=employer,
                values=values,
                user=user,
                publish=True,
                source=source,
                external_id=external_id,
            )
            created += 1
    return {"creees": created, "mises_a_jour": updated}


# --- candidacies -----------------------------------------------------------------------------
def _audit(candidacy: Candidacy, *, user, action: str, summary: str, actor: str = "") -> None:
    """The candidacy is part of the person's file: it is logged under the file's number."""
    audit_record(
        territory=candidacy.territory,
        user=user,
        action=action,
        object_type="beneficiary",
        object_id=candidacy.beneficiary_id,
        summary=summary,
        actor=actor,
    )


def _touch(beneficiary: Beneficiary) -> None:
    from espaces.reception.services import _touch as touch

    touch(beneficiary)


def check_cv(upload) -> None:
    """A CV: a document or a photo, 5 Mo at most."""
    if upload is None:
        return
    name = (upload.name or "").lower()
    if not name.endswith(CV_EXTENSIONS):
        raise RecruitmentError(
            gettext("Format de CV refusé. Formats permis : %(allowed)s.")
            % {"allowed": ", ".join(CV_EXTENSIONS)}
        )
    if upload.size > CV_MAX_BYTES:
        raise RecruitmentError(gettext("Le CV dépasse 5 Mo : réduisez-le ou envoyez-le en PDF."))


def _enqueue_later(task, run_after: dt.datetime, *args) -> None:
    if task.get_backend().supports_defer:
        task.using(run_after=run_after).enqueue(*args)


@transaction.atomic
def candidacy_create(
    *,
    beneficiary: Beneficiary,
    offer: Offer,
    user,
    consent_given: bool,
    message: str = "",
    cv=None,
    consent_text_version: str = CURRENT_VERSION,
) -> Candidacy:
    """Propose a person for an open offer, with their recorded consent; the employer is told
    by e-mail (no personal data in it)."""
    from . import notifications, tasks

    if beneficiary.is_anonymised:
        raise RecruitmentError(gettext("Ce dossier est anonymisé."))
    if offer.territory_id != beneficiary.territory_id:
        raise RecruitmentError(gettext("Cette offre n'appartient pas au territoire."))
    if not offer.is_open():
        raise RecruitmentError(
            gettext("Cette offre n'est plus ouverte : choisissez une offre en cours.")
        )
    if beneficiary.legal_basis != LegalBasis.CONSENT:
        raise RecruitmentError(
            gettext(
                "Une candidature ne se transmet qu'avec le consentement de la personne : ce dossier "
                "a été ouvert sur une autre base légale. Recueillez son consentement d'abord."
            )
        )
    if not consent_given:
        raise RecruitmentError(
            gettext(
                "Lisez le texte à la personne et cochez la case : sa candidature ne part qu'avec "
                "son accord."
            )
        )
    if consent_text_version not in CONSENT_TEXTS:
        raise RecruitmentError(gettext("Version du texte d'information inconnue."))
    if Candidacy.objects.filter(offer=offer, beneficiary=beneficiary).exists():
        raise RecruitmentError(gettext("Cette personne est déjà proposée pour cette offre."))
    check_cv(cv)
    today = timezone.localdate()
    cv_fields = {}
    if cv is not None:
        cv_fields = {
            "cv_name": (cv.name or "cv")[-200:],
            "cv_content_type": (getattr(cv, "content_type", "") or "application/octet-stream")[
                :100
            ],
            "cv_data": cv.read(),
        }
    candidacy = Candidacy.objects.create(
        territory=beneficiary.territory,
        offer=offer,
        beneficiary=beneficiary,
        message=message.strip(),
        proposed_by=user,
        consent_given_on=today,
        consent_recorded_by=user,
        consent_text_version=consent_text_version,
        reply_due_on=today + dt.timedelta(days=candidacy_reply_days()),
        **cv_fields,
    )
    CandidacyEvent.objects.create(
        candidacy=candidacy, from_status="", to_status=CandidacyStatus.ENVOYEE, by=user
    )
    _touch(beneficiary)
    _audit(
        candidacy,
        user=user,
        action=AuditAction.UPDATE,
        summary=f"candidature n° {candidacy.pk} proposée à {offer.employer.name}",
    )
    run_after = timezone.make_aware(
        dt.datetime.combine(candidacy.reply_due_on + dt.timedelta(days=1), dt.time(9, 0))
    )
    transaction.on_commit(lambda: notifications.send_candidacy_sent(candidacy))
    transaction.on_commit(lambda: _enqueue_later(tasks.candidacy_remind, run_after, candidacy.pk))
    return candidacy


@transaction.atomic
def candidacy_transition(
    *,
    candidacy: Candidacy,
    to_status: str,
    user=None,
    by_label: str = "",
    reason: str = "",
    note: str = "",
    interview_on: dt.date | None = None,
    hired_on: dt.date | None = None,
    contract: str = "",
    employer_side: bool = False,
) -> Candidacy:
    """Move a candidacy along its state machine; a hire closes the person's accompaniment
    with the outcome « en emploi » (when not already closed)."""
    locked = (
        Candidacy.objects.select_for_update()
        .select_related("beneficiary", "offer__employer")
        .get(pk=candidacy.pk)
    )
    check_transition(
        locked.status,
        to_status,
        reason=reason,
        hired_on=hired_on,
        contract=contract,
        employer=employer_side,
    )
    now = timezone.now()
    CandidacyEvent.objects.create(
        candidacy=locked,
        from_status=locked.status,
        to_status=to_status,
        at=now,
        by=user if user is not None and user.is_authenticated else None,
        by_label=by_label[:200],
        note=note.strip(),
    )
    locked.status = to_status
    locked.status_changed_at = now
    fields = ["status", "status_changed_at", "updated_at"]
    if to_status == CandidacyStatus.ENTRETIEN and interview_on:
        locked.interview_on = interview_on
        fields.append("interview_on")
    if to_status == CandidacyStatus.NON_RETENUE:
        locked.rejection_reason = reason
        fields.append("rejection_reason")
    if to_status == CandidacyStatus.EMBAUCHE:
        locked.hired_on = hired_on
        locked.hire_contract = contract
        fields += ["hired_on", "hire_contract"]
    locked.save(update_fields=fields)
    _touch(locked.beneficiary)
    _audit(
        locked,
        user=user,
        actor=by_label,
        action=AuditAction.UPDATE,
        summary=f"candidature n° {locked.pk} : {locked.get_status_display().lower()}",
    )
    if to_status == CandidacyStatus.EMBAUCHE:
        _record_hire_exit(locked, user=user)
    candidacy.refresh_from_db()
    return candidacy


def _record_hire_exit(candidacy: Candidacy, *, user) -> None:
    """The person's exit outcome comes from the hire (EECR04 counts it)."""
    from espaces.reception.services import beneficiary_exit

    beneficiary = candidacy.beneficiary
    if beneficiary.has_exited or beneficiary.is_anonymised:
        return
    today = timezone.localdate()
    exited_on = min(max(candidacy.hired_on, beneficiary.opened_on), today)
    beneficiary_exit(
        beneficiary=beneficiary, user=user, outcome=ExitOutcome.EN_EMPLOI, exited_on=exited_on
    )


def candidacy_mark_received(*, candidacy: Candidacy, user=None, by_label: str = "") -> bool:
    """The employer opened the candidacy: it is « reçue » (once)."""
    from .states import TransitionError

    if candidacy.status != CandidacyStatus.ENVOYEE:
        return False
    try:
        candidacy_transition(
            candidacy=candidacy,
            to_status=CandidacyStatus.RECUE,
            user=user,
            by_label=by_label,
            employer_side=True,
        )
    except TransitionError:  # changed meanwhile
        return False
    return True


@transaction.atomic
def candidacy_link_renew(*, candidacy: Candidacy, user) -> Candidacy:
    """Invalidate the links already sent and e-mail a new one to the employer."""
    from . import notifications

    Candidacy.objects.filter(pk=candidacy.pk).update(link_version=candidacy.link_version + 1)
    candidacy.refresh_from_db()
    _audit(
        candidacy,
        user=user,
        action=AuditAction.UPDATE,
        summary=f"candidature n° {candidacy.pk} : nouveau lien envoyé à l'employeur",
    )
    transaction.on_commit(lambda: notifications.send_candidacy_sent(candidacy))
    return candidacy


def candidacy_send_reminder(*, candidacy: Candidacy, now: dt.datetime | None = None) -> bool:
    """Remind the employer of one candidacy past its reply date, at most every
    ESPACES_CANDIDACY_REMINDER_DAYS days and MAX_REMINDERS times."""
    from . import notifications

    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Candidacy.objects.select_for_update()
            .select_related("offer__employer")
            .get(pk=candidacy.pk)
        )
        if not locked.awaiting_reply or locked.reply_due_on >= timezone.localdate(now):
            return False
        if locked.reminders_sent >= MAX_REMINDERS:
            return False
        if locked.last_reminder_at and locked.last_reminder_at > now - dt.timedelta(
            days=candidacy_reminder_days()
        ):
            return False
        if not notifications.employer_recipients(locked):
            return False
        locked.reminders_sent += 1
        locked.last_reminder_at = now
        locked.save(update_fields=["reminders_sent", "last_reminder_at", "updated_at"])
    notifications.send_candidacy_reminder(locked)
    return True


def candidacies_send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind employers of every candidacy awaiting an answer past its date."""
    now = now or timezone.now()
    overdue = Candidacy.objects.awaiting_reply().filter(
        reply_due_on__lt=timezone.localdate(now),
        reminders_sent__lt=MAX_REMINDERS,
        beneficiary__anonymised_at__isnull=True,
    )
    sent = sum(candidacy_send_reminder(candidacy=c, now=now) for c in overdue)
    if sent:
        logger.info("Relances de candidature envoyées : %d", sent)
    return sent


def candidacy_remove_cv(*, candidacy: Candidacy) -> bool:
    if candidacy.cv_data is None and not candidacy.cv_name:
        return False
    Candidacy.objects.filter(pk=candidacy.pk).update(
        cv_data=None, cv_name="", cv_content_type="", cv_removed_at=timezone.now()
    )
    return True
