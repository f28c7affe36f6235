"""Writes of the reception domain: visits, follow-up files, referrals, follow-ups, erasure.

Every write on a follow-up file is recorded in the audit log (espaces/common/audit.py) with
the file's number only; messages and logs never carry names or contact details."""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from espaces.common.audit import AuditAction, audit_record
from espaces.common.public_url import keep_serving
from espaces.territories.models import Partner, Site, Territory

from .calendar_months import add_months
from .conf import follow_up_months, referral_reminder_days, referral_reply_days
from .consent import CONSENT_TEXTS, CURRENT_VERSION
from .enums import (
    FollowUpOutcome,
    JournalKind,
    LegalBasis,
    PublicCategory,
    ReferralStatus,
    SensitiveAnswer,
    VisitSource,
)
from .models import (
    SENSITIVE_FIELDS,
    Barrier,
    Beneficiary,
    FollowUp,
    JournalEntry,
    Referral,
    ReferralEvent,
    SensitiveTally,
    ServiceProposal,
    Visit,
    VisitImport,
)
from .referral_states import TransitionError, check_transition
from .thematiques import THEMATIQUE_VALUES, thematique_label

logger = logging.getLogger(__name__)

MAX_REMINDERS = 3
BENEFICIARY_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "commune",
    "qpv",
    "age_band",
    "gender",
    "employment_status",
    "long_term_unemployed",
    "self_employed",
    "education_level",
    "site",
    "referent",
    *SENSITIVE_FIELDS,
]


class ReceptionError(ValueError):
    """A French message saying what to fix."""


def _audit_file(beneficiary: Beneficiary, *, user, action: str, summary: str, actor: str = ""):
    audit_record(
        territory=beneficiary.territory,
        user=user,
        action=action,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        summary=summary,
        actor=actor,
    )


def _touch(beneficiary: Beneficiary, day: dt.date | None = None) -> None:
    """A contact with the person: the retention period starts again."""
    day = day or timezone.localdate()
    if beneficiary.last_contact_on is None or day > beneficiary.last_contact_on:
        beneficiary.last_contact_on = day
        Beneficiary.objects.filter(pk=beneficiary.pk).update(last_contact_on=day)


def _enqueue_later(task, run_after: dt.datetime, *args) -> None:
    """Enqueue `task` for later when the task backend can defer (the database worker does);
    otherwise the daily task (tasks.daily_reception_tasks) catches up."""
    if task.get_backend().supports_defer:
        task.using(run_after=run_after).enqueue(*args)


# --- visits ----------------------------------------------------------------------------------
@transaction.atomic
def visit_create(
    *,
    territory: Territory,
    values: dict,
    recorded_by=None,
    source: str = VisitSource.DESK,
    beneficiary: Beneficiary | None = None,
) -> Visit:
    """Record one visit (values cleaned by VisitRules); `group_size` people with the same traits."""
    if values["site"].territory_id != territory.pk:
        raise ReceptionError(gettext("Cet espace n'appartient pas au territoire."))
    visit = Visit.objects.create(
        territory=territory,
        recorded_by=recorded_by,
        source=source,
        beneficiary=beneficiary,
        **values,
    )
    if beneficiary is not None:
        _touch(beneficiary, visit.date)
    return visit


@transaction.atomic
def visit_update(*, visit: Visit, values: dict) -> Visit:
    """Correct an entry (the view only offers the user's own entries of the day)."""
    for field, value in values.items():
        setattr(visit, field, value)
    visit.save()
    return visit


@transaction.atomic
def visit_delete(*, visit: Visit) -> None:
    visit.delete()


