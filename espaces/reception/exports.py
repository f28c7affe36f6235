"""Everything a follow-up file holds about a person, for access requests (art. 15 RGPD)."""

from django.utils import timezone

from espaces.common.audit import audit_entries_for

from .models import SENSITIVE_FIELDS, Beneficiary
from .thematiques import thematique_label


def _date(value):
    return value.isoformat() if value else None


def _datetime(value):
    return timezone.localtime(value).isoformat(timespec="minutes") if value else None


def _label(obj, field: str):
    value = getattr(obj, field)
    return getattr(obj, f"get_{field}_display")() if value else ""


def beneficiary_export(*, beneficiary: Beneficiary) -> dict:
    """A JSON-ready mapping with French keys: the file, its timeline, referrals, follow-ups,
    registrations and who accessed it."""
    b = beneficiary
    person = {
        "numéro du dossier": b.pk,
        "prénom": b.first_name,
        "nom": b.last_name,
        "courriel": b.email,
        "téléphone": b.phone,
        "commune": b.commune.name if b.commune else "",
        "quartier prioritaire": b.get_qpv_display(),
        "tranche d'âge": b.get_age_band_display(),
        "genre": b.get_gender_display(),
        "situation à l'entrée": b.employment_status_detail,
        "niveau d'études": b.get_education_level_display(),
    }
    for field in SENSITIVE_FIELDS:
        person[str(Beneficiary._meta.get_field(field).verbose_name)] = (
            _label(b, field) or "question non posée"
        )
    return {
        "personne": person,
        "base légale": {
            "base": b.get_legal_basis_display(),
            "consentement recueilli le": _date(b.consent_given_on),
            "version du texte d'information": b.consent_text_version,
        },
        "accompagnement": {
            "territoire": b.territory.name,
            "espace": b.site.name if b.site else "",
            "ouvert le": _date(b.opened_on),
            "dernier contact le": _date(b.last_contact_on),
            "sortie le": _date(b.exited_on),
            "situation à la sortie": _label(b, "exit_outcome"),
        },
        "visites": [
            {"date": _date(v.date), "espace": v.site.name, "motif": v.purpose}
            for v in b.visits.select_related("site").order_by("date", "pk")
        ],
        "parcours": [
            {
                "date": _date(e.occurred_on),
                "type": e.get_kind_display(),
                "texte": e.text,
                "référence": e.reference,
            }
            for e in b.journal.order_by("occurred_on", "pk")
        ],
        "freins": [
            {
                "frein": thematique_label(x.thematique),
                "identifié le": _date(x.identified_on),
                "levé le": _date(x.lifted_on),
            }
            for x in b.barriers.all()
        ],
        "services proposés": [
            {"service": p.service_name, "proposé le": _date(p.proposed_on)}
            for p in b.service_proposals.all()
        ],
        "orientations": [
            {
                "numéro": r.pk,
                "partenaire (destinataire des données)": r.partner.name,
                "demande": r.message,
                "état": r.get_status_display(),
                "motif du refus": r.refusal_reason,
                "historique": [
                    {
                        "le": _datetime(e.at),
                        "état": e.get_to_status_display(),
                        "par": e.author_label,
                        "commentaire": e.note,
                    }
                    for e in r.events.select_related("by")
                ],
            }
            for r in b.referrals.select_related("partner").order_by("pk")
        ],
        "suivis après la sortie": [
            {
                "prévu le": _date(f.due_on),
                "fait le": _date(f.done_on),
                "situation": _label(f, "outcome"),
            }
            for f in b.follow_ups.all()
        ],
        "inscriptions aux événements": [
            {
                "séance": r.session.display_title,
                "le": _datetime(r.session.start),
                "présence": r.get_attendance_display(),
            }
            for r in b.registrations.select_related("session__event_type")
        ],
        "accès au dossier": [
            {
                "le": _datetime(a.at),
                "action": a.get_action_display(),
                "par": (a.user.email if a.user else a.actor) or "système",
                "détail": a.summary,
            }
            for a in audit_entries_for(
                territory=b.territory, object_type="beneficiary", object_id=b.pk
            ).order_by("at", "pk")
        ],
        "exporté le": _datetime(timezone.now()),
    }
