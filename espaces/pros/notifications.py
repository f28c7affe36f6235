"""Messages of the professionals' space, through the message queue (espaces.messaging: stored,
sent by the task queue with retries, dead letters for coordinators). Like theirs, messages to a person carry no name: the kind of meeting,
the date, the place and, where useful, a signed link."""

import logging

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.events.notifications import BRAND, hour
from espaces.messaging.services import Delivery, queue_email, queue_sms

from . import tokens

logger = logging.getLogger("espaces.pros.notifications")


def _day_and_hours(start, end) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return gettext("%(day)s, de %(start)s à %(end)s") % {
        "day": formats.date_format(start, "l j F Y"),
        "start": hour(start),
        "end": hour(end),
    }


def _site_place(site) -> str:
    address = ", ".join(
        p for p in (site.address, site.commune.name if site.commune_id else "") if p
    )
    return f"{site.name}{f' ({address})' if address else ''}"


def _send(
    *, territory, email: str, phone: str, subject: str, body: str, short: str, what: str
) -> Delivery:
    delivery = Delivery()
    if email:
        delivery.messages += queue_email(
            territory=territory, kind=f"pros.{what}", to=email, subject=subject, body=body
        )
    if short and phone:
        message = queue_sms(territory=territory, kind=f"pros.{what}", to=phone, text=short)
        if message is not None:
            delivery.messages.append(message)
    return delivery


def _sign() -> str:
    return "\n" + gettext("L'équipe des %(brand)s") % {"brand": BRAND} + "\n"


# --- requests from schools and groups -------------------------------------------------------
def request_notify(pro_request, kind: str) -> Delivery:
    """To the requester's contact: received, dates proposed, date fixed, declined, survey."""
    if pro_request.anonymised_at or not pro_request.contact_email:
        return Delivery()
    with translation.override(settings.LANGUAGE_CODE):
        link = tokens.request_url(pro_request)
        ref = pro_request.reference
        values = {"brand": BRAND, "ref": ref, "link": link}
        if kind == "received":
            subject = gettext("%(brand)s : demande %(ref)s reçue") % values
            lead = (
                gettext(
                    "Nous avons bien reçu votre demande. L'équipe vous propose des dates sous deux "
                    "semaines. Vous suivez votre demande ici : %(link)s"
                )
                % values
            )
        elif kind == "proposed":
            subject = gettext("%(brand)s : des dates pour votre demande %(ref)s") % values
            dates = "\n".join(
                "- " + _day_and_hours(p.start, p.end) + f" — {p.site.name}"
                for p in pro_request.proposals.select_related("site")
            )
            lead = (
                gettext("Voici les dates que nous pouvons vous proposer :")
                + f"\n{dates}\n\n"
                + gettext("Choisissez celle qui vous convient ici : %(link)s") % values
            )
        elif kind == "accepted":
            session = pro_request.session
            subject = gettext("%(brand)s : date confirmée pour votre demande %(ref)s") % values
            lead = (
                gettext("La date est confirmée :")
                + "\n"
                + _day_and_hours(session.start, session.end)
                + "\n"
                + gettext("Lieu : %(place)s")
                % {
                    "place": session.place_label
                    if session.is_outside
                    else _site_place(session.site)
                }
                + "\n\n"
                + gettext("Un rappel vous sera envoyé deux jours avant. Votre demande : %(link)s")
                % values
            )
        elif kind == "declined":
            subject = gettext("%(brand)s : votre demande %(ref)s") % values
            lead = gettext(
                "Nous ne pouvons pas donner suite à votre demande pour le moment. Motif : "
                "%(reason)s. N'hésitez pas à nous écrire pour une autre période."
            ) % {"reason": pro_request.decline_reason or "—"}
        elif kind == "survey":
            subject = gettext("%(brand)s : votre avis sur la séance (%(ref)s)") % values
            lead = gettext(
                "Merci d'être venus. Quatre questions, une minute, sans obligation : votre avis "
                "nous aide à préparer les prochaines séances. %(link)s"
            ) % {"link": tokens.survey_url(pro_request)}
        else:  # pragma: no cover - programming error
            raise ValueError(kind)
        body = gettext("Bonjour,") + f"\n\n{lead}\n" + _sign()
    return _send(
        territory=pro_request.territory_id,
        email=pro_request.contact_email,
        phone="",
        subject=subject,
        body=body,
        short="",
        what=f"request.{kind}",
    )


