from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    ANNONCE = "annonce", _("Annoncé")
    EN_PREPARATION = "en_preparation", _("En préparation")
    EN_CONSTRUCTION = "en_construction", _("En construction")
    EN_PRODUCTION = "en_production", _("En production")
    SUSPENDU = "suspendu", _("Suspendu")
    EN_PAUSE = "en_pause", _("En pause")
    ABANDONNE = "abandonne", _("Abandonné")

    @classmethod
    def not_recruiting(cls) -> tuple[str, ...]:
        """Statuses that never count as recruiting (headline sums, « qui recrutent » lists)."""
        return (cls.SUSPENDU, cls.EN_PAUSE, cls.ABANDONNE)


class FigureKind(models.TextChoices):
    DIRECT_JOBS = "direct_jobs", _("Emplois directs annoncés")
    INDIRECT_JOBS = "indirect_jobs", _("Emplois indirects annoncés")
    CONSTRUCTION_PEAK_JOBS = "construction_peak_jobs", _("Emplois au pic du chantier")
    OPERATION_JOBS = "operation_jobs", _("Emplois en exploitation")
    JOBS_RECRUITED = "jobs_recruited", _("Personnes recrutées")
    INVESTMENT_EUR = "investment_eur", _("Investissement annoncé (€)")


class PartnerKind(models.TextChoices):
    EMPLOYER = "employer", _("Employeur")
    TRAINING = "training", _("Organisme de formation")
    EMPLOYMENT = "employment", _("Réseau pour l'emploi")
    TRANSPORT = "transport", _("Transport")
    HOUSING = "housing", _("Logement")
    CHILDCARE = "childcare", _("Garde d'enfants")
    SOCIAL = "social", _("Action sociale")
    INSTITUTION = "institution", _("Institution")
    FUNDER = "funder", _("Financeur")
    OTHER = "other", _("Autre")


class HeadlineFigureKind(models.TextChoices):
    COMPONENT = "component", _("Composante")
    OTHER = "other", _("Autre chiffre en circulation")
