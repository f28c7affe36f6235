"""Choices shared by several apps; their values are the slugs of docs/interfaces.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicCategory(models.TextChoices):
    """Who a visitor or a participant is (the visits CSV `public_category`)."""

    DEMANDEUR_EMPLOI = "demandeur_emploi", _("Demandeur ou demandeuse d'emploi")
    STAGIAIRE_FORMATION = "stagiaire_formation", _("Stagiaire de la formation professionnelle")
    SALARIE = "salarie", _("Salarié·e")
    JEUNE_SCOLAIRE = "jeune_scolaire", _("Jeune scolarisé·e (collège, lycée)")
    ETUDIANT = "etudiant", _("Étudiant·e")
    HABITANT = "habitant", _("Habitant·e")
    NOUVEL_ARRIVANT = (
        "nouvel_arrivant",
        _("Nouvel arrivant ou nouvelle arrivante sur le territoire"),
    )
    ENSEIGNANT = "enseignant", _("Enseignant·e")
    PROFESSIONNEL_ACCOMPAGNEMENT = (
        "professionnel_accompagnement",
        _("Professionnel·le de l'accompagnement (travail social, conseil, association)"),
    )
    EMPLOYEUR = "employeur", _("Employeur")
    AUTRE = "autre", _("Autre")


# Counted as "professionals", apart from the visitors of the public (docs/interfaces.md).
PROFESSIONAL_CATEGORIES = frozenset({PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT})