def coordinators_notify_request(pro_request) -> int:
    """Tell the coordinators a request arrived (reference only, no personal data)."""
    emails = list(
        User.objects.filter(
            territory_id=pro_request.territory_id, role=Role.COORDINATOR, is_active=True
        ).values_list("email", flat=True)
    )
    if not emails:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("%(brand)s : nouvelle demande %(ref)s") % {
            "brand": BRAND,
            "ref": pro_request.reference,
        }
        body = gettext(
            "Une demande d'intervention ou de visite attend une réponse dans la file des "
            "demandes (Espace équipe → Demandes des professionnels)."
        )
    return len(
        queue_email(
            territory=pro_request.territory_id,
            kind="pros.request.coordinators",
            to=emails,
            subject=subject,
            body=body + "\n" + _sign(),
        )
    )


# --- inbound referrals -----------------------------------------------------------------------
def appointment_notify(appointment, kind: str) -> Delivery:
    """To the referred person: appointment fixed, reminder, cancelled."""
    referral = appointment.referral
    if referral.anonymised_at:
        return Delivery()
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "brand": BRAND,
            "date": _day_and_hours(appointment.start, appointment.end),
            "place": _site_place(appointment.site),
        }
        if kind == "fixed":
            subject = gettext("%(brand)s : votre rendez-vous") % values
            lead = gettext("Un rendez-vous vous attend à l'Espace.")
            short = gettext("%(brand)s : rendez-vous le %(date)s, %(place)s.") % values
        elif kind == "reminder":
            subject = gettext("%(brand)s : rappel de votre rendez-vous") % values
            lead = gettext("Nous vous rappelons votre rendez-vous.")
            short = gettext("%(brand)s : rappel, rendez-vous le %(date)s, %(place)s.") % values
        elif kind == "cancelled":
            subject = gettext("%(brand)s : rendez-vous annulé") % values
            lead = gettext(
                "Votre rendez-vous est annulé. L'Espace vous recontacte pour en fixer un autre."
            )
            short = gettext("%(brand)s : le rendez-vous du %(date)s est annulé.") % values
        else:  # pragma: no cover
            raise ValueError(kind)
        body = (
            gettext("Bonjour,")
            + f"\n\n{lead}\n"
            + gettext("Date : %(date)s\nLieu : %(place)s") % values
            + "\n"
            + gettext("Un empêchement ? Prévenez l'Espace.")
            + "\n"
            + _sign()
        )
    return _send(
        territory=appointment.territory_id,
        email=referral.contact_email,
        phone=referral.contact_phone,
        subject=subject,
        body=body,
        short=short,
        what=f"appointment.{kind}",
    )


def desk_notify_referral(referral) -> int:
    """Tell the mediators of the chosen Espace a referral arrived (reference only)."""
    emails = list(
        User.objects.filter(sites=referral.site, role=Role.MEDIATOR, is_active=True).values_list(
            "email", flat=True
        )
    )
    if not emails:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("%(brand)s : nouvelle orientation %(ref)s") % {
            "brand": BRAND,
            "ref": referral.reference,
        }
        body = gettext(
            "Une personne vous est orientée par un partenaire : voyez « Orientations reçues » "
            "dans votre espace équipe."
        )
    return len(
        queue_email(
            territory=referral.territory_id,
            kind="pros.referral.desk",
            to=emails,
            subject=subject,
            body=body + "\n" + _sign(),
        )
    )
