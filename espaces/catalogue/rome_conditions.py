"""The working conditions a job sheet should show, read from the ROME work contexts.

ROME 4.0 lists for each fiche its « contextes de travail » (unix_referentiel_contexte_travail +
unix_liens_rome_referentiels, bloc 6). A sheet's conditions start from those of its ROME codes
(their union) and differ only with a written reason in the pack (`condition_reasons`, staff only).
Licence (`permis`) has no ROME context: it is set by hand on the sheets that need it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .enums import Condition

# ROME work-context label → the sheet's condition (labels of ROME 4.0 v460).
CONTEXT_CONDITIONS: dict[str, str] = {
    "Travail posté (2x8, 3x8, 5x8, etc.)": Condition.TRAVAIL_POSTE,
    "Travail en horaires décalés": Condition.TRAVAIL_POSTE,
    "Travail par roulement": Condition.TRAVAIL_POSTE,
    "Travail de nuit": Condition.NUIT,
    "Travail les week-ends et jours fériés": Condition.WEEKEND,
    "Travail le samedi": Condition.WEEKEND,
    "Travail le dimanche": Condition.WEEKEND,
    "En extérieur": Condition.EXTERIEUR,
    "Port et manipulation de charges lourdes ou encombrantes": Condition.PORT_CHARGES,
    "En grande hauteur": Condition.HAUTEUR,
    "En milieu nucléaire": Condition.ZONE_NUCLEAIRE,
    "En salle blanche": Condition.SALLE_BLANCHE,
    "Déplacements professionnels": Condition.DEPLACEMENTS,
    "En environnement bruyant": Condition.BRUIT,
    "Exposition à de hautes températures": Condition.CHALEUR,
}
# The conditions the ROME work contexts can tell (all but the driving licence).
ROME_CONDITIONS = frozenset(CONTEXT_CONDITIONS.values())

CONTEXTS_FILE = "unix_referentiel_contexte_travail_v460_utf8.csv"
LINKS_FILE = "unix_liens_rome_referentiels_v460_utf8.csv"
CONTEXT_BLOCK = "6"


def conditions_of_contexts(labels: Iterable[str]) -> set[str]:
    return {str(CONTEXT_CONDITIONS[label]) for label in labels if label in CONTEXT_CONDITIONS}


def read_rome_conditions(rome_dir: Path) -> dict[str, set[str]]:
    """{ROME code: conditions} from the official CSV files of ROME 4.0."""
    with open(rome_dir / CONTEXTS_FILE, encoding="utf-8", newline="") as f:
        labels = {row["code_ogr"]: row["libelle_cont_travail"] for row in csv.DictReader(f)}
    found: dict[str, set[str]] = defaultdict(set)
    with open(rome_dir / LINKS_FILE, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["code_compo_bloc"] == CONTEXT_BLOCK and row["code_ogr"] in labels:
                found[row["code_rome"]] |= conditions_of_contexts([labels[row["code_ogr"]]])
    return dict(found)


def expected_conditions(rome_codes: Iterable[str], by_code: dict[str, set[str]]) -> set[str]:
    """The union of the conditions of the sheet's ROME codes."""
    out: set[str] = set()
    for code in rome_codes:
        out |= by_code.get(code, set())
    return out


def unexplained_differences(
    *, conditions: Iterable[str], reasons: dict, expected: set[str]
) -> dict[str, str]:
    """{condition: "manque" | "en trop"} for the differences with ROME that carry no reason."""
    shown = {str(c) for c in conditions} & ROME_CONDITIONS
    out = {}
    for condition in sorted(expected - shown):
        if condition not in reasons:
            out[condition] = "manque"
    for condition in sorted(shown - expected):
        if condition not in reasons:
            out[condition] = "en trop"
    return out
