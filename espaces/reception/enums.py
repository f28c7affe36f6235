"""Choices of the reception domain; values are the slugs of docs/interfaces.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from espaces.common.enums import PublicCategory

__all__ = [
    "AgeBand",
    "EducationLevel",
    "EmploymentStatus",
    "ExitOutcome",
    "FollowUpOutcome",
    "Gender",
    "JournalKind",
    "LegalBasis",
    "OptionKind",
    "PublicCategory",
    "Qpv",
    "ReferralStatus",
    "SensitiveAnswer",
    "VisitSource",
]


class Gender(models.TextChoices):
    FEMME = "femme", _("Femme")
    HOMME = "homme", _("Homme")
    AUTRE = "autre", _("Autre")
    NON_RENSEIGNE = "non_renseigne", _("Non renseigné")


class AgeBand(models.TextChoices):
    MOINS_18 = "moins_18", _("Moins de 18 ans")
    DE_18_A_29 = "18_29", _("18 à 29 ans")
    DE_30_A_54 = "30_54", _("30 à 54 ans")
    PLUS_55 = "55_plus", _("55 ans et plus")
    INCONNU = "inconnu", _("Âge inconnu")


class Qpv(models.TextChoices):
    OUI = "oui", _("Habite en QPV")
    NON = "non", _("Hors QPV")
    INCONNU = "inconnu", _("QPV inconnu")


class OptionKind(models.TextChoices):
    CHANNEL = "channel", _("Canal")
    PURPOSE = "purpose", _("Motif")


class VisitSource(models.TextChoices):
    DESK = "accueil", _("Saisie à l'accueil")
    API = "api", _("API")
    IMPORT = "import", _("Import d'un tableur")
    FILE = "dossier", _("Depuis un dossier de suivi")


class LegalBasis(models.TextChoices):
    CONSENT = "consentement", _("Consentement de la personne (art. 6-1-a RGPD)")
    PUBLIC_TASK = "mission_publique", _("Mission d'intérêt public (art. 6-1-e RGPD)")
    LEGAL_OBLIGATION = "obligation_legale", _("Obligation légale (art. 6-1-c RGPD)")


class EmploymentStatus(models.TextChoices):
    """Situation at entry: exactly one (the European Social Fund+ common indicators)."""

    DEMANDEUR_EMPLOI = "demandeur_emploi", _("Demandeur·se d'emploi")
    INACTIF = "inactif", _("Inactif·ve (ni en emploi, ni en recherche, ni en formation)")
    SALARIE = "salarie", _("En emploi")
    ETUDES_FORMATION = "etudes_formation", _("En études ou en formation")


class EducationLevel(models.TextChoices):
    ISCED_0_2 = "cite_0_2", _("Jusqu'au collège (CITE 0 à 2 : brevet, sans diplôme)")
    ISCED_3_4 = "cite_3_4", _("Lycée ou post-bac court non supérieur (CITE 3 et 4 : CAP, BEP, bac)")
    ISCED_5_8 = "cite_5_8", _("Enseignement supérieur (CITE 5 à 8 : bac+2 et plus)")
    NON_RENSEIGNE = "non_renseigne", _("Non renseigné")


class SensitiveAnswer(models.TextChoices):
    """Optional sensitive items: asked only with consent; the person may decline."""

    OUI = "oui", _("Oui")
    NON = "non", _("Non")
    REFUS = "ne_souhaite_pas_repondre", _("Ne souhaite pas répondre")


class JournalKind(models.TextChoices):
    NOTE = "note", _("Note")
    ACTION = "action", _("Action")
    ORIENTATION = "orientation", _("Résultat d'orientation")
    SIMULATION = "simulation", _("Simulation de revenus")


class ReferralStatus(models.TextChoices):
    ENVOYEE = "envoyee", _("Envoyée")
    RECUE = "recue", _("Reçue")
    ACCEPTEE = "acceptee", _("Acceptée")
    REFUSEE = "refusee", _("Refusée")
    ENTREE_FORMATION = "entree_formation", _("Entrée en formation")
    EN_EMPLOI = "en_emploi", _("En emploi")
    EN_IMMERSION = "en_immersion", _("En immersion")
    SANS_SUITE = "sans_suite", _("Sans suite")


class ExitOutcome(models.TextChoices):
    """Result at exit (ESF+ immediate result indicators)."""

    EN_ETUDES_FORMATION = "en_etudes_formation", _("En études ou en formation")
    QUALIFICATION = "qualification_obtenue", _("A obtenu une qualification")
    EN_EMPLOI = "en_emploi", _("En emploi (y compris indépendant)")
    EN_RECHERCHE = "en_recherche_emploi", _("En recherche d'emploi")


class FollowUpOutcome(models.TextChoices):
    """Situation six months after exit (ESF+ longer-term result indicators)."""

    EN_EMPLOI = "en_emploi", _("En emploi (y compris indépendant)")
    EN_ETUDES_FORMATION = "en_etudes_formation", _("En études ou en formation")
    EN_RECHERCHE = "en_recherche_emploi", _("En recherche d'emploi")
    INACTIF = "inactif", _("Inactif·ve")
    SANS_NOUVELLES = "sans_nouvelles", _("Sans nouvelles (personne injoignable)")
