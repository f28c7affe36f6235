from django.db import models
from django.utils.translation import gettext_lazy as _


class Housing(models.TextChoices):
    """The housing values of POST /api/v1/simulations/emploi (interfaces.md)."""

    TENANT = "locataire", _("Locataire")
    OWNER = "proprietaire", _("Propriétaire")
    HOSTED = "heberge", _("Hébergé·e (sans loyer)")


class CurrentSituation(models.TextChoices):
    """What the person lives on today (the simulator's page); only ARE changes the computation,
    the others say which service confirms the figures."""

    NO_INCOME = "sans_emploi", _("Sans emploi, sans allocation chômage")
    ARE = "are", _("Allocation chômage (ARE)")
    RSA = "rsa", _("RSA")
    AAH = "aah", _("AAH (allocation adulte handicapé)")
    EMPLOYED = "salarie", _("Salarié·e")
    STUDENT = "etudiant", _("Étudiant·e ou en formation")


class AgeBand(models.TextChoices):
    """Age bands of the page; each is computed at a representative age."""

    UNDER_25 = "18_24", _("18 à 24 ans")
    FROM_25 = "25_29", _("25 à 29 ans")
    FROM_30 = "30_54", _("30 à 54 ans")
    FROM_55 = "55_plus", _("55 ans et plus")


AGE_OF_BAND = {
    AgeBand.UNDER_25: 22,
    AgeBand.FROM_25: 27,
    AgeBand.FROM_30: 40,
    AgeBand.FROM_55: 58,
}
