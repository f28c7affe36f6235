from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryLevel(models.TextChoices):
    SANS_DIPLOME = "sans_diplome", _("Sans diplôme")
    CAP_BEP = "cap_bep", _("CAP ou BEP")
    BAC = "bac", _("Bac")
    BAC_2 = "bac_2", _("Bac + 2")
    BAC_3 = "bac_3", _("Bac + 3")
    BAC_5 = "bac_5", _("Bac + 5")


class Condition(models.TextChoices):
    """Working conditions a person may want to avoid (the services app maps them to barriers)."""

    TRAVAIL_POSTE = "travail_poste", _("Travail en équipes (2x8, 3x8)")
    NUIT = "nuit", _("Travail de nuit")
    WEEKEND = "weekend", _("Travail le week-end")
    EXTERIEUR = "exterieur", _("Travail en extérieur")
    PORT_CHARGES = "port_charges", _("Port de charges lourdes")
    HAUTEUR = "hauteur", _("Travail en hauteur")
    ZONE_NUCLEAIRE = "zone_nucleaire", _("Travail en zone nucléaire (habilitations)")
    SALLE_BLANCHE = "salle_blanche", _("Travail en salle blanche (tenue spéciale)")
    DEPLACEMENTS = "deplacements", _("Déplacements fréquents")
    BRUIT = "bruit", _("Environnement bruyant")
    CHALEUR = "chaleur", _("Chaleur")
    PERMIS = "permis", _("Permis de conduire nécessaire")


class Funding(models.TextChoices):
    CPF = "cpf", _("Compte personnel de formation (CPF)")
    TRANSITIONS_PRO = "transitions_pro", _("Transitions Pro")
    FRANCE_TRAVAIL = "france_travail", _("France Travail")
    REGION = "region", _("Région")
    OPCO = "opco", _("OPCO (branche professionnelle)")
    EMPLOYEUR = "employeur", _("Employeur")
    APPRENTISSAGE = "apprentissage", _("Apprentissage")


class SalaryPeriod(models.TextChoices):
    MOIS = "mois", _("par mois")
    AN = "an", _("par an")
    HEURE = "heure", _("de l'heure")


class SalaryBasis(models.TextChoices):
    BRUT = "brut", _("brut")
    NET = "net", _("net")


class Sort(models.TextChoices):
    PERTINENCE = "pertinence", _("Les plus proches de ma recherche")
    RECRUTEMENTS = "recrutements", _("Les plus recherchés d'abord")
    ALPHA = "alpha", _("De A à Z")