@transaction.atomic
def visits_import(
    *,
    territory: Territory,
    rows: list[dict],
    file_name: str,
    sha256: str,
    imported_by=None,
) -> VisitImport:
    """Write validated rows in one transaction; a file already imported is refused."""
    previous = VisitImport.objects.filter(territory=territory, sha256=sha256).first()
    if previous is not None:
        when = timezone.localtime(previous.created_at)
        raise ReceptionError(
            gettext(
                "Ce fichier a déjà été importé le %(date)s à %(time)s (%(lines)s lignes) : rien "
                "n'a été importé."
            )
            % {"date": f"{when:%d/%m/%Y}", "time": f"{when:%H:%M}", "lines": previous.lines}
        )
    batch = VisitImport.objects.create(
        territory=territory,
        file_name=file_name[:300],
        sha256=sha256,
        lines=len(rows),
        visitors=sum(r["group_size"] for r in rows),
    )
    Visit.objects.bulk_create(
        [
            Visit(
                territory=territory,
                recorded_by=imported_by,
                source=VisitSource.IMPORT,
                import_batch=batch,
                **row,
            )
            for row in rows
        ],
        batch_size=500,
    )
    # bulk_create sends no signal: the months written get a new version (their tallies and the
    # network's cached closed months are computed again).
    from espaces.stats.tallies import bump_version

    for month in sorted({row["date"].replace(day=1) for row in rows}):
        bump_version(territory.pk, month)
    return batch


# --- follow-up files ---------------------------------------------------------------------------
def _check_beneficiary(data: dict, legal_basis: str) -> None:
    if legal_basis not in LegalBasis.values:
        raise ReceptionError(
            gettext(
                "Choisissez la base légale du dossier : le consentement de la personne ou une "
                "autre base de la liste (%(allowed)s)."
            )
            % {"allowed": ", ".join(LegalBasis.values)}
        )
    if legal_basis != LegalBasis.CONSENT and any(data.get(f) for f in SENSITIVE_FIELDS):
        raise ReceptionError(
            gettext(
                "Les questions sensibles (santé, origine, logement) ne peuvent être posées qu'avec "
                "le consentement de la personne : laissez-les vides."
            )
        )
    if data.get("long_term_unemployed") and data.get("employment_status") != "demandeur_emploi":
        raise ReceptionError(
            gettext("« Longue durée » ne s'applique qu'aux demandeurs et demandeuses d'emploi.")
        )
    if data.get("self_employed") and data.get("employment_status") != "salarie":
        raise ReceptionError(gettext("« Indépendant·e » ne s'applique qu'aux personnes en emploi."))


@transaction.atomic
def beneficiary_create(
    *,
    territory: Territory,
    user,
    data: dict,
    legal_basis: str,
    consent_given: bool = False,
    consent_text_version: str = CURRENT_VERSION,
) -> Beneficiary:
    """Open a follow-up file: with the person's consent (dated, attributed, text version) or
    another legal basis from the list."""
    _check_beneficiary(data, legal_basis)
    consent = {}
    if legal_basis == LegalBasis.CONSENT:
        if not consent_given:
            raise ReceptionError(
                gettext(
                    "Le dossier ne peut être ouvert qu'avec le consentement de la personne : lisez-lui "
                    "le texte d'information et cochez la case, ou choisissez une autre base légale."
                )
            )
        if consent_text_version not in CONSENT_TEXTS:
            raise ReceptionError(gettext("Version du texte d'information inconnue."))
        consent = {
            "consent_given_on": timezone.localdate(),
            "consent_recorded_by": user,
            "consent_text_version": consent_text_version,
        }
    beneficiary = Beneficiary.objects.create(
        territory=territory,
        legal_basis=legal_basis,
        **consent,
        **{k: v for k, v in data.items() if k in BENEFICIARY_FIELDS},
    )
    _audit_file(
        beneficiary,
        user=user,
        action=AuditAction.CREATE,
        summary=f"dossier ouvert ({beneficiary.get_legal_basis_display()})",
    )
    return beneficiary


