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
