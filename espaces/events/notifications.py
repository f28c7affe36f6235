"""Messages to registered people, by e-mail (Django's mail) and SMS (espaces.events.sms).

Messages never carry the person's name or the session's own title: only a generic title (the
kind of event), the date, the place and the signed link, so that a shared phone or mailbox
reveals nothing else.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.utils import formats, timezone, translation

from . import sms
from .tokens import cancel_url, registration_url, survey_url

logger = logging.getLogger("espaces.events.notifications")

BRAND = "Espaces 20 000 emplois"


@dataclass
class Delivery:
    email: bool = False
    sms: bool = False

    @property
    def any(self) -> bool:
        return self.email or self.sms


def hour(value) -> str:
    """14:00 → « 14 h », 14:30 → « 14 h 30 »."""
    return f"{value.hour}\u00a0h" + (f"\u00a0{value:%M}" if value.minute else "")


def when(session) -> str:
    """« mardi 14 janvier 2025, de 14 h à 16 h 30 » in the site's time zone."""
    start = timezone.localtime(session.start)
    end = timezone.localtime(session.end)
    with translation.override("fr"):
        day = formats.date_format(start, "l j F Y")
    return f"{day}, de {hour(start)} à {hour(end)}"


def where(session) -> str:
    if session.site_id and not session.is_outside:
        site = session.site
        address = ", ".join(
            p for p in (site.address, site.commune.name if site.commune_id else "") if p
        )
        return f"{site.name}{f' ({address})' if address else ''}"
    return session.place_label or "lieu à confirmer"


def generic_title(session) -> str:
    return session.event_type.get_kind_display()


def _compose(kind: str, registration) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS text) for one kind of message."""
    session = registration.session
    title = generic_title(session)
    date, place = when(session), where(session)
    cancel = cancel_url(registration)
    details = f"{title}\nDate : {date}\nLieu : {place}\n"
    if kind == "confirmed":
        subject = f"{BRAND} : inscription confirmée — {title}"
        lead = "Votre inscription est confirmée."
        short = f"{BRAND} : inscription confirmée. {title}, {date}, {place}."
    elif kind == "waitlisted":
        subject = f"{BRAND} : vous êtes en liste d'attente — {title}"
        lead = (
            "La séance est complète : vous êtes sur la liste d'attente. Si une place se "
            "libère, elle vous est attribuée automatiquement et nous vous prévenons."
        )
        short = f"{BRAND} : séance complète, vous êtes en liste d'attente. {title}, {date}."
    elif kind == "promoted":
        subject = f"{BRAND} : une place s'est libérée, votre inscription est confirmée"
        lead = "Une place s'est libérée : votre inscription est maintenant confirmée."
        short = f"{BRAND} : une place s'est libérée, vous êtes inscrit·e. {title}, {date}, {place}."
    elif kind == "reminder":
        subject = f"{BRAND} : rappel — {title}, {date}"
        lead = "Nous vous rappelons votre rendez-vous."
        short = f"{BRAND} : rappel de votre rendez-vous. {title}, {date}, {place}."
    elif kind == "session_cancelled":
        subject = f"{BRAND} : séance annulée — {title}, {date}"
        lead = (
            "Nous sommes désolés : cette séance est annulée. Vous n'avez rien à faire. "
            "Retrouvez les prochaines séances dans l'agenda."
        )
        short = f"{BRAND} : la séance {title} du {date} est annulée. Désolés."
        cancel = ""
    elif kind == "registration_cancelled":
        subject = f"{BRAND} : inscription annulée — {title}, {date}"
        lead = (
            "L'équipe a annulé votre inscription à cette séance. Pour toute question, "
            "adressez-vous à l'Espace."
        )
        short = f"{BRAND} : votre inscription du {date} ({title}) est annulée."
        cancel = ""
    elif kind == "survey":
        subject = f"{BRAND} : votre avis sur la séance — {title}"
        lead = (
            "Merci d'être venu·e. Trois questions, moins d'une minute, sans obligation : "
            "votre avis nous aide à améliorer les séances."
        )
        link = survey_url(registration)
        body = (
            f"Bonjour,\n\n{lead}\n\n{details}\nDonner mon avis : {link}\n\nL'équipe des {BRAND}\n"
        )
        return subject, body, f"{BRAND} : votre avis sur la séance du {date} ? {link}"
    else:  # pragma: no cover - programming error
        raise ValueError(kind)
    body = f"Bonjour,\n\n{lead}\n\n{details}"
    if cancel:
        body += (
            f"\nVous ne pouvez pas venir ? Annulez ici pour libérer la place : {cancel}\n"
            f"Votre inscription : {registration_url(registration)}\n"
        )
        short += f" Annuler : {cancel}"
    body += f"\nL'équipe des {BRAND}\n"
    return subject, body, short


def notify(registration, kind: str) -> Delivery:
    """Send one message by e-mail and/or SMS, as the person gave; failures are logged."""
    delivery = Delivery()
    if registration.anonymised_at or not (registration.email or registration.phone):
        return delivery
    subject, body, short = _compose(kind, registration)
    if registration.email:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
            delivery.email = True
        except Exception:  # noqa: BLE001 - a mail server problem must not break the caller
            logger.exception("E-mail %s non envoyé (inscription %s)", kind, registration.pk)
    if registration.phone and sms.is_mobile(registration.phone):
        try:
            sms.send_sms(to=registration.phone, text=short)
            delivery.sms = True
        except Exception:  # noqa: BLE001
            logger.exception("SMS %s non envoyé (inscription %s)", kind, registration.pk)
    return delivery
