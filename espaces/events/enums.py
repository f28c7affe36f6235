"""Choices of the events domain (French labels; values are stable slugs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from espaces.common.enums import PublicCategory

__all__ = [
    "AttendanceStatus",
    "ClassLevel",
    "EventKind",
    "PublicCategory",
    "RegistrationChannel",
    "RegistrationStatus",
    "SchoolKind",
    "SessionStatus",
    "SurveyDiscovery",
    "SurveyNextStep",
    "SurveyRating",
]


class EventKind(models.TextChoices):
    ATELIER = "atelier", _("Atelier")
    IMMERSION_VR = "immersion_vr", _("Immersion en réalité virtuelle")
    FRESQUE = "fresque", _("Fresque")
    JEU = "jeu", _("Jeu")
    RENCONTRE_ENTREPRISE = "rencontre_entreprise", _("Rencontre avec une entreprise")
    VISITE_ENTREPRISE = "visite_entreprise", _("Visite d'entreprise")
    INTERVENTION_SCOLAIRE = "intervention_scolaire", _("Intervention scolaire")
    PERMANENCE_PARTENAIRE = "permanence_partenaire", _("Permanence d'un partenaire")
    FORUM = "forum", _("Forum")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    CANCELLED = "cancelled", _("Annulée")


class RegistrationStatus(models.TextChoices):
    """Whether the registration holds a seat."""

    CONFIRMED = "confirmed", _("Inscription confirmée")
    WAITLISTED = "waitlisted", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulée par la personne")
    CANCELLED_BY_ORGANISER = "cancelled_by_organiser", _("Annulée par l'organisateur")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class AttendanceStatus(models.TextChoices):
    """What happened on the day, for a confirmed registration (tablet check-in)."""

    REGISTERED = "registered", _("Inscrit·e (pas encore pointé·e)")
    PRESENT = "present", _("Présent·e")
    ABSENT = "absent", _("Absent·e")
    EXCUSED = "excused", _("Excusé·e")


class RegistrationChannel(models.TextChoices):
    WEB = "web", _("Formulaire du site")
    API = "api", _("API")
    STAFF = "staff", _("Inscription par l'équipe")


class SchoolKind(models.TextChoices):
    LYCEE = "lycee", _("Lycée")
    COLLEGE = "college", _("Collège")
    OTHER = "other", _("Autre établissement")


class ClassLevel(models.TextChoices):
    SIXIEME = "6e", _("6e")
    CINQUIEME = "5e", _("5e")
    QUATRIEME = "4e", _("4e")
    TROISIEME = "3e", _("3e")
    SECONDE = "2nde", _("Seconde")
    PREMIERE = "1re", _("Première")
    TERMINALE = "terminale", _("Terminale")
    CAP = "cap", _("CAP")
    BTS = "bts", _("BTS")
    SEGPA_ULIS = "segpa_ulis", _("SEGPA, ULIS")
    AUTRE = "autre", _("Autre")


class SurveyDiscovery(models.TextChoices):
    OUI = "oui", _("Oui")
    PEUT_ETRE = "peut_etre", _("Peut-être")
    NON = "non", _("Non")


class SurveyNextStep(models.TextChoices):
    OUI = "oui", _("Oui")
    NE_SAIS_PAS = "ne_sais_pas", _("Je ne sais pas encore")
    NON = "non", _("Non")


class SurveyRating(models.IntegerChoices):
    PAS_DU_TOUT = 1, _("Pas du tout")
    UN_PEU = 2, _("Un peu")
    BEAUCOUP = 3, _("Beaucoup")
    ENORMEMENT = 4, _("Énormément")
