"""Choices of the orientation questionnaire (docs/orientation.md).

The values are what the questionnaire file (`questionnaire.yaml`) and the API use; the matching
engine interprets them, so a pack may relabel an option but never invent a value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from espaces.rome.enums import Riasec

RIASEC = ("R", "I", "A", "S", "E", "C")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Échelle (j'aime / je n'aime pas)")
    CHOICE = "choice", _("Un choix")
    MULTI = "multi", _("Plusieurs choix")
    TEXT = "text", _("Texte libre")


class Dimension(models.TextChoices):
    """What a question measures: a RIASEC letter, the centres d'intérêt, or a constraint."""

    # The six RIASEC letters, labelled as in the ROME referential (espaces/rome/enums.py).
    R = "R", Riasec.R.label
    I = "I", Riasec.I.label  # noqa: E741
    A = "A", Riasec.A.label
    S = "S", Riasec.S.label
    E = "E", Riasec.E.label
    C = "C", Riasec.C.label
    CENTRE_INTERET = "centre_interet", _("Centres d'intérêt (« J'ai envie de… »)")
    DIPLOMA = "diploma", _("Diplôme le plus haut")
    TRAINING_READINESS = "training_readiness", _("Prêt à se former")
    NIGHT_WORK = "night_work", _("Travail de nuit")
    SHIFT_WORK = "shift_work", _("Travail en équipes ou horaires décalés (2x8, 3x8, tôt, tard)")
    WEEKEND_WORK = "weekend_work", _("Travail le week-end")
    PHYSICAL_WORK = "physical_work", _("Travail physique")
    OUTDOOR_WORK = "outdoor_work", _("Travail en extérieur")
    DRIVING = "driving", _("Permis de conduire et véhicule")
    CHILDCARE = "childcare", _("Garde d'enfants")
    HEALTH = "health", _("Santé (oui ou non, sans détail)")
    EXPERIENCE = "experience", _("Métiers déjà exercés")
    DIPLOMA_SPECIALTY = "diploma_specialty", _("Spécialité du diplôme ou de la formation")
    SITUATION = "situation", _("Situation (pour choisir les aides, jamais pour les métiers)")


CONSTRAINTS = (
    Dimension.DIPLOMA,
    Dimension.TRAINING_READINESS,
    Dimension.NIGHT_WORK,
    Dimension.SHIFT_WORK,
    Dimension.WEEKEND_WORK,
    Dimension.PHYSICAL_WORK,
    Dimension.OUTDOOR_WORK,
    Dimension.DRIVING,
    Dimension.CHILDCARE,
    Dimension.HEALTH,
)


class Diploma(models.TextChoices):
    """Same values as the catalogue's entry levels, so that they compare."""

    SANS_DIPLOME = "sans_diplome", _("Aucun diplôme")
    CAP_BEP = "cap_bep", _("CAP, BEP")
    BAC = "bac", _("Bac")
    BAC_2 = "bac_2", _("Bac + 2")
    BAC_3 = "bac_3", _("Bac + 3")
    BAC_5 = "bac_5", _("Bac + 5 et plus")


LEVEL_RANK = {value: rank for rank, value in enumerate(Diploma.values)}


class TrainingReadiness(models.TextChoices):
    NON = "non", _("Non, je veux travailler tout de suite")
    MOINS_6_MOIS = "moins_6_mois", _("Oui, une formation de moins de 6 mois")
    PLUS_6_MOIS = "plus_6_mois", _("Oui, même plus longue")


class ShiftWork(models.TextChoices):
    OUI = "oui", _("Oui")
    AVEC_SOLUTION = "avec_solution", _("Oui, si je trouve une solution (garde, transport)")
    NON = "non", _("Non, ce n'est pas possible")


class Situation(models.TextChoices):
    """Who the person is for the services (data·inclusion `publics`); never used to rank jobs."""

    DEMANDEURS_EMPLOI = "demandeurs-emploi", _("Je cherche un emploi")
    ACTIFS = "actifs", _("J'ai un emploi et je veux changer de métier")
    JEUNES = "jeunes", _("Jeune de 16 à 25 ans")
    FAMILLES = "familles", _("Parent qui reprend le travail")
    AUTRE = "autre", _("Autre situation")


class YesNo(models.TextChoices):
    OUI = "oui", _("Oui")
    NON = "non", _("Non")


class Driving(models.TextChoices):
    PERMIS_VEHICULE = "permis_vehicule", _("Oui, et j'ai un véhicule")
    PERMIS_SANS_VEHICULE = "permis_sans_vehicule", _("Oui, mais je n'ai pas de véhicule")
    SANS_PERMIS = "sans_permis", _("Non")


# The option values a pack may use for each constraint (labels are free).
CONSTRAINT_VALUES: dict[str, tuple[str, ...]] = {
    Dimension.DIPLOMA: tuple(Diploma.values),
    Dimension.TRAINING_READINESS: tuple(TrainingReadiness.values),
    Dimension.NIGHT_WORK: tuple(YesNo.values),
    Dimension.SHIFT_WORK: tuple(ShiftWork.values),
    Dimension.WEEKEND_WORK: tuple(YesNo.values),
    Dimension.PHYSICAL_WORK: tuple(YesNo.values),
    Dimension.OUTDOOR_WORK: tuple(YesNo.values),
    Dimension.DRIVING: tuple(Driving.values),
    Dimension.CHILDCARE: tuple(YesNo.values),
    Dimension.HEALTH: tuple(YesNo.values),
    Dimension.SITUATION: tuple(Situation.values),
}

# Free-text questions: the jobs already done, and the specialty of a diploma or training; both
# are read to recognise ROME appellations, then dropped.
TEXT_DIMENSIONS = frozenset({"experience", "diploma_specialty"})

# Never asked, never accepted: an answer under one of these names is refused by name.
FORBIDDEN_TOPICS = frozenset(
    {
        "genre",
        "sexe",
        "gender",
        "sex",
        "civilite",
        "age",
        "date_naissance",
        "date-de-naissance",
        "naissance",
        "birth_date",
        "nationalite",
        "nationality",
        "adresse",
        "address",
        "code_postal",
        "commune",
    }
)


class Mode(models.TextChoices):
    COMPLET = "complet", _("Questionnaire complet")
    RAPIDE = "rapide", _("Mode rapide « J'ai envie de… »")


class Barrier(models.TextChoices):
    """Barriers the matching can detect; the value is the data·inclusion thématique (or
    category) whose services lift it."""

    MOBILITE = "mobilite", _("Se déplacer")
    GARDE_ENFANTS = "famille--garde-denfants", _("Faire garder ses enfants")
    SE_FORMER = "se-former", _("Se former")
    SANTE = "sante", _("Santé et travail")


# The thématiques (or categories) searched for each barrier's services.
BARRIER_THEMATIQUES: dict[str, tuple[str, ...]] = {
    Barrier.MOBILITE: ("mobilite",),
    Barrier.GARDE_ENFANTS: ("famille--garde-denfants",),
    Barrier.SE_FORMER: ("se-former",),
    Barrier.SANTE: ("sante",),
}
