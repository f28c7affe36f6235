from django.db import models
from django.utils.translation import gettext_lazy as _


class TransitionEco(models.TextChoices):
    VERT = "Emploi Vert", _("Emploi vert")
    STRATEGIQUE = (
        "Emploi stratégique pour la Transition écologique",
        _("Emploi stratégique pour la transition écologique"),
    )
    BLANC = "Emploi Blanc", _("Emploi blanc")
    BRUN = "Emploi Brun", _("Emploi brun")


class Riasec(models.TextChoices):
    R = "R", _("Réaliste")
    I = "I", _("Investigateur")  # noqa: E741
    A = "A", _("Artistique")
    S = "S", _("Social")
    E = "E", _("Entreprenant")
    C = "C", _("Conventionnel")


class Origin(models.TextChoices):
    IMPORT = "import", _("Import du référentiel")
    PACK = "pack", _("Pack de territoire")


class AppellationClassification(models.TextChoices):
    PRINCIPALE = "PRINCIPALE", _("Principale")
    SYNONYME = "SYNONYME", _("Synonyme")


class SkillKind(models.TextChoices):
    """The three « rubriques » of a fiche's skills block (unix_descriptif_rubrique)."""

    SAVOIR_FAIRE = "savoir_faire", _("Savoir-faire")
    SAVOIR_ETRE = "savoir_etre", _("Savoir-être professionnel")
    SAVOIR = "savoir", _("Savoir")


class CoreLevel(models.TextChoices):
    """`coeur_metier` of unix_coherence_item: how central a skill is to a fiche."""

    NONE = "", _("Non précisé")
    PRINCIPALE = "principale", _("Cœur de métier")
    EMERGENTE = "emergente", _("Émergente")


class ContextType(models.IntegerChoices):
    """`code_type_cont_trav` of unix_referentiel_contexte_travail."""

    CONDITIONS = 1, _("Conditions de travail et risques professionnels")
    HORAIRES = 2, _("Horaires et durée du travail")
    LIEUX = 3, _("Lieux et déplacements")
    PUBLICS = 5, _("Publics spécifiques")
    STRUCTURES = 6, _("Types de structures")
    STATUT = 7, _("Statut d'emploi")
