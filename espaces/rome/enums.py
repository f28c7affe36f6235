from django.db import models


class TransitionEco(models.TextChoices):
    VERT = "Emploi Vert", "Emploi vert"
    STRATEGIQUE = (
        "Emploi stratégique pour la Transition écologique",
        "Emploi stratégique pour la transition écologique",
    )
    BLANC = "Emploi Blanc", "Emploi blanc"
    BRUN = "Emploi Brun", "Emploi brun"


class Riasec(models.TextChoices):
    R = "R", "Réaliste"
    I = "I", "Investigateur"  # noqa: E741
    A = "A", "Artistique"
    S = "S", "Social"
    E = "E", "Entreprenant"
    C = "C", "Conventionnel"


class Origin(models.TextChoices):
    IMPORT = "import", "Import du référentiel"
    PACK = "pack", "Pack de territoire"


class AppellationClassification(models.TextChoices):
    PRINCIPALE = "PRINCIPALE", "Principale"
    SYNONYME = "SYNONYME", "Synonyme"