@transaction.atomic
def beneficiary_update(*, beneficiary: Beneficiary, user, data: dict) -> Beneficiary:
    """Correct a file; the audit entry names the fields changed, not their values."""
    data = {k: v for k, v in data.items() if k in BENEFICIARY_FIELDS}
    _check_beneficiary({**_current(beneficiary), **data}, beneficiary.legal_basis)
    changed = [k for k, v in data.items() if getattr(beneficiary, k) != v]
    for field in changed:
        setattr(beneficiary, field, data[field])
    if changed:
        beneficiary.save()
        labels = [str(Beneficiary._meta.get_field(f).verbose_name) for f in changed]
        _audit_file(
            beneficiary,
            user=user,
            action=AuditAction.UPDATE,
            summary=("champs modifiés : " + ", ".join(labels))[:300],
        )
    return beneficiary


def _current(beneficiary: Beneficiary) -> dict:
    return {f: getattr(beneficiary, f) for f in BENEFICIARY_FIELDS}


@transaction.atomic
def beneficiary_record_visit(
    *,
    beneficiary: Beneficiary,
    user,
    site: Site,
    public_category: str,
    purpose: str = "",
) -> Visit:
    """Count the person's visit in the visit log and link it to the file."""
    if public_category not in PublicCategory.values:
        raise ReceptionError(gettext("Catégorie de public inconnue."))
    visit = visit_create(
        territory=beneficiary.territory,
        values={
            "date": timezone.localdate(),
            "time": timezone.localtime().time().replace(microsecond=0),
            "site": site,
            "public_category": public_category,
            "gender": beneficiary.gender,
            "age_band": beneficiary.age_band,
            "qpv": beneficiary.qpv,
            "commune": beneficiary.commune,
            "purpose": purpose,
            "group_size": 1,
        },
        recorded_by=user,
        source=VisitSource.FILE,
        beneficiary=beneficiary,
    )
    _audit_file(beneficiary, user=user, action=AuditAction.UPDATE, summary="venue enregistrée")
    return visit


@transaction.atomic
def journal_entry_create(
    *,
    beneficiary: Beneficiary,
    user,
    kind: str,
    text: str = "",
    occurred_on: dt.date | None = None,
    reference: str = "",
) -> JournalEntry:
    """Add a note, an action or an orientation result to the timeline."""
    if kind not in JournalKind.values:
        raise ReceptionError(gettext("Type d'entrée inconnu."))
    if not text.strip() and not reference.strip():
        raise ReceptionError(gettext("Écrivez le contenu de l'entrée."))
    occurred_on = occurred_on or timezone.localdate()
    if occurred_on > timezone.localdate():
        raise ReceptionError(gettext("La date ne peut pas être dans le futur."))
    entry = JournalEntry.objects.create(
        beneficiary=beneficiary,
        kind=kind,
        text=text.strip(),
        reference=reference.strip(),
        occurred_on=occurred_on,
        author=user,
    )
    _touch(beneficiary, occurred_on)
    _audit_file(
        beneficiary,
        user=user,
        action=AuditAction.UPDATE,
        summary=f"{entry.get_kind_display().lower()} ajoutée au parcours",
    )
    return entry


@transaction.atomic
def barrier_add(*, beneficiary: Beneficiary, user, thematique: str) -> Barrier:
    """Note a barrier (data·inclusion thématique). Health barriers need the person's consent."""
    if thematique not in THEMATIQUE_VALUES:
        raise ReceptionError(gettext("Frein inconnu : choisissez-le dans la liste."))
    if thematique.startswith("sante--") and beneficiary.legal_basis != LegalBasis.CONSENT:
        raise ReceptionError(
            gettext(
                "Un frein lié à la santé ne peut être noté qu'avec le consentement de la personne."
            )
        )
    if beneficiary.barriers.filter(thematique=thematique).exists():
        raise ReceptionError(
            gettext("Le frein « %(barrier)s » est déjà noté.")
            % {"barrier": thematique_label(thematique)}
        )
    barrier = Barrier.objects.create(
        beneficiary=beneficiary, thematique=thematique, identified_by=user
    )
    _touch(beneficiary)
    _audit_file(beneficiary, user=user, action=AuditAction.UPDATE, summary="frein ajouté")
    return barrier


