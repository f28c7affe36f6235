from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetKind(models.TextChoices):
    EXPENSE = "depense", _("Dépense")
    FUNDING = "financement", _("Financement")


class ExpenseCategory(models.TextChoices):
    ANIMATION = "animation", _("Animation et médiation")
    FITTING_OUT = "amenagement", _("Aménagement")
    RENT = "location", _("Location")
    EQUIPMENT = "equipement", _("Équipement")
    COMMUNICATION = "communication", _("Communication")
    OTHER = "autre", _("Autre")


class TallyDimension(models.TextChoices):
    """The attributes of a visit counted in the monthly tallies (espaces/stats/tallies.py)."""

    GENDER = "gender", _("Genre")
    AGE_BAND = "age_band", _("Tranche d'âge")
    QPV = "qpv", _("QPV")
    COMMUNE = "commune", _("Commune")
    CHANNEL = "channel", _("Canal")
    PURPOSE = "purpose", _("Motif")
