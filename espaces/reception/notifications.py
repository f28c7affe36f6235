"""E-mails of the reception domain. They never carry personal data: a reference number, dates
and a link to a page that checks who is asking."""

from django.core.mail import send_mail
from django.urls import reverse
from django.utils.formats import date_format

from espaces.accounts.enums import Role
from espaces.accounts.models import User

from .conf import base_url, referral_link_days
from .models import FollowUp, Referral
from .referral_links import referral_link


def partner_recipients(referral: Referral) -> list[str]:
    """The partner's contact address and its members' accounts."""
    addresses = [referral.partner.contact_email] if referral.partner.contact_email else []
    addresses += User.objects.filter(
        organisation=referral.partner, role=Role.PARTNER, is_active=True
    ).values_list("email", flat=True)
    return sorted(set(a.lower() for a in addresses if a))


def _referral_body(referral: Referral, intro: str) -> str:
    account_url = base_url() + reverse("reception:referral_detail", args=[referral.pk])
    return (
        f"Bonjour,\n\n{intro}\n\n"
        f"Référence : orientation n° {referral.pk}\n"
        f"Envoyée le : {date_format(referral.created_at, 'j F Y')}\n"
        f"Réponse attendue avant le : {date_format(referral.reply_due_on, 'j F Y')}\n\n"
        "Pour répondre sans compte (lien personnel, valable "
        f"{referral_link_days()} jours, ne le transférez pas) :\n{referral_link(referral)}\n\n"
        f"Avec votre compte partenaire :\n{account_url}\n\n"
        "Les informations sur la personne ne figurent pas dans ce message : elles sont sur la "
        "page sécurisée.\n\n— Espaces 20 000 emplois"
    )


def send_referral_sent(referral: Referral) -> int:
    recipients = partner_recipients(referral)
    if not recipients:
        return 0
    return send_mail(
        f"Nouvelle orientation n° {referral.pk} — Espaces 20 000 emplois",
        _referral_body(
            referral, "Un Espace 20 000 emplois vous oriente une personne et attend votre réponse."
        ),
        None,
        recipients,
    )


def send_referral_reminder(referral: Referral) -> int:
    recipients = partner_recipients(referral)
    if not recipients:
        return 0
    return send_mail(
        f"Relance : orientation n° {referral.pk} en attente de réponse",
        _referral_body(
            referral,
            "Une personne orientée vers votre structure attend toujours votre réponse. "
            "Merci d'indiquer si vous l'acceptez ou non.",
        ),
        None,
        recipients,
    )


def send_follow_up_due(follow_up: FollowUp, recipients: list[str]) -> int:
    if not recipients:
        return 0
    url = base_url() + reverse("reception:follow_up_record", args=[follow_up.pk])
    return send_mail(
        f"Suivi à 6 mois à faire — dossier n° {follow_up.beneficiary_id}",
        (
            "Bonjour,\n\nLe suivi à 6 mois du dossier n° "
            f"{follow_up.beneficiary_id} est à faire depuis le "
            f"{date_format(follow_up.due_on, 'j F Y')} : contactez la personne et notez sa "
            f"situation.\n\n{url}\n\n— Espaces 20 000 emplois"
        ),
        None,
        recipients,
    )
