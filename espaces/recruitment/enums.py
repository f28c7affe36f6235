"""Choices of the recruitment domain; the values are the slugs of docs/recruitment.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Contract(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    INTERIM = "interim", _("Intérim")
    ALTERNANCE = "alternance", _("Alternance")
    POEI_POEC = "poei_poec", _("POEI / POEC (formation avant l'embauche)")
    STAGE = "stage", _("Stage")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Fermée")
    ARCHIVED = "archived", _("Archivée")


class RecruitmentMethod(models.TextChoices):
    CV = "cv", _("Sur CV")
    ENTRETIEN = "entretien", _("Entretien")
    MRS = "mrs", _("Méthode de recrutement par simulation (MRS)")


class OfferSource(models.TextChoices):
    SAISIE = "saisie", _("Saisie dans l'espace employeur")
    API = "api", _("API")
    JSONLD = "jsonld", _("Import schema.org JobPosting")
    FRANCETRAVAIL = "francetravail", _("Import France Travail")


class CandidacyStatus(models.TextChoices):
    ENVOYEE = "envoyee", _("Envoyée")
    RECUE = "recue", _("Reçue")
    ENTRETIEN = "entretien", _("Entretien")
    RETENUE = "retenue", _("Retenue")
    NON_RETENUE = "non_retenue", _("Non retenue")
    EMBAUCHE = "embauche", _("Embauche")
    RETIREE = "retiree", _("Retirée par la personne")


class RejectionReason(models.TextChoices):
    PROFIL = "profil", _("Le profil ne correspond pas au poste")
    EXPERIENCE = "experience", _("Expérience insuffisante")
    PREREQUIS = "prerequis", _("Prérequis manquant (permis, habilitation, certificat)")
    POSTE_POURVU = "poste_pourvu", _("Poste déjà pourvu")
    INJOIGNABLE = "injoignable", _("Personne injoignable")
    ABSENT = "absent", _("Absence à l'entretien")
    AUTRE = "autre", _("Autre motif")
