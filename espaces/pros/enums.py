"""Choices of the professionals' space (French labels; values are stable slugs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    SCHOOL = "school", _("Établissement scolaire")
    GROUP = "group", _("Groupe d'une structure")


class RequestPlace(models.TextChoices):
    ESPACE = "espace", _("Visite à l'Espace")
    CLASSE = "classe", _("Intervention dans l'établissement ou la structure")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Reçue")
    PROPOSED = "proposed", _("Dates proposées")
    ACCEPTED = "accepted", _("Date fixée")
    DONE = "done", _("Réalisée")
    DECLINED = "declined", _("Déclinée")
    CANCELLED = "cancelled", _("Annulée")


OPEN_REQUEST_STATUSES = (RequestStatus.RECEIVED, RequestStatus.PROPOSED)


class StructureKind(models.TextChoices):
    CENTRE_SOCIAL = "centre_social", _("Centre social")
    ASSOCIATION = "association", _("Association")
    SIAE = "siae", _("Structure d'insertion (SIAE)")
    MISSION_LOCALE = "mission_locale", _("Mission locale")
    AUTRE = "autre", _("Autre structure")


class ReferralStatus(models.TextChoices):
    """What the referring professional sees (never the content of the file)."""

    RECEIVED = "received", _("Reçue")
    APPOINTMENT = "appointment", _("Rendez-vous fixé")
    CAME = "came", _("Venue")
    ORIENTED = "oriented", _("Orientée vers un partenaire")
    CLOSED = "closed", _("Terminée")


# Allowed changes (the Espace's side); « terminée » may follow any status.
REFERRAL_TRANSITIONS = {
    ReferralStatus.RECEIVED: (
        ReferralStatus.APPOINTMENT,
        ReferralStatus.CAME,
        ReferralStatus.CLOSED,
    ),
    ReferralStatus.APPOINTMENT: (
        ReferralStatus.APPOINTMENT,
        ReferralStatus.CAME,
        ReferralStatus.CLOSED,
    ),
    ReferralStatus.CAME: (
        ReferralStatus.APPOINTMENT,
        ReferralStatus.ORIENTED,
        ReferralStatus.CLOSED,
    ),
    ReferralStatus.ORIENTED: (ReferralStatus.CLOSED,),
    ReferralStatus.CLOSED: (),
}


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("Prévu")
    DONE = "done", _("Honoré")
    MISSED = "missed", _("Personne absente")
    CANCELLED = "cancelled", _("Annulé")


class ExceptionKind(models.TextChoices):
    ABSENT = "absent", _("Indisponible (congé, formation…)")
    EXTRA = "extra", _("Disponibilité en plus")