@transaction.atomic
def barriers_add(*, beneficiary: Beneficiary, user, thematiques: list[str]) -> list[Barrier]:
    """Note several barriers at once: all or none (the first refusal is raised)."""
    return [
        barrier_add(beneficiary=beneficiary, user=user, thematique=value)
        for value in dict.fromkeys(thematiques)
    ]


@transaction.atomic
def barrier_lift(*, barrier: Barrier, user) -> Barrier:
    if barrier.lifted_on is None:
        barrier.lifted_on = timezone.localdate()
        barrier.save(update_fields=["lifted_on"])
        _touch(barrier.beneficiary)
        _audit_file(barrier.beneficiary, user=user, action=AuditAction.UPDATE, summary="frein levé")
    return barrier


@transaction.atomic
def service_propose(*, beneficiary: Beneficiary, service, user) -> ServiceProposal:
    """Note that a barrier-lifting service was proposed; linked to the open barrier it answers."""
    if service.territory_id != beneficiary.territory_id:
        raise ReceptionError(gettext("Ce service n'appartient pas au territoire."))
    thematiques = set(service.thematiques or [])
    barrier = (
        beneficiary.barriers.filter(lifted_on__isnull=True, thematique__in=thematiques)
        .order_by("pk")
        .first()
    )
    proposal = ServiceProposal.objects.create(
        beneficiary=beneficiary,
        service=service,
        service_name=f"{service.nom} ({service.structure.nom})"[:300],
        barrier=barrier,
        proposed_by=user,
    )
    _touch(beneficiary)
    _audit_file(beneficiary, user=user, action=AuditAction.UPDATE, summary="service proposé")
    return proposal


@transaction.atomic
def beneficiary_exit(
    *, beneficiary: Beneficiary, user, outcome: str, exited_on: dt.date | None = None
) -> FollowUp:
    """Close the accompaniment with its outcome; the six-month follow-up is scheduled."""
    from . import tasks
    from .enums import ExitOutcome

    if beneficiary.has_exited:
        raise ReceptionError(gettext("La sortie de ce dossier est déjà enregistrée."))
    if outcome not in ExitOutcome.values:
        raise ReceptionError(
            gettext("Situation à la sortie inconnue. Valeurs permises : %(allowed)s.")
            % {"allowed": ", ".join(ExitOutcome.values)}
        )
    exited_on = exited_on or timezone.localdate()
    if exited_on > timezone.localdate():
        raise ReceptionError(gettext("La date de sortie ne peut pas être dans le futur."))
    if exited_on < beneficiary.opened_on:
        raise ReceptionError(
            gettext("La date de sortie ne peut pas précéder l'ouverture du dossier.")
        )
    beneficiary.exited_on = exited_on
    beneficiary.exit_outcome = outcome
    beneficiary.save(update_fields=["exited_on", "exit_outcome", "updated_at"])
    _touch(beneficiary, exited_on)
    follow_up = FollowUp.objects.create(
        territory=beneficiary.territory,
        beneficiary=beneficiary,
        due_on=add_months(exited_on, follow_up_months()),
    )
    _audit_file(
        beneficiary,
        user=user,
        action=AuditAction.UPDATE,
        summary=f"sortie enregistrée ({beneficiary.get_exit_outcome_display()})",
    )
    run_after = timezone.make_aware(dt.datetime.combine(follow_up.due_on, dt.time(8, 0)))
    transaction.on_commit(lambda: _enqueue_later(tasks.follow_up_notify, run_after, follow_up.pk))
    return follow_up


