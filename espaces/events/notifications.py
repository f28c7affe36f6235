"""Messages to registered people, by e-mail and SMS, through the message queue
(espaces.messaging: stored, sent by the task queue with retries, dead letters for coordinators).

Messages never carry the person's name or the session's own title: only a generic title (the
kind of event), the date, the place and the signed link, so that a shared phone or mailbox
reveals nothing else.
"""

import logging

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from espaces.messaging.services import Delivery, queue_email, queue_sms

from .enums import RegistrationChannel
from .tokens import cancel_url, registration_url, survey_url

logger = logging.getLogger("espaces.events.notifications")

BRAND = "Espaces 20 000 emplois"

__all__ = ["BRAND", "Delivery", "hour", "notify"]


def hour(value) -> str:
    """14:00 → « 14 h », 14:30 → « 14 h 30 » (in English: « 2 p.m. », « 2:30 p.m. »)."""
    if translation.get_language() != "fr":
        return formats.time_format(value)
    return f"{value.hour}\u00a0h" + (f"\u00a0{value:%M}" if value.minute else "")


def when(session) -> str:
    """« mardi 14 janvier 2025, de 14 h à 16 h 30 » in the site's time zone."""
    start = timezone.localtime(session.start)
    end = timezone.localtime(session.end)
    day = formats.date_format(start, "l j F Y")
    return gettext("%(day)s, de %(start)s à %(end)s") % {
        "day": day,
        "start": hour(start),
        "end": hour(end),
    }


def where(session) -> str:
    if session.site_id and not session.is_outside:
        site = session.site
        address = ", ".join(
            p for p in (site.address, site.commune.name if site.commune_id else "") if p
        )
        return f"{site.name}{f' ({address})' if address else ''}"
    return session.place_label


def find_us_url(session) -> str:
    """The « Nous trouver » page of the session's Espace, else the list of Espaces."""
    from django.urls import reverse

    from espaces.common.public_url import absolute_url

    if session.site_id and not session.is_outside:
        path = reverse("territories:site", args=[session.site.slug])
    else:
        path = reverse("territories:sites")
    return absolute_url(path, territory=lambda: session.territory)


def generic_title(session) -> str:
    return session.event_type.get_kind_display()


