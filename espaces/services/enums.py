"""Choices of the services app.

The data·inclusion reference lists (thématiques, types, publics, fees, reception and
mobilisation modes) come from the `data-inclusion-schema` package and are never copied here:
the helpers below read their values and French labels from it. Only the product's own lists
(needs shown on the « Lever les freins » page, tags, nearness, review kinds) are defined here.
"""

from enum import Enum

from data_inclusion.schema.v1 import (
    Categorie,
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    Thematique,
    TypeService,
)
from django.db import models
from django.utils.translation import gettext_lazy as _

CATEGORY_SEPARATOR = "--"


def values_of(enum: type[Enum]) -> list[str]:
    return [member.value for member in enum]


def label_of(enum: type[Enum], value: str) -> str:
    """The package's French label of `value`, or the value itself when unknown."""
    try:
        return enum(value).label
    except ValueError:
        return value


def labels_of(enum: type[Enum], values) -> list[str]:
    return [label_of(enum, v) for v in values or []]


def category_of(thematique: str) -> str:
    """'mobilite--preparer-un-permis' → 'mobilite'."""
    return thematique.split(CATEGORY_SEPARATOR, 1)[0]


THEMATIQUES = frozenset(values_of(Thematique))
CATEGORIES = frozenset(values_of(Categorie))


def thematiques_of_category(category: str) -> list[str]:
    return sorted(t for t in THEMATIQUES if category_of(t) == category)


class Need(models.TextChoices):
    """The needs a resident picks on the « Lever les freins » page (value = URL parameter)."""

    MOBILITE = "me-deplacer", _("Me déplacer")
    GARDE_ENFANTS = "faire-garder-mes-enfants", _("Faire garder mes enfants")
    LOGEMENT = "me-loger", _("Me loger")
    FORMATION = "me-former", _("Me former")
    SANTE = "ma-sante", _("Ma santé")
    NUMERIQUE = "le-numerique", _("Le numérique")
    SAVOIRS_DE_BASE = "lire-ecrire-compter", _("Lire, écrire, compter")
    ARGENT = "argent-et-demarches", _("Argent et démarches")
    EMPLOI = "trouver-un-emploi", _("Trouver un emploi, changer de métier")


# Each need covers categories (every thématique of the category) or full thématiques.
NEED_THEMATIQUES: dict[str, tuple[str, ...]] = {
    Need.MOBILITE: (Categorie.MOBILITE.value,),
    Need.GARDE_ENFANTS: (Thematique.FAMILLE__GARDE_DENFANTS.value,),
    Need.LOGEMENT: (Categorie.LOGEMENT_HEBERGEMENT.value,),
    Need.FORMATION: (Categorie.SE_FORMER.value,),
    Need.SANTE: (Categorie.SANTE.value,),
    Need.NUMERIQUE: (Categorie.NUMERIQUE.value,),
    Need.SAVOIRS_DE_BASE: (Categorie.LECTURE_ECRITURE_CALCUL.value,),
    Need.ARGENT: (
        Categorie.DIFFICULTES_FINANCIERES.value,
        Categorie.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES.value,
        Categorie.EQUIPEMENT_ET_ALIMENTATION.value,
    ),
    Need.EMPLOI: (
        Categorie.CHOISIR_UN_METIER.value,
        Categorie.TROUVER_UN_EMPLOI.value,
        Categorie.PREPARER_SA_CANDIDATURE.value,
        Categorie.REMOBILISATION.value,
        Categorie.SOUVRIR_A_LINTERNATIONAL.value,
        Categorie.CREER_UNE_ENTREPRISE.value,
    ),
}

# One short sentence under each tile, in plain words.
NEED_HINTS: dict[str, str] = {
    Need.MOBILITE: _("bus, car, vélo, permis, aide au transport"),
    Need.GARDE_ENFANTS: _("crèche, assistante maternelle, horaires décalés"),
    Need.LOGEMENT: _("trouver un logement, un hébergement, payer le loyer"),
    Need.FORMATION: _("trouver une formation, la financer"),
    Need.SANTE: _("se soigner, se faire rembourser"),
    Need.NUMERIQUE: _("ordinateur, internet, démarches en ligne"),
    Need.SAVOIRS_DE_BASE: _("le français, les calculs de tous les jours"),
    Need.ARGENT: _("budget, dettes, droits, papiers"),
    Need.EMPLOI: _("choisir un métier, chercher un emploi"),
}


def need_matches(need: str, thematiques) -> bool:
    targets = NEED_THEMATIQUES[need]
    return any(t in targets or category_of(t) in targets for t in thematiques or [])


def needs_for_thematiques(thematiques) -> list[str]:
    """The needs of the page that cover any of these thématiques or categories."""
    wanted = set(thematiques or [])
    out = []
    for need, targets in NEED_THEMATIQUES.items():
        if any(w in targets or category_of(w) in targets for w in wanted):
            out.append(need)
    return out


# Plainer words than the package's labels for the public pages (the package's are for
# professionals); any other value falls back to the package's label.
PLAIN_MOBILISATION_LABELS: dict[str, str] = {
    ModeMobilisation.UTILISER_LIEN_MOBILISATION.value: _("Faire la demande en ligne"),
    ModeMobilisation.SE_PRESENTER.value: _("Se présenter sur place"),
}


class ServiceTag(models.TextChoices):
    """Product tags linking the conditions of a job to the services that answer them."""

    HORAIRES_ATYPIQUES = "horaires-atypiques", _("Horaires atypiques (tôt, tard, week-end)")
    NUIT = "nuit", _("La nuit")
    PERMIS = "permis", _("Permis de conduire")
    GARDE_ATYPIQUE = "garde-atypique", _("Garde d'enfants en horaires décalés")
    ZONE_INDUSTRIELLE = "zone-industrielle", _("Dessert les zones industrielles")


class Nearness(models.IntegerChoices):
    """How close a service is to the commune a resident chose (lower is nearer)."""

    SAME_COMMUNE = 0, _("Dans votre commune")
    ZONE_COMMUNE = 1, _("Pour les habitants de votre commune")
    WHOLE_AREA = 2, _("Pour tout le territoire")


class ReviewKind(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmée à jour")
    CORRECTION = "correction", _("Correction proposée")


class ReviewOrigin(models.TextChoices):
    LINK = "link", _("Lien envoyé par courriel")
    STAFF = "staff", _("Espace équipe")


# Re-exported so that other modules read the reference lists from one place.
__all__ = [
    "CATEGORIES",
    "THEMATIQUES",
    "Categorie",
    "Frais",
    "ModeAccueil",
    "ModeMobilisation",
    "Need",
    "Nearness",
    "PersonneMobilisatrice",
    "Public",
    "ReviewKind",
    "ReviewOrigin",
    "ServiceTag",
    "Thematique",
    "TypeService",
]