@transaction.atomic
def follow_up_record(
    *, follow_up: FollowUp, user, outcome: str, done_on: dt.date | None = None
) -> FollowUp:
    """Record the person's situation six months after exit."""
    if outcome not in FollowUpOutcome.values:
        raise ReceptionError(
            f"Situation inconnue. Valeurs permises : {', '.join(FollowUpOutcome.values)}."
        )
    if follow_up.done_on is not None:
        raise ReceptionError(gettext("Ce suivi est déjà renseigné."))
    done_on = done_on or timezone.localdate()
    follow_up.done_on = done_on
    follow_up.outcome = outcome
    follow_up.recorded_by = user
    follow_up.save(update_fields=["done_on", "outcome", "recorded_by", "updated_at"])
    if outcome != FollowUpOutcome.SANS_NOUVELLES:
        _touch(follow_up.beneficiary, done_on)
    _audit_file(
        follow_up.beneficiary,
        user=user,
        action=AuditAction.UPDATE,
        summary=f"suivi à 6 mois renseigné ({follow_up.get_outcome_display()})",
    )
    return follow_up


# --- referrals -------------------------------------------------------------------------------
@transaction.atomic
def _notify_partner(referral: Referral) -> None:
    """Queue the referral e-mail; `referral.partner_emails_sent` then says to how many addresses
    (0: no address, or it could not be queued) and `referral.partner_delivery` whether it left
    or waits for a retry, so that the page claims only what happened."""
    from espaces.messaging.services import Delivery

    from . import notifications

    try:
        queued = notifications.send_referral_sent(referral)
    except Exception:  # noqa: BLE001 - the queue's table unreachable must not undo the referral
        logger.exception("Courriel de l'orientation %s non mis en file", referral.pk)
        queued = []
    referral.partner_emails_sent = len(queued)
    referral.partner_delivery = Delivery(messages=list(queued))


