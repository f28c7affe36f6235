"""Choices shared by several apps; their values are the slugs of docs/interfaces.md."""

from django.db import models


class PublicCategory(models.TextChoices):
    """Who a visitor or a participant is (the visits CSV `public_category`)."""

    DEMANDEUR_EMPLOI = "demandeur_emploi", "Demandeur ou demandeuse d'emploi"
    STAGIAIRE_FORMATION = "stagiaire_formation", "Stagiaire de la formation professionnelle"
    SALARIE = "salarie", "Salarié·e"
    JEUNE_SCOLAIRE = "jeune_scolaire", "Jeune scolarisé·e (collège, lycée)"
    ETUDIANT = "etudiant", "Étudiant·e"
    HABITANT = "habitant", "Habitant·e"
    NOUVEL_ARRIVANT = "nouvel_arrivant", "Nouvel arrivant ou nouvelle arrivante sur le territoire"
    ENSEIGNANT = "enseignant", "Enseignant·e"
    PROFESSIONNEL_ACCOMPAGNEMENT = (
        "professionnel_accompagnement",
        "Professionnel·le de l'accompagnement (travail social, conseil, association)",
    )
    EMPLOYEUR = "employeur", "Employeur"
    AUTRE = "autre", "Autre"


# Counted as "professionals", apart from the visitors of the public (docs/interfaces.md).
PROFESSIONAL_CATEGORIES = frozenset({PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT})
