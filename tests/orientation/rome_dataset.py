"""The national ROME referential read from the dataset shipped in data/rome/ (WIDEN), without
the database: the real 1 584 fiches and 13 120 appellations for the recognition and bridges
tests and the bench."""

import csv
import gzip
import json
from functools import lru_cache
from pathlib import Path

from espaces.orientation.matching import Candidate, riasec_weights
from espaces.orientation.passerelles import AppellationIndex, RomeGraph

DATASET = Path(__file__).resolve().parents[2] / "data" / "rome"
KINDS = {"savoir_faire", "savoir"}
# work context → condition, as catalogue.conditions.CONTEXT_CONDITIONS (no database needed)
CONTEXTS = {
    "126450": "travail_poste",
    "300803": "nuit",
    "23374": "weekend",
    "300793": "weekend",
    "23376": "weekend",
    "300783": "exterieur",
    "300795": "port_charges",
    "300782": "hauteur",
}


@lru_cache(maxsize=1)
def fiches() -> tuple[dict, ...]:
    with gzip.open(DATASET / "fiches.jsonl.gz", "rt", encoding="utf-8") as f:
        return tuple(json.loads(line) for line in f if line.strip())


@lru_cache(maxsize=1)
def skill_rows() -> dict[str, dict]:
    with gzip.open(DATASET / "skills.csv.gz", "rt", encoding="utf-8") as f:
        return {row["code_ogr"]: row for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def appellation_index() -> AppellationIndex:
    with gzip.open(DATASET / "appellations.csv.gz", "rt", encoding="utf-8") as f:
        entries = [(row["code_rome"], row["label"]) for row in csv.DictReader(f)]
    return AppellationIndex(entries, {f["code"]: f["label"] for f in fiches()})


@lru_cache(maxsize=1)
def graph() -> RomeGraph:
    kinds = {code for code, row in skill_rows().items() if row["kind"] in KINDS}
    return RomeGraph(
        titles={f["code"]: f["label"] for f in fiches()},
        skills={f["code"]: tuple(s for s, _ in f["skills"] if s in kinds) for f in fiches()},
        mobilities={f["code"]: tuple(t for t, _ in f.get("mobilities") or ()) for f in fiches()},
        skill_labels={code: row["label"] for code, row in skill_rows().items() if code in kinds},
        core={
            f["code"]: frozenset(s for s, level in f["skills"] if level == "principale")
            for f in fiches()
        },
    )


def candidates() -> list[Candidate]:
    """The 1 584 fiches as national candidates, with the conditions of their work contexts."""
    return [
        Candidate(
            slug=f["code"].lower(),
            title=f["label"],
            rome_codes=(f["code"],),
            riasec=riasec_weights([tuple(f["riasec"])]),
            centres=frozenset(code for code, _ in f["centres"]),
            conditions=frozenset(CONTEXTS[c] for c in f["contexts"] if c in CONTEXTS),
        )
        for f in fiches()
    ]