def referral_create(
    *,
    beneficiary: Beneficiary,
    partner: Partner,
    user,
    message: str = "",
    reply_due_on: dt.date | None = None,
) -> Referral:
    """Send a referral to a partner: the partner is told by e-mail when it has an address (no
    personal data in it); `partner_emails_sent` is set once the e-mail was tried."""
    from . import tasks

    if beneficiary.is_anonymised:
        raise ReceptionError(gettext("Ce dossier est anonymisé."))
    if partner.territory_id != beneficiary.territory_id:
        raise ReceptionError(gettext("Ce partenaire n'appartient pas au territoire."))
    today = timezone.localdate()
    reply_due_on = reply_due_on or today + dt.timedelta(days=referral_reply_days())
    if reply_due_on < today:
        raise ReceptionError(gettext("La date de réponse attendue ne peut pas être passée."))
    referral = Referral.objects.create(
        territory=beneficiary.territory,
        beneficiary=beneficiary,
        partner=partner,
        message=message.strip(),
        sent_by=user,
        reply_due_on=reply_due_on,
    )
    ReferralEvent.objects.create(
        referral=referral, from_status="", to_status=ReferralStatus.ENVOYEE, by=user
    )
    _touch(beneficiary)
    _audit_file(
        beneficiary,
        user=user,
        action=AuditAction.UPDATE,
        summary=f"orientation n° {referral.pk} envoyée à {partner.name}",
    )
    run_after = timezone.make_aware(
        dt.datetime.combine(reply_due_on + dt.timedelta(days=1), dt.time(9, 0))
    )
    referral.partner_emails_sent = None  # not tried yet
    transaction.on_commit(keep_serving(lambda: _notify_partner(referral)))
    transaction.on_commit(lambda: _enqueue_later(tasks.referral_remind, run_after, referral.pk))
    return referral


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to_status: str,
    user=None,
    by_label: str = "",
    reason: str = "",
    note: str = "",
) -> Referral:
    """Move a referral along its state machine; invalid moves raise TransitionError."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    check_transition(locked.status, to_status, reason=reason)
    now = timezone.now()
    ReferralEvent.objects.create(
        referral=locked,
        from_status=locked.status,
        to_status=to_status,
        at=now,
        by=user if user is not None and user.is_authenticated else None,
        by_label=by_label[:200],
        note=(reason if to_status == ReferralStatus.REFUSEE else note).strip(),
    )
    locked.status = to_status
    locked.status_changed_at = now
    if to_status == ReferralStatus.REFUSEE:
        locked.refusal_reason = reason.strip()
    locked.save(update_fields=["status", "status_changed_at", "refusal_reason", "updated_at"])
    _touch(locked.beneficiary)
    _audit_file(
        locked.beneficiary,
        user=user,
        actor=by_label,
        action=AuditAction.UPDATE,
        summary=f"orientation n° {locked.pk} : {locked.get_status_display().lower()}",
    )
    referral.refresh_from_db()
    return referral


def referral_mark_received(*, referral: Referral, user=None, by_label: str = "") -> bool:
    """The partner opened the referral: it is « reçue » (once)."""
    if referral.status != ReferralStatus.ENVOYEE:
        return False
    try:
        referral_transition(
            referral=referral, to_status=ReferralStatus.RECUE, user=user, by_label=by_label
        )
    except TransitionError:  # changed meanwhile by someone else
        return False
    return True


@transaction.atomic
def referral_link_renew(*, referral: Referral, user) -> Referral:
    """Invalidate the links already sent and e-mail a new one to the partner (when it has an
    address; `partner_emails_sent` says what happened)."""
    Referral.objects.filter(pk=referral.pk).update(link_version=referral.link_version + 1)
    referral.refresh_from_db()
    _audit_file(
        referral.beneficiary,
        user=user,
        action=AuditAction.UPDATE,
        summary=f"orientation n° {referral.pk} : nouveau lien pour le partenaire",
    )
    referral.partner_emails_sent = None
    transaction.on_commit(keep_serving(lambda: _notify_partner(referral)))
    return referral


def referral_send_reminder(*, referral: Referral, now: dt.datetime | None = None) -> bool:
    """Remind the partner of one overdue referral, at most every ESPACES_REFERRAL_REMINDER_DAYS
    days and MAX_REMINDERS times."""
    from . import notifications

    now = now or timezone.now()
    with transaction.atomic():
        locked = Referral.objects.select_for_update().select_related("partner").get(pk=referral.pk)
        if not locked.awaiting_reply or locked.reply_due_on >= timezone.localdate(now):
            return False
        if locked.reminders_sent >= MAX_REMINDERS:
            return False
        if locked.last_reminder_at and locked.last_reminder_at > now - dt.timedelta(
            days=referral_reminder_days()
        ):
            return False
        if not notifications.partner_recipients(locked):
            return False
        locked.reminders_sent += 1
        locked.last_reminder_at = now
        locked.save(update_fields=["reminders_sent", "last_reminder_at", "updated_at"])
    notifications.send_referral_reminder(locked)
    return True


def referrals_send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind partners of every overdue referral; returns how many reminders went out."""
    now = now or timezone.now()
    overdue = Referral.objects.filter(
        status__in=[ReferralStatus.ENVOYEE, ReferralStatus.RECUE],
        reply_due_on__lt=timezone.localdate(now),
        reminders_sent__lt=MAX_REMINDERS,
        beneficiary__anonymised_at__isnull=True,
    )
    sent = sum(referral_send_reminder(referral=r, now=now) for r in overdue)
    if sent:
        logger.info("Relances d'orientation envoyées : %d", sent)
    return sent


