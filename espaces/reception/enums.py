"""Choices of the reception domain; values are the slugs of docs/interfaces.md."""

from django.db import models

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
    FEMME = "femme", "Femme"
    HOMME = "homme", "Homme"
    AUTRE = "autre", "Autre"
    NON_RENSEIGNE = "non_renseigne", "Non renseigné"


class AgeBand(models.TextChoices):
    MOINS_18 = "moins_18", "Moins de 18 ans"
    DE_18_A_29 = "18_29", "18 à 29 ans"
    DE_30_A_54 = "30_54", "30 à 54 ans"
    PLUS_55 = "55_plus", "55 ans et plus"
    INCONNU = "inconnu", "Âge inconnu"


class Qpv(models.TextChoices):
    OUI = "oui", "Habite en QPV"
    NON = "non", "Hors QPV"
    INCONNU = "inconnu", "QPV inconnu"


class OptionKind(models.TextChoices):
    CHANNEL = "channel", "Canal"
    PURPOSE = "purpose", "Motif"


class VisitSource(models.TextChoices):
    DESK = "accueil", "Saisie à l'accueil"
    API = "api", "API"
    IMPORT = "import", "Import d'un tableur"
    FILE = "dossier", "Depuis un dossier de suivi"


class LegalBasis(models.TextChoices):
    CONSENT = "consentement", "Consentement de la personne (art. 6-1-a RGPD)"
    PUBLIC_TASK = "mission_publique", "Mission d'intérêt public (art. 6-1-e RGPD)"
    LEGAL_OBLIGATION = "obligation_legale", "Obligation légale (art. 6-1-c RGPD)"


class EmploymentStatus(models.TextChoices):
    """Situation at entry: exactly one (the European Social Fund+ common indicators)."""

    DEMANDEUR_EMPLOI = "demandeur_emploi", "Demandeur·se d'emploi"
    INACTIF = "inactif", "Inactif·ve (ni en emploi, ni en recherche, ni en formation)"
    SALARIE = "salarie", "En emploi"
    ETUDES_FORMATION = "etudes_formation", "En études ou en formation"


class EducationLevel(models.TextChoices):
    ISCED_0_2 = "cite_0_2", "Jusqu'au collège (CITE 0 à 2 : brevet, sans diplôme)"
    ISCED_3_4 = "cite_3_4", "Lycée ou post-bac court non supérieur (CITE 3 et 4 : CAP, BEP, bac)"
    ISCED_5_8 = "cite_5_8", "Enseignement supérieur (CITE 5 à 8 : bac+2 et plus)"
    NON_RENSEIGNE = "non_renseigne", "Non renseigné"


class SensitiveAnswer(models.TextChoices):
    """Optional sensitive items: asked only with consent; the person may decline."""

    OUI = "oui", "Oui"
    NON = "non", "Non"
    REFUS = "ne_souhaite_pas_repondre", "Ne souhaite pas répondre"


class JournalKind(models.TextChoices):
    NOTE = "note", "Note"
    ACTION = "action", "Action"
    ORIENTATION = "orientation", "Résultat d'orientation"


class ReferralStatus(models.TextChoices):
    ENVOYEE = "envoyee", "Envoyée"
    RECUE = "recue", "Reçue"
    ACCEPTEE = "acceptee", "Acceptée"
    REFUSEE = "refusee", "Refusée"
    ENTREE_FORMATION = "entree_formation", "Entrée en formation"
    EN_EMPLOI = "en_emploi", "En emploi"
    EN_IMMERSION = "en_immersion", "En immersion"
    SANS_SUITE = "sans_suite", "Sans suite"


class ExitOutcome(models.TextChoices):
    """Result at exit (ESF+ immediate result indicators)."""

    EN_ETUDES_FORMATION = "en_etudes_formation", "En études ou en formation"
    QUALIFICATION = "qualification_obtenue", "A obtenu une qualification"
    EN_EMPLOI = "en_emploi", "En emploi (y compris indépendant)"
    EN_RECHERCHE = "en_recherche_emploi", "En recherche d'emploi"


class FollowUpOutcome(models.TextChoices):
    """Situation six months after exit (ESF+ longer-term result indicators)."""

    EN_EMPLOI = "en_emploi", "En emploi (y compris indépendant)"
    EN_ETUDES_FORMATION = "en_etudes_formation", "En études ou en formation"
    EN_RECHERCHE = "en_recherche_emploi", "En recherche d'emploi"
    INACTIF = "inactif", "Inactif·ve"
    SANS_NOUVELLES = "sans_nouvelles", "Sans nouvelles (personne injoignable)"
