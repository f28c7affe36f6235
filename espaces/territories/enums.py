from django.db import models


class ProjectStatus(models.TextChoices):
    ANNONCE = "annonce", "Annoncé"
    EN_PREPARATION = "en_preparation", "En préparation"
    EN_CONSTRUCTION = "en_construction", "En construction"
    EN_PRODUCTION = "en_production", "En production"
    SUSPENDU = "suspendu", "Suspendu"


class FigureKind(models.TextChoices):
    DIRECT_JOBS = "direct_jobs", "Emplois directs annoncés"
    INDIRECT_JOBS = "indirect_jobs", "Emplois indirects annoncés"
    CONSTRUCTION_PEAK_JOBS = "construction_peak_jobs", "Emplois au pic du chantier"
    OPERATION_JOBS = "operation_jobs", "Emplois en exploitation"
    JOBS_RECRUITED = "jobs_recruited", "Personnes recrutées"
    INVESTMENT_EUR = "investment_eur", "Investissement annoncé (€)"


class PartnerKind(models.TextChoices):
    EMPLOYER = "employer", "Employeur"
    TRAINING = "training", "Organisme de formation"
    EMPLOYMENT = "employment", "Réseau pour l'emploi"
    TRANSPORT = "transport", "Transport"
    HOUSING = "housing", "Logement"
    CHILDCARE = "childcare", "Garde d'enfants"
    SOCIAL = "social", "Action sociale"
    INSTITUTION = "institution", "Institution"
    FUNDER = "funder", "Financeur"
    OTHER = "other", "Autre"


class HeadlineFigureKind(models.TextChoices):
    COMPONENT = "component", "Composante"
    OTHER = "other", "Autre chiffre en circulation"