def follow_ups_notify_due(*, today: dt.date | None = None) -> int:
    """E-mail the referent (or the file's site team) of each follow-up that became due."""
    from . import notifications
    from .selectors import follow_up_recipients

    today = today or timezone.localdate()
    due = FollowUp.objects.filter(
        done_on__isnull=True,
        notified_at__isnull=True,
        due_on__lte=today,
        beneficiary__anonymised_at__isnull=True,
    ).select_related("beneficiary__referent", "beneficiary__site")
    sent = 0
    for follow_up in due:
        updated = FollowUp.objects.filter(pk=follow_up.pk, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if updated:
            sent += bool(
                notifications.send_follow_up_due(follow_up, follow_up_recipients(follow_up))
            )
    return sent


# --- erasure ---------------------------------------------------------------------------------
ERASED_REASON = "[motif effacé]"
# Other apps holding data about a file register here what to clear when it is anonymised.
ANONYMISE_HOOKS: list = []


@transaction.atomic
def beneficiary_anonymise(
    *, beneficiary: Beneficiary, user=None, action: str = AuditAction.PURGE
) -> None:
    """Remove every personal datum of a file and keep its categories (age band, situation,
    outcomes, barriers, referral states), so that every count stays the same."""
    if beneficiary.is_anonymised:
        return
    _keep_sensitive_counts(beneficiary)
    Beneficiary.objects.filter(pk=beneficiary.pk).update(
        first_name="",
        last_name="",
        email="",
        phone="",
        consent_recorded_by=None,
        anonymised_at=timezone.now(),
        **{f: "" for f in SENSITIVE_FIELDS},
    )
    # an orientation entry's reference is the code of an anonymous questionnaire result: it
    # stays, so that the gender-bias indicator of a closed period does not change
    beneficiary.journal.exclude(kind=JournalKind.ORIENTATION).update(text="", reference="")
    beneficiary.journal.filter(kind=JournalKind.ORIENTATION).update(text="")
    Referral.objects.filter(beneficiary=beneficiary).update(message="")
    Referral.objects.filter(beneficiary=beneficiary, status=ReferralStatus.REFUSEE).update(
        refusal_reason=ERASED_REASON
    )
    ReferralEvent.objects.filter(referral__beneficiary=beneficiary).update(note="")
    _release_registrations(beneficiary)
    for hook in ANONYMISE_HOOKS:
        hook(beneficiary)
    _audit_file(
        beneficiary,
        user=user,
        action=action,
        summary="données personnelles effacées, catégories conservées pour les statistiques",
    )
    beneficiary.refresh_from_db()


def _keep_sensitive_counts(beneficiary: Beneficiary) -> None:
    """Add the file's « oui » answers to the sensitive questions to the day's counts (no link
    to the file) before they are erased: EECO12–EECO16 stay the same after the purge."""
    answers = {f: 1 for f in SENSITIVE_FIELDS if getattr(beneficiary, f) == SensitiveAnswer.OUI}
    if not answers:
        return
    tally, _ = SensitiveTally.objects.select_for_update().get_or_create(
        territory_id=beneficiary.territory_id,
        site_id=beneficiary.site_id,
        opened_on=beneficiary.opened_on,
        gender=beneficiary.gender,
    )
    SensitiveTally.objects.filter(pk=tally.pk).update(**{f: F(f) + n for f, n in answers.items()})


def _release_registrations(beneficiary: Beneficiary) -> None:
    """Linked event registrations go back to the events app's own retention; the link itself
    (between two anonymous rows) stays for the gender-bias indicator of past periods."""
    from espaces.events.services import registration_set_follow_up

    for registration in beneficiary.registrations.all():
        registration_set_follow_up(registration=registration, keep=False)


def beneficiary_erase(*, beneficiary: Beneficiary, user) -> None:
    """Erasure on the person's request (coordinators)."""
    beneficiary_anonymise(beneficiary=beneficiary, user=user, action=AuditAction.ERASE)


@transaction.atomic
def beneficiary_link_registration(*, beneficiary: Beneficiary, registration, user) -> None:
    """Attach an event registration to the file: its contact details are kept with the file."""
    if registration.territory_id != beneficiary.territory_id:
        raise ReceptionError(gettext("Cette inscription n'appartient pas au territoire."))
    if registration.anonymised_at is not None:
        raise ReceptionError(gettext("Cette inscription est anonymisée."))
    from espaces.events.services import registration_set_follow_up

    beneficiary.registrations.add(registration)
    registration_set_follow_up(registration=registration, keep=True)
    _touch(beneficiary)
    _audit_file(
        beneficiary, user=user, action=AuditAction.UPDATE, summary="inscription liée au dossier"
    )
