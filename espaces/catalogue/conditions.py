"""Working conditions of a job sheet, compared with the work contexts of its ROME fiches.

A sheet's `conditions` (enums.Condition) start from the ROME « contextes de travail » of its
fiches (unix_referentiel_contexte_travail + unix_liens_rome_referentiels, bloc 6) and may differ
only with a written reason in the pack (`conditions_reasons: {condition: "why"}`).
`rome_conditions` gives what the referential says; `contradictions` what a sheet lacks or adds.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from espaces.rome.models import RomeFiche, RomeFicheContext

from .enums import Condition

# OGR code of a ROME work context → the sheet condition it implies.
CONTEXT_CONDITIONS: dict[str, Condition] = {
    "126450": Condition.TRAVAIL_POSTE,  # Travail posté (2x8, 3x8, 5x8, etc.)
    "300803": Condition.NUIT,  # Travail de nuit
    "23374": Condition.WEEKEND,  # Travail le samedi
    "300793": Condition.WEEKEND,  # Travail le dimanche
    "23376": Condition.WEEKEND,  # Travail les week-ends et jours fériés
    "300783": Condition.EXTERIEUR,  # En extérieur
    "300795": Condition.PORT_CHARGES,  # Port et manipulation de charges lourdes ou encombrantes
    "300782": Condition.HAUTEUR,  # En grande hauteur
    "300779": Condition.DEPLACEMENTS,  # Déplacements professionnels
    "300817": Condition.DEPLACEMENTS,  # Zone nationale
    "300814": Condition.DEPLACEMENTS,  # Zone européenne
    "300816": Condition.DEPLACEMENTS,  # Zone internationale
    "23383": Condition.ZONE_NUCLEAIRE,  # En milieu nucléaire
    "300785": Condition.SALLE_BLANCHE,  # En salle blanche
    "300824": Condition.BRUIT,  # En environnement bruyant
    "300789": Condition.CHALEUR,  # Exposition à de hautes températures
}

# The conditions the pack check compares (WIDEN issue, item 3). The others (nuclear zone, clean
# room, noise, heat) are suggested by `rome_conditions` but a sheet may leave them out.
CHECKED_CONDITIONS: tuple[Condition, ...] = (
    Condition.PORT_CHARGES,
    Condition.NUIT,
    Condition.TRAVAIL_POSTE,
    Condition.WEEKEND,
    Condition.EXTERIEUR,
    Condition.DEPLACEMENTS,
    Condition.HAUTEUR,
    Condition.PERMIS,
)

# No work context says « driving licence »: the fiche's « accès à l'emploi » text does, in a
# sentence that requires it (« Le permis C ou C1 est obligatoire », « accessible avec un Permis D »).
LICENCE = re.compile(
    # The licence letters are capitals (« permis d'exploitation » is not a licence D).
    r"\b(?i:permis)\s+(?:(?i:de\s+conduire(?!\s+les\s+moteurs)|poids[\s-]lourds?)"
    r"|[ABCD](?:1|E|1E)?\b)"
)
REQUIRED = re.compile(
    r"obligatoire|exigé|requis|prérequis|nécessaire|indispensable|demandé|accessible avec",
    re.IGNORECASE,
)


def licence_required(access: str) -> bool:
    """True when a sentence of the access text requires a driving licence."""
    return any(LICENCE.search(s) and REQUIRED.search(s) for s in access.split("\n"))


def rome_conditions(codes: Iterable[str]) -> dict[str, set[Condition]]:
    """{code: conditions implied by its work contexts and access text}, for the known codes
    that have work contexts in the database (a fiche a pack created has none: absent)."""
    codes = set(codes)
    result: dict[str, set[Condition]] = {}
    for code, context in RomeFicheContext.objects.filter(fiche_id__in=codes).values_list(
        "fiche_id", "context_id"
    ):
        conditions = result.setdefault(code, set())
        if context in CONTEXT_CONDITIONS:
            conditions.add(CONTEXT_CONDITIONS[context])
    for code, access in RomeFiche.objects.filter(code__in=result).values_list("code", "access"):
        if licence_required(access):
            result[code].add(Condition.PERMIS)
    return result


@dataclass(frozen=True)
class Contradiction:
    condition: Condition
    missing: bool  # True: ROME has it, the sheet does not; False: the sheet adds it
    codes: tuple[str, ...]  # the fiches that have it (missing) or that were compared (added)

    def message(self) -> str:
        label = Condition(self.condition).label
        codes = ", ".join(self.codes)
        if self.missing:
            return (
                f"condition « {self.condition} » ({label}) absente alors que le ROME l'indique "
                f"pour {codes} : ajoutez-la à conditions, ou expliquez pourquoi dans "
                f"conditions_reasons ({self.condition}: « … »)."
            )
        return (
            f"condition « {self.condition} » ({label}) indiquée alors que le ROME ne l'indique "
            f"pas pour {codes} : retirez-la, ou expliquez pourquoi dans conditions_reasons "
            f"({self.condition}: « … »)."
        )


def contradictions(
    conditions: Iterable[str],
    reasons: dict[str, str],
    codes: Iterable[str],
    by_code: dict[str, set[Condition]],
) -> list[Contradiction]:
    """The checked conditions where a sheet differs from the union of its fiches' conditions
    without a reason. Fiches without work contexts (absent from `by_code`) are not compared;
    a sheet none of whose fiches has contexts gives no contradiction."""
    compared = [c for c in codes if c in by_code]
    if not compared:
        return []
    sheet = set(conditions)
    rome = set().union(*(by_code[c] for c in compared))
    out = []
    for condition in CHECKED_CONDITIONS:
        if (condition in sheet) == (condition in rome) or reasons.get(condition, "").strip():
            continue
        missing = condition in rome
        which = [c for c in compared if condition in by_code[c]] if missing else compared
        out.append(Contradiction(condition, missing, tuple(sorted(which))))
    return out
