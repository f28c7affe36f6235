from django.db import models


class EntryLevel(models.TextChoices):
    SANS_DIPLOME = "sans_diplome", "Sans diplôme"
    CAP_BEP = "cap_bep", "CAP ou BEP"
    BAC = "bac", "Bac"
    BAC_2 = "bac_2", "Bac + 2"
    BAC_3 = "bac_3", "Bac + 3"
    BAC_5 = "bac_5", "Bac + 5"


class Condition(models.TextChoices):
    """Working conditions a person may want to avoid (the services app maps them to barriers)."""

    TRAVAIL_POSTE = "travail_poste", "Travail en équipes (2x8, 3x8)"
    NUIT = "nuit", "Travail de nuit"
    WEEKEND = "weekend", "Travail le week-end"
    EXTERIEUR = "exterieur", "Travail en extérieur"
    PORT_CHARGES = "port_charges", "Port de charges lourdes"
    HAUTEUR = "hauteur", "Travail en hauteur"
    ZONE_NUCLEAIRE = "zone_nucleaire", "Travail en zone nucléaire (habilitations)"
    SALLE_BLANCHE = "salle_blanche", "Travail en salle blanche (tenue spéciale)"
    DEPLACEMENTS = "deplacements", "Déplacements fréquents"
    BRUIT = "bruit", "Environnement bruyant"
    CHALEUR = "chaleur", "Chaleur"
    PERMIS = "permis", "Permis de conduire nécessaire"


class Funding(models.TextChoices):
    CPF = "cpf", "Compte personnel de formation (CPF)"
    TRANSITIONS_PRO = "transitions_pro", "Transitions Pro"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    REGION = "region", "Région"
    OPCO = "opco", "OPCO (branche professionnelle)"
    EMPLOYEUR = "employeur", "Employeur"
    APPRENTISSAGE = "apprentissage", "Apprentissage"


class SalaryPeriod(models.TextChoices):
    MOIS = "mois", "par mois"
    AN = "an", "par an"
    HEURE = "heure", "de l'heure"


class SalaryBasis(models.TextChoices):
    BRUT = "brut", "brut"
    NET = "net", "net"


class Sort(models.TextChoices):
    PERTINENCE = "pertinence", "Les plus proches de ma recherche"
    RECRUTEMENTS = "recrutements", "Les plus recherchés d'abord"
    ALPHA = "alpha", "De A à Z"
