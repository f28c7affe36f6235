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
