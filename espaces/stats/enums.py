from django.db import models


class BudgetKind(models.TextChoices):
    EXPENSE = "depense", "Dépense"
    FUNDING = "financement", "Financement"


class ExpenseCategory(models.TextChoices):
    ANIMATION = "animation", "Animation et médiation"
    FITTING_OUT = "amenagement", "Aménagement"
    RENT = "location", "Location"
    EQUIPMENT = "equipement", "Équipement"
    COMMUNICATION = "communication", "Communication"
    OTHER = "autre", "Autre"


class TallyDimension(models.TextChoices):
    """The attributes of a visit counted in the monthly tallies (espaces/stats/tallies.py)."""

    GENDER = "gender", "Genre"
    AGE_BAND = "age_band", "Tranche d'âge"
    QPV = "qpv", "QPV"
    COMMUNE = "commune", "Commune"
    CHANNEL = "channel", "Canal"
    PURPOSE = "purpose", "Motif"
