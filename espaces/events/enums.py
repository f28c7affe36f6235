"""Choices of the events domain (French labels; values are stable slugs)."""

from django.db import models

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
    ATELIER = "atelier", "Atelier"
    IMMERSION_VR = "immersion_vr", "Immersion en réalité virtuelle"
    FRESQUE = "fresque", "Fresque"
    JEU = "jeu", "Jeu"
    RENCONTRE_ENTREPRISE = "rencontre_entreprise", "Rencontre avec une entreprise"
    VISITE_ENTREPRISE = "visite_entreprise", "Visite d'entreprise"
    INTERVENTION_SCOLAIRE = "intervention_scolaire", "Intervention scolaire"
    PERMANENCE_PARTENAIRE = "permanence_partenaire", "Permanence d'un partenaire"
    FORUM = "forum", "Forum"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Prévue"
    CANCELLED = "cancelled", "Annulée"


class RegistrationStatus(models.TextChoices):
    """Whether the registration holds a seat."""

    CONFIRMED = "confirmed", "Inscription confirmée"
    WAITLISTED = "waitlisted", "En liste d'attente"
    CANCELLED = "cancelled", "Annulée par la personne"
    CANCELLED_BY_ORGANISER = "cancelled_by_organiser", "Annulée par l'organisateur"


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class AttendanceStatus(models.TextChoices):
    """What happened on the day, for a confirmed registration (tablet check-in)."""

    REGISTERED = "registered", "Inscrit·e (pas encore pointé·e)"
    PRESENT = "present", "Présent·e"
    ABSENT = "absent", "Absent·e"
    EXCUSED = "excused", "Excusé·e"


class RegistrationChannel(models.TextChoices):
    WEB = "web", "Formulaire du site"
    API = "api", "API"
    STAFF = "staff", "Inscription par l'équipe"


class SchoolKind(models.TextChoices):
    LYCEE = "lycee", "Lycée"
    COLLEGE = "college", "Collège"
    OTHER = "other", "Autre établissement"


class ClassLevel(models.TextChoices):
    SIXIEME = "6e", "6e"
    CINQUIEME = "5e", "5e"
    QUATRIEME = "4e", "4e"
    TROISIEME = "3e", "3e"
    SECONDE = "2nde", "Seconde"
    PREMIERE = "1re", "Première"
    TERMINALE = "terminale", "Terminale"
    CAP = "cap", "CAP"
    BTS = "bts", "BTS"
    SEGPA_ULIS = "segpa_ulis", "SEGPA, ULIS"
    AUTRE = "autre", "Autre"


class SurveyDiscovery(models.TextChoices):
    OUI = "oui", "Oui"
    PEUT_ETRE = "peut_etre", "Peut-être"
    NON = "non", "Non"


class SurveyNextStep(models.TextChoices):
    OUI = "oui", "Oui"
    NE_SAIS_PAS = "ne_sais_pas", "Je ne sais pas encore"
    NON = "non", "Non"


class SurveyRating(models.IntegerChoices):
    PAS_DU_TOUT = 1, "Pas du tout"
    UN_PEU = 2, "Un peu"
    BEAUCOUP = 3, "Beaucoup"
    ENORMEMENT = 4, "Énormément"
