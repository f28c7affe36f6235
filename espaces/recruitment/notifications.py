"""E-mails to employers, through the message queue (espaces.messaging). They never carry
personal data: a reference, the offer's title, dates and links to pages that check who is
asking. Each function returns how many messages were queued (one per address)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.messaging.services import queue_email
from espaces.reception.conf import base_url

from .conf import candidacy_link_days
from .links import candidacy_link
from .models import Candidacy


def employer_recipients(candidacy: Candidacy) -> list[str]:
    """The employer's contact address and its employer accounts."""
    partner = candidacy.offer.employer
    addresses = [partner.contact_email] if partner.contact_email else []
    addresses += User.objects.filter(
        organisation=partner, role=Role.EMPLOYER, is_active=True
    ).values_list("email", flat=True)
    return sorted({a.lower() for a in addresses if a})


def _body(candidacy: Candidacy, intro: str) -> str:
    account_url = base_url() + reverse("recruitment:candidacy_detail", args=[candidacy.pk])
    return gettext(
        "Bonjour,\n\n%(intro)s\n\n"
        "Offre : %(offer)s\n"
        "Référence : candidature n° %(pk)s\n"
        "Réponse attendue avant le : %(due_on)s\n\n"
        "Pour répondre sans compte (lien personnel, valable %(days)s jours, ne le transférez "
        "pas) :\n%(link)s\n\n"
        "Avec votre compte employeur :\n%(account_url)s\n\n"
        "Les informations sur la personne ne figurent pas dans ce message : elles sont sur la "
        "page sécurisée.\n\n— Espaces 20 000 emplois"
    ) % {
        "intro": intro,
        "offer": candidacy.offer.title,
        "pk": candidacy.pk,
        "due_on": date_format(candidacy.reply_due_on, "j F Y"),
        "days": candidacy_link_days(),
        "link": candidacy_link(candidacy),
        "account_url": account_url,
    }


def send_candidacy_sent(candidacy: Candidacy) -> int:
    recipients = employer_recipients(candidacy)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Nouvelle candidature n° %(pk)s — Espaces 20 000 emplois") % {
            "pk": candidacy.pk
        }
        body = _body(
            candidacy,
            gettext("Un Espace 20 000 emplois vous propose une personne pour votre offre."),
        )
    return len(
        queue_email(
            territory=candidacy.territory_id,
            kind="recruitment.candidacy",
            to=recipients,
            subject=subject,
            body=body,
        )
    )


def send_candidacy_reminder(candidacy: Candidacy) -> int:
    recipients = employer_recipients(candidacy)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Relance : candidature n° %(pk)s en attente de réponse") % {
            "pk": candidacy.pk
        }
        body = _body(
            candidacy,
            gettext(
                "La personne proposée attend votre réponse depuis le %(day)s : dites-lui si vous "
                "la recevez en entretien."
            )
            % {"day": date_format(candidacy.created_at, "j F Y")},
        )
    return len(
        queue_email(
            territory=candidacy.territory_id,
            kind="recruitment.candidacy_reminder",
            to=recipients,
            subject=subject,
            body=body,
        )
    )
