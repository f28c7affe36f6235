"""E-mails of the reception domain, through the message queue (espaces.messaging). They never
carry personal data: a reference number, dates and a link to a page that checks who is asking.
Each function returns how many messages were queued (one per address)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.messaging.services import queue_email

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
    account_url = base_url(lambda: referral.territory) + reverse(
        "reception:referral_detail", args=[referral.pk]
    )
    return gettext(
        "Bonjour,\n\n%(intro)s\n\n"
        "Référence : orientation n° %(pk)s\n"
        "Envoyée le : %(sent_on)s\n"
        "Réponse attendue avant le : %(due_on)s\n\n"
        "Pour répondre sans compte (lien personnel, valable %(days)s jours, ne le transférez "
        "pas) :\n%(link)s\n\n"
        "Avec votre compte partenaire :\n%(account_url)s\n\n"
        "Les informations sur la personne ne figurent pas dans ce message : elles sont sur la "
        "page sécurisée.\n\n— Espaces 20 000 emplois"
    ) % {
        "intro": intro,
        "pk": referral.pk,
        "sent_on": date_format(referral.created_at, "j F Y"),
        "due_on": date_format(referral.reply_due_on, "j F Y"),
        "days": referral_link_days(),
        "link": referral_link(referral),
        "account_url": account_url,
    }


# Partners and staff have no language of their own in the application: their messages are
# written in French, the default, whoever triggers them.


def send_referral_sent(referral: Referral) -> list:
    """The partner is told; returns the queued messages (none: no address)."""
    recipients = partner_recipients(referral)
    if not recipients:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Nouvelle orientation n° %(pk)s — Espaces 20 000 emplois") % {
            "pk": referral.pk
        }
        body = _referral_body(
            referral,
            gettext("Un Espace 20 000 emplois vous oriente une personne et attend votre réponse."),
        )
    return queue_email(
        territory=referral.territory_id,
        kind="reception.referral",
        to=recipients,
        subject=subject,
        body=body,
    )


def send_referral_reminder(referral: Referral) -> int:
    recipients = partner_recipients(referral)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Relance : orientation n° %(pk)s en attente de réponse") % {
            "pk": referral.pk
        }
        body = _referral_body(
            referral,
            gettext(
                "Une personne orientée vers votre structure attend toujours votre réponse. "
                "Merci d'indiquer si vous l'acceptez ou non."
            ),
        )
    return len(
        queue_email(
            territory=referral.territory_id,
            kind="reception.referral_reminder",
            to=recipients,
            subject=subject,
            body=body,
        )
    )


def send_follow_up_due(follow_up: FollowUp, recipients: list[str]) -> int:
    if not recipients:
        return 0
    url = base_url(lambda: follow_up.territory) + reverse(
        "reception:follow_up_record", args=[follow_up.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Suivi à 6 mois à faire — dossier n° %(pk)s") % {
            "pk": follow_up.beneficiary_id
        }
        body = gettext(
            "Bonjour,\n\nLe suivi à 6 mois du dossier n° %(pk)s est à faire depuis le "
            "%(due_on)s : contactez la personne et notez sa situation.\n\n%(url)s\n\n"
            "— Espaces 20 000 emplois"
        ) % {
            "pk": follow_up.beneficiary_id,
            "due_on": date_format(follow_up.due_on, "j F Y"),
            "url": url,
        }
    return len(
        queue_email(
            territory=follow_up.territory_id,
            kind="reception.follow_up",
            to=recipients,
            subject=subject,
            body=body,
        )
    )