def _compose(kind: str, registration) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS text) for one kind of message."""
    session = registration.session
    title = generic_title(session)
    date, place = when(session), where(session)
    cancel = cancel_url(registration)
    values = {"brand": BRAND, "title": title, "date": date, "place": place}
    details = (
        gettext("%(title)s\nDate : %(date)s\nLieu : %(place)s\n") % values
        if place
        else gettext("%(title)s\nDate : %(date)s\n") % values
    )
    find_us = gettext("Adresse, horaires et accès de l'Espace : %(link)s") % {
        "link": find_us_url(session)
    }
    if kind == "confirmed":
        subject = gettext("%(brand)s : inscription confirmée — %(title)s") % values
        lead = gettext("Votre inscription est confirmée.")
        short = gettext("%(brand)s : inscription confirmée. %(title)s, %(date)s, %(place)s.")
    elif kind == "waitlisted":
        subject = gettext("%(brand)s : vous êtes en liste d'attente — %(title)s") % values
        lead = gettext(
            "La séance est complète : vous êtes sur la liste d'attente. Si une place se "
            "libère, elle vous est attribuée automatiquement et nous vous prévenons."
        )
        short = gettext(
            "%(brand)s : séance complète, vous êtes en liste d'attente. %(title)s, %(date)s."
        )
    elif kind == "promoted":
        subject = (
            gettext("%(brand)s : une place s'est libérée, votre inscription est confirmée") % values
        )
        lead = gettext("Une place s'est libérée : votre inscription est maintenant confirmée.")
        short = gettext(
            "%(brand)s : une place s'est libérée, vous êtes inscrit·e. %(title)s, %(date)s, "
            "%(place)s."
        )
    elif kind == "reminder":
        subject = gettext("%(brand)s : rappel — %(title)s, %(date)s") % values
        lead = gettext("Nous vous rappelons votre rendez-vous.")
        short = gettext("%(brand)s : rappel de votre rendez-vous. %(title)s, %(date)s, %(place)s.")
    elif kind == "session_cancelled":
        subject = gettext("%(brand)s : séance annulée — %(title)s, %(date)s") % values
        lead = gettext(
            "Nous sommes désolés : cette séance est annulée. Vous n'avez rien à faire. "
            "Retrouvez les prochaines séances dans l'agenda."
        )
        short = gettext("%(brand)s : la séance %(title)s du %(date)s est annulée. Désolés.")
        cancel = ""
    elif kind == "registration_cancelled":
        subject = gettext("%(brand)s : inscription annulée — %(title)s, %(date)s") % values
        lead = gettext(
            "L'équipe a annulé votre inscription à cette séance. Pour toute question, "
            "adressez-vous à l'Espace."
        )
        short = gettext("%(brand)s : votre inscription du %(date)s (%(title)s) est annulée.")
        cancel = ""
    elif kind == "survey":
        subject = gettext("%(brand)s : votre avis sur la séance — %(title)s") % values
        lead = gettext(
            "Merci d'être venu·e. Trois questions, moins d'une minute, sans obligation : "
            "votre avis nous aide à améliorer les séances."
        )
        link = survey_url(registration)
        body = (
            gettext("Bonjour,")
            + f"\n\n{lead}\n\n{details}\n"
            + gettext("Donner mon avis : %(link)s") % {"link": link}
            + "\n"
            + find_us
            + "\n\n"
            + gettext("L'équipe des %(brand)s") % values
            + "\n"
        )
        short = gettext("%(brand)s : votre avis sur la séance du %(date)s ? %(link)s") % {
            **values,
            "link": link,
        }
        return subject, body, short
    else:  # pragma: no cover - programming error
        raise ValueError(kind)
    short = (short % values).replace(", .", ".")  # a session without a place
    body = gettext("Bonjour,") + f"\n\n{lead}\n\n{details}"
    if cancel:
        body += (
            "\n"
            + gettext("Vous ne pouvez pas venir ? Annulez ici pour libérer la place : %(link)s")
            % {"link": cancel}
            + "\n"
            + gettext("Votre inscription : %(link)s") % {"link": registration_url(registration)}
            + "\n"
        )
        short += " " + gettext("Annuler : %(link)s") % {"link": cancel}
    body += "\n" + find_us + "\n"
    short += " " + gettext("Nous trouver : %(link)s") % {"link": find_us_url(session)}
    body += "\n" + gettext("L'équipe des %(brand)s") % values + "\n"
    return subject, body, short


def message_language(registration, kind: str) -> str:
    """The language of a message: the page's for the answer to a registration made on the site
    (the person is reading it), French — the default — for every other message, since the
    person's language is not stored (reminders, surveys, a freed seat, the team's cancellations).
    """
    if kind in ("confirmed", "waitlisted") and registration.channel == RegistrationChannel.WEB:
        return translation.get_language() or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def notify(registration, kind: str) -> Delivery:
    """Queue one message by e-mail and/or SMS (mobiles only), as the person gave; the returned
    Delivery lists what was queued (sent at once, or waiting for a retry)."""
    delivery = Delivery()
    if registration.anonymised_at or not (registration.email or registration.phone):
        return delivery
    with translation.override(message_language(registration, kind)):
        subject, body, short = _compose(kind, registration)
    if registration.email:
        delivery.messages += queue_email(
            territory=registration.territory_id,
            kind=f"events.{kind}",
            to=registration.email,
            subject=subject,
            body=body,
        )
    if registration.phone:
        message = queue_sms(
            territory=registration.territory_id,
            kind=f"events.{kind}",
            to=registration.phone,
            text=short,
        )
        if message is not None:
            delivery.messages.append(message)
    return delivery
