"""Explainable matching of a person's answers to jobs (docs/orientation.md § Le calcul).

Pure functions over plain data, no database: `build_profile` turns answers into a profile,
`CandidateIndex` precomputes what each job brings (RIASEC letters, centres d'intérêt as a bit
mask, conditions, entry level, demand), `match` scores every job and explains the best ones.
The same answers and the same candidates always give the same result.

score = 100 × Σ(wᵢ·xᵢ) / Σ(wᵢ) over the components the person answered
        (interests 0.60, centres d'intérêt 0.25, recruitment announced 0.15)
        − constraint penalties + experience bonus, bounded to 0–100.
"""

import heapq
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .enums import (
    CONSTRAINTS as MATCHING_CONSTRAINTS,
)
from .enums import (
    LEVEL_RANK,
    RIASEC,
    Barrier,
    Dimension,
    Diploma,
    Driving,
    QuestionKind,
    ShiftWork,
    TrainingReadiness,
    YesNo,
)

# --- the formula's constants (docs/orientation.md quotes them) --------------------------------
WEIGHT_INTEREST = 0.60
WEIGHT_CENTRES = 0.25
WEIGHT_DEMAND = 0.15
MAJOR_WEIGHT = 1.0
MINOR_WEIGHT = 0.5
UNKNOWN_INTEREST = 0.5  # the job's letters were all skipped: neither liked nor disliked
LIKED_THRESHOLD = 0.6  # a statement is « liked » from 60 % of the scale (« Plutôt oui »)
REASON_THRESHOLD = 0.5  # an interest reason needs the letter liked on average at least this much
DEMAND_REFERENCE = 5000  # announced jobs that give the full demand component
EXPERIENCE_BONUS = 10
DEFAULT_LIMIT = 10
MAX_REASONS = 4

# Conditions of a job sheet (catalogue `Condition` values; the WIDEN names are accepted too).
NIGHT_CONDITIONS = frozenset({"nuit", "night_work"})
SHIFT_ONLY_CONDITIONS = frozenset({"travail_poste", "shift_work"})
WEEKEND_CONDITIONS = frozenset({"weekend", "weekend_work"})
HEAVY_CONDITIONS = frozenset({"port_charges", "heavy_load"})
OUTDOOR_CONDITIONS = frozenset({"exterieur", "outdoor_work"})
SHIFT_CONDITIONS = NIGHT_CONDITIONS | SHIFT_ONLY_CONDITIONS | WEEKEND_CONDITIONS
SHIFT_OR_NIGHT = NIGHT_CONDITIONS | SHIFT_ONLY_CONDITIONS
PHYSICAL_CONDITIONS = HEAVY_CONDITIONS
DEMANDING_CONDITIONS = HEAVY_CONDITIONS | frozenset({"hauteur", "chaleur", "zone_nucleaire"})

PENALTY_SHIFT_WITH_SOLUTION = 5
PENALTY_CHILDCARE_SHIFT = 5
PENALTY_PHYSICAL = 20
PENALTY_OUTDOOR = 15
PENALTY_NO_LICENCE = 15
PENALTY_NO_CAR_SHIFT = 5
PENALTY_PER_LEVEL = 10
PENALTY_LEVEL_MAX = 40
SHORT_TRAINING_MONTHS = 6

# --- honesty of the score (docs/orientation.md § Un score honnête) ------------------------------
# How much the person said: each part counts up to its « full » number of answers.
CONFIDENCE_INTEREST = 0.5  # interest statements, full from 12 (or all of a shorter list)
CONFIDENCE_WISHES = 0.3  # « J'ai envie de… », full from 2 wishes
CONFIDENCE_CONSTRAINTS = 0.2  # constraint questions, full from 6 (or all of a shorter list)
INTEREST_FULL = 12
WISHES_FULL = 2
CONSTRAINTS_FULL = 6
CONFIDENCE_FLOOR = 0.4  # shown score = resemblance × (0.4 + 0.6 × confidence)
RESEMBLE_CONFIDENCE = 0.6  # below: « Des pistes à explorer »
RESEMBLE_SCORE = 50  # … and also when the best shown score is below this
MAX_SAME_REASON = 2  # an interest sentence is repeated for at most this many jobs
NATIONAL_LIMIT = 5

# Why a barrier was detected; some reasons put first the services carrying these SERVICES tags.
WHY_CHILDCARE_SHIFT = "horaires décalés avec des enfants à faire garder"
WHY_LICENCE = "permis de conduire nécessaire"
WHY_NO_CAR_SHIFT = "horaires décalés sans voiture"
REASON_TAGS = {
    WHY_CHILDCARE_SHIFT: ("garde-atypique", "horaires-atypiques"),
    WHY_LICENCE: ("permis",),
    WHY_NO_CAR_SHIFT: ("nuit", "horaires-atypiques"),
}

LEVEL_LABELS = {
    Diploma.SANS_DIPLOME: "sans diplôme",
    Diploma.CAP_BEP: "CAP ou BEP",
    Diploma.BAC: "Bac",
    Diploma.BAC_2: "Bac + 2",
    Diploma.BAC_3: "Bac + 3",
    Diploma.BAC_5: "Bac + 5",
}


# --- inputs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProjectDemand:
    """A non-suspended project recruiting a job, with its announced jobs and their source."""

    slug: str
    name: str
    jobs: int
    kind_label: str = "emplois"
    source: str = ""
    date: str = ""

    def sentence(self) -> str:
        cited = ", ".join(p for p in (self.source, self.date) if p)
        number = f"{self.jobs:,}".replace(",", "\u202f")
        return f"{self.name} : {number} {self.kind_label} annoncés" + (
            f" ({cited})" if cited else ""
        )


@dataclass(frozen=True)
class Candidate:
    """What the matching needs to know of one job (a catalogue sheet or a ROME fiche)."""

    slug: str
    title: str
    rome_codes: tuple[str, ...] = ()
    riasec: tuple[tuple[str, float], ...] = ()  # (letter, weight): major 1.0, minor 0.5
    centres: frozenset[int] = frozenset()
    conditions: frozenset[str] = frozenset()
    entry_level: str | None = None
    open_without_diploma: bool = False
    short_training_months: int | None = None
    projects: tuple[ProjectDemand, ...] = ()  # non-suspended, most jobs first
    sectors: tuple[str, ...] = ()
    sector_names: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


def riasec_weights(letter_pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, float], ...]:
    """[(major, minor), …] of a job's ROME codes → ((letter, weight), …) in RIASEC order;
    a letter keeps its highest weight across the codes."""
    weights: dict[str, float] = {}
    for major, minor in letter_pairs:
        if major in RIASEC:
            weights[major] = max(weights.get(major, 0.0), MAJOR_WEIGHT)
        if minor in RIASEC:
            weights[minor] = max(weights.get(minor, 0.0), MINOR_WEIGHT)
    return tuple((letter, weights[letter]) for letter in RIASEC if letter in weights)


@dataclass(frozen=True)
class Profile:
    """What the answers say, in the matching's terms (never gender, age, nationality, address)."""

    riasec: dict[str, float] = field(default_factory=dict)  # letter → 0..1, answered letters
    liked: dict[str, tuple[str, ...]] = field(default_factory=dict)  # letter → statements
    centres: tuple[int, ...] = ()
    centre_labels: dict[int, str] = field(default_factory=dict)
    constraints: dict[str, str] = field(default_factory=dict)
    experience: frozenset[str] = frozenset()  # slugs of jobs already done
    riasec_reasons: dict[str, str] = field(default_factory=dict)  # letter → « Vous aimez … »
    confidence: float = 1.0  # how much was answered, 0..1 (§ Un score honnête)

    def get(self, dimension: str) -> str | None:
        return self.constraints.get(dimension)


def confidence_of(
    statements: int, statements_asked: int, wishes: int, constraints: int, constraints_asked: int
) -> float:
    """0..1: the share of the questionnaire's evidence the answers give (docs/orientation.md)."""
    parts = (
        (CONFIDENCE_INTEREST, statements, min(INTEREST_FULL, statements_asked)),
        (CONFIDENCE_WISHES, wishes, WISHES_FULL),
        (CONFIDENCE_CONSTRAINTS, constraints, min(CONSTRAINTS_FULL, constraints_asked)),
    )
    return round(sum(w * min(1.0, n / full) for w, n, full in parts if full), 4)


def build_profile(questionnaire, answers: dict, *, experience: Iterable[str] = ()) -> Profile:
    """The profile of clean answers (see `Questionnaire.validate`)."""
    sums: dict[str, list[float]] = {}
    liked: dict[str, list[tuple[float, int, str]]] = {}
    centres: list[int] = []
    labels: dict[int, str] = {}
    constraints: dict[str, str] = {}
    statements = statements_asked = constraints_asked = 0
    for order, question in enumerate(questionnaire.questions):
        value = answers.get(question.id)
        is_constraint = (
            question.kind == QuestionKind.CHOICE and question.dimension in MATCHING_CONSTRAINTS
        )
        statements_asked += question.kind == QuestionKind.SCALE
        constraints_asked += is_constraint
        if value is None:
            continue
        statements += question.kind == QuestionKind.SCALE
        if question.kind == QuestionKind.SCALE and question.max_value:
            ratio = int(value) / question.max_value
            sums.setdefault(question.dimension, []).append(ratio)
            if ratio >= LIKED_THRESHOLD:
                liked.setdefault(question.dimension, []).append((-ratio, order, question.text))
        elif question.kind == QuestionKind.MULTI and question.dimension == Dimension.CENTRE_INTERET:
            for code in value:
                if int(code) not in centres:
                    centres.append(int(code))
                    labels[int(code)] = question.label_of(code)
        elif is_constraint:
            # the situation (who the services are for) never reaches the matching
            constraints[question.dimension] = str(value)
    return Profile(
        riasec={letter: sum(v) / len(v) for letter, v in sums.items()},
        liked={letter: tuple(t for _, _, t in sorted(items)) for letter, items in liked.items()},
        centres=tuple(centres),
        centre_labels=labels,
        constraints=constraints,
        experience=frozenset(experience),
        riasec_reasons={
            letter: info.get("reason", "") for letter, info in questionnaire.riasec.items()
        },
        confidence=confidence_of(
            statements, statements_asked, len(centres), len(constraints), constraints_asked
        ),
    )


# --- outputs ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JobMatch:
    slug: str
    title: str
    rome_codes: tuple[str, ...]
    score: int
    reasons: tuple[str, ...]
    cautions: tuple[str, ...] = ()
    barriers: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    resemblance: int = 0  # the score before the confidence weighting, 0–100

    def as_dict(self) -> dict:
        return {
            "slug": self.slug,
            "title": self.title,
            "rome_codes": list(self.rome_codes),
            "score": self.score,
            "resemblance": self.resemblance,
            "reasons": list(self.reasons),
            "cautions": list(self.cautions),
            "barriers": list(self.barriers),
            "sectors": list(self.sectors),
        }


@dataclass(frozen=True)
class BarrierFound:
    thematique: str
    label: str
    reasons: tuple[str, ...]
    metiers: tuple[str, ...] = ()  # slugs of the proposed jobs it concerns
    tags: tuple[str, ...] = ()  # services carrying one of these tags are shown first

    def as_dict(self) -> dict:
        return {
            "thematique": self.thematique,
            "label": self.label,
            "reasons": list(self.reasons),
            "metiers": list(self.metiers),
            "tags": list(self.tags),
        }


@dataclass(frozen=True)
class Excluded:
    slug: str
    title: str
    reason: str

    def as_dict(self) -> dict:
        return {"slug": self.slug, "title": self.title, "reason": self.reason}


@dataclass(frozen=True)
class Matching:
    results: tuple[JobMatch, ...]
    barriers: tuple[BarrierFound, ...]
    excluded: tuple[Excluded, ...]
    components: tuple[str, ...]  # which parts of the formula the answers allowed
    considered: int
    confidence: float = 1.0
    uncovered: tuple[int, ...] = ()  # wishes no proposed local job answers
    national: tuple[JobMatch, ...] = ()  # national ROME fiches for those wishes

    @property
    def resembles(self) -> bool:
        """Whether the results may be called « qui vous ressemblent » (else « Des pistes à
        explorer »): enough was answered and the best job resembles the answers enough."""
        return (
            self.confidence >= RESEMBLE_CONFIDENCE
            and bool(self.results)
            and self.results[0].score >= RESEMBLE_SCORE
        )

    def summary(self) -> dict:
        return {
            "confidence": self.confidence,
            "resembles": self.resembles,
            "uncovered": list(self.uncovered),
            "national": [r.as_dict() for r in self.national],
        }


# --- constraints --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Effects:
    """What the person's constraints do to one job."""

    excluded: str | None = None
    penalty: int = 0
    cautions: tuple[str, ...] = ()
    barriers: tuple[tuple[str, str], ...] = ()  # (barrier, why)
    entry: str = ""


def training_phrase(months: int | None) -> str:
    return f"une formation financée de {months} mois" if months else "une formation courte financée"


EXCLUDED_NIGHT = "travail de nuit, que vous avez dit impossible pour vous"
EXCLUDED_SHIFT = "travail en équipes ou horaires décalés, que vous avez dit impossibles pour vous"
EXCLUDED_WEEKEND = "travail le week-end, que vous avez dit impossible pour vous"
EXCLUDED_LOADS = (
    "port de charges lourdes, que vous ne pouvez pas faire avec vos contraintes de santé"
)
EXCLUDED_TRAINING_REFUSED = (
    "il faut d'abord une formation, alors que vous voulez travailler tout de suite"
)
EXCLUDED_TRAINING_TOO_LONG = "la formation pour y entrer dure plus que les 6 mois que vous acceptez"


def constraint_effects(
    profile: Profile,
    conditions: frozenset[str],
    entry_level: str | None,
    open_without_diploma: bool,
    short_training_months: int | None,
) -> Effects:
    """The rules of docs/orientation.md § Contraintes, for one job: first the hard limits
    (a stated limit nothing can lift excludes), then penalties, cautions and barriers."""
    excluded = hard_limit(
        profile, conditions, entry_level, open_without_diploma, short_training_months
    )
    if excluded:
        return Effects(excluded=excluded)
    penalty = 0
    cautions: list[str] = []
    barriers: list[tuple[str, str]] = []
    has_shift = bool(conditions & SHIFT_CONDITIONS)
    solution = [
        dimension
        for dimension, found in (
            (Dimension.SHIFT_WORK, conditions & SHIFT_ONLY_CONDITIONS),
            (Dimension.NIGHT_WORK, conditions & NIGHT_CONDITIONS),
        )
        if found and profile.get(dimension) == ShiftWork.AVEC_SOLUTION
    ]
    if solution:
        penalty += PENALTY_SHIFT_WITH_SOLUTION
        cautions.append(
            "Horaires décalés, possibles pour vous avec une solution de garde ou de transport."
        )
    if profile.get(Dimension.CHILDCARE) == YesNo.OUI and has_shift:
        penalty += PENALTY_CHILDCARE_SHIFT
        barriers.append((Barrier.GARDE_ENFANTS, WHY_CHILDCARE_SHIFT))
        cautions.append(
            "Horaires décalés avec des enfants à faire garder : voyez plus bas les solutions de garde."
        )
    if profile.get(Dimension.PHYSICAL_WORK) == YesNo.NON and conditions & PHYSICAL_CONDITIONS:
        penalty += PENALTY_PHYSICAL
        cautions.append(
            "Port de charges lourdes, alors que vous préférez un travail moins physique."
        )
    if profile.get(Dimension.OUTDOOR_WORK) == YesNo.NON and conditions & OUTDOOR_CONDITIONS:
        penalty += PENALTY_OUTDOOR
        cautions.append("Travail en extérieur, alors que vous préférez travailler à l'abri.")
    driving = profile.get(Dimension.DRIVING)
    if driving == Driving.SANS_PERMIS and "permis" in conditions:
        penalty += PENALTY_NO_LICENCE
        barriers.append((Barrier.MOBILITE, WHY_LICENCE))
        cautions.append(
            "Permis de conduire nécessaire : voyez plus bas les aides pour le préparer."
        )
    elif driving in (Driving.SANS_PERMIS, Driving.PERMIS_SANS_VEHICULE) and (
        conditions & SHIFT_OR_NIGHT
    ):
        penalty += PENALTY_NO_CAR_SHIFT
        barriers.append((Barrier.MOBILITE, WHY_NO_CAR_SHIFT))
        cautions.append(
            "Horaires décalés sans voiture : voyez plus bas les solutions de transport."
        )
    if profile.get(Dimension.HEALTH) == YesNo.OUI and conditions & DEMANDING_CONDITIONS:
        cautions.append(
            "Conditions physiques (chaleur, hauteur, charges ou zone nucléaire) : parlez de votre "
            "santé avec un médiateur ou une médiatrice, des aménagements existent."
        )
    level_penalty, entry = _level_effects(
        profile, entry_level, open_without_diploma, short_training_months, cautions, barriers
    )
    return Effects(
        penalty=penalty + level_penalty,
        cautions=tuple(cautions),
        barriers=tuple(barriers),
        entry=entry,
    )


def hard_limit(
    profile: Profile,
    conditions: frozenset[str],
    entry_level: str | None,
    open_without_diploma: bool,
    short_training_months: int | None,
) -> str | None:
    """Why a stated limit that no service can lift rules the job out, or None.

    Nights, shifts or weekends answered « non »; loads refused with a health constraint; an
    entry level above the person's diploma that the training length they accept cannot reach.
    Licence, childcare and transport are never hard limits: services lift them."""
    if profile.get(Dimension.NIGHT_WORK) == YesNo.NON and conditions & NIGHT_CONDITIONS:
        return EXCLUDED_NIGHT
    if profile.get(Dimension.SHIFT_WORK) == ShiftWork.NON and conditions & SHIFT_ONLY_CONDITIONS:
        return EXCLUDED_SHIFT
    if profile.get(Dimension.WEEKEND_WORK) == YesNo.NON and conditions & WEEKEND_CONDITIONS:
        return EXCLUDED_WEEKEND
    if (
        profile.get(Dimension.PHYSICAL_WORK) == YesNo.NON
        and profile.get(Dimension.HEALTH) == YesNo.OUI
        and conditions & HEAVY_CONDITIONS
    ):
        return EXCLUDED_LOADS
    months = training_months_needed(
        profile.get(Dimension.DIPLOMA), entry_level, open_without_diploma, short_training_months
    )
    readiness = profile.get(Dimension.TRAINING_READINESS)
    if months and readiness == TrainingReadiness.NON:
        return EXCLUDED_TRAINING_REFUSED
    if months and readiness == TrainingReadiness.MOINS_6_MOIS and months > SHORT_TRAINING_MONTHS:
        return EXCLUDED_TRAINING_TOO_LONG
    return None


LONG_TRAINING = 12  # months counted for a missing diploma level without a short training


def training_months_needed(
    diploma: str | None, entry_level: str | None, open_without_diploma: bool, months: int | None
) -> int:
    """Months of training before the job for someone with `diploma` (0: none needed or not
    known). A short funded training counts its months (6 when not given); a missing level
    without one counts 12 months per level."""
    if diploma not in LEVEL_RANK or entry_level not in LEVEL_RANK:
        return 0
    gap = LEVEL_RANK[entry_level] - LEVEL_RANK[diploma]
    if gap <= 0:
        return 0
    if open_without_diploma:
        return months or SHORT_TRAINING_MONTHS
    return LONG_TRAINING * gap


def _level_effects(profile, entry_level, open_without_diploma, months, cautions, barriers):
    """(penalty, entry reason) for the diploma; the hard limits were checked before."""
    if entry_level not in LEVEL_RANK:
        return 0, ""
    needed = LEVEL_LABELS[entry_level]
    opening = f"Ouvert sans diplôme après {training_phrase(months)}."
    diploma = profile.get(Dimension.DIPLOMA)
    if entry_level == Diploma.SANS_DIPLOME:
        return 0, "Accessible sans diplôme."
    if diploma is None:
        return 0, opening if open_without_diploma else f"Niveau pour commencer : {needed}."
    gap = LEVEL_RANK[entry_level] - LEVEL_RANK[diploma]
    if gap <= 0:
        return 0, "Votre niveau de diplôme suffit pour commencer."
    if open_without_diploma:
        barriers.append((Barrier.SE_FORMER, "une formation courte ouvre le métier"))
        return 0, opening
    barriers.append((Barrier.SE_FORMER, f"niveau {needed} demandé"))
    cautions.append(
        f"Demande le niveau {needed} : une formation plus longue ou la validation des acquis "
        "de l'expérience (VAE) peut y mener."
    )
    return min(PENALTY_LEVEL_MAX, PENALTY_PER_LEVEL * gap), f"Niveau pour commencer : {needed}."


def profile_barriers(profile: Profile) -> list[tuple[str, str]]:
    """Barriers that concern the person whatever the job."""
    out = []
    if profile.get(Dimension.CHILDCARE) == YesNo.OUI:
        out.append((Barrier.GARDE_ENFANTS, "vous avez des enfants à faire garder"))
    if profile.get(Dimension.HEALTH) == YesNo.OUI:
        out.append((Barrier.SANTE, "vous avez signalé des contraintes de santé"))
    return out


# --- the index ------------------------------------------------------------------------------------
def demand_component(total_jobs: int) -> float:
    """0 without announcement, 1 from DEMAND_REFERENCE announced jobs, logarithmic between."""
    if total_jobs <= 0:
        return 0.0
    return min(1.0, math.log10(1 + total_jobs) / math.log10(1 + DEMAND_REFERENCE))


class CandidateIndex:
    """Candidates with their vectors precomputed once, so that one answer set costs a few
    list lookups and one bit count per job.

    Each row is (signature, centres mask, demand, constraint key, tie rank, position): the
    signature indexes the distinct RIASEC letter sets, the constraint key the distinct
    (conditions, entry level, opening, training months) tuples, the tie rank orders equal
    scores by title then slug.
    """

    def __init__(self, candidates: Sequence[Candidate]):
        self.candidates = tuple(sorted(candidates, key=lambda c: c.slug))
        signatures: dict[tuple, int] = {}
        keys: dict[tuple, int] = {}
        ranks = {
            c.slug: rank
            for rank, c in enumerate(sorted(self.candidates, key=lambda c: (c.title, c.slug)))
        }
        rows = []
        for position, c in enumerate(self.candidates):
            sig = signatures.setdefault(c.riasec, len(signatures))
            mask = 0
            for code in c.centres:
                mask |= 1 << code
            demand = demand_component(sum(p.jobs for p in c.projects))
            key = (c.conditions, c.entry_level, c.open_without_diploma, c.short_training_months)
            rows.append(
                (sig, mask, demand, keys.setdefault(key, len(keys)), ranks[c.slug], position)
            )
        self.signatures = tuple(signatures)  # insertion order: the tuple index is the value
        self.keys = tuple(keys)
        self.rows = tuple(rows)
        self.rows_by_rank = tuple(sorted(rows, key=lambda row: row[4]))
        self.positions = {c.slug: i for i, c in enumerate(self.candidates)}
        self.by_code = {}
        for c in self.candidates:
            for code in c.rome_codes:
                self.by_code.setdefault(code, c)
        # the rows of each centre d'intérêt: the wishes not covered locally read only these
        by_centre: dict[int, list[tuple]] = {}
        for row in self.rows:
            for code in self.candidates[row[5]].centres:
                by_centre.setdefault(code, []).append(row)
        self.by_centre = {code: tuple(rows) for code, rows in by_centre.items()}

    def __len__(self) -> int:
        return len(self.candidates)

    def effects(self, answered: tuple) -> tuple["KeyEffects", list, list]:
        """(effects, penalty, why excluded) of each constraint key for the constraint answers
        `answered` (sorted (dimension, value) pairs). The ranking needs only the penalty and
        whether a hard limit excludes: they are the sum of a part that depends on the
        conditions and a part that depends on the entry level, each computed once per group of
        keys and the few answers it reads (`relevant_dimensions`), and kept across requests.
        The full effects (cautions, barriers) are computed for the jobs shown only."""
        cache = self.__dict__.setdefault("_effects_by_answers", {})
        hit = cache.get(answered)
        if hit is not None:
            return hit
        if "_parts" not in self.__dict__:
            self._parts = _key_parts(self.keys)
        conditions, levels, of_key = self._parts
        given = dict(answered)
        cond = _parts_effects(given, conditions)
        level = _parts_effects(given, levels)
        penalty = []
        excluded = []
        for c, lv in of_key:
            (c_excluded, c_penalty), (l_excluded, l_penalty) = cond[c], level[lv]
            excluded.append(c_excluded or l_excluded)
            penalty.append(c_penalty + l_penalty)
        hit = (KeyEffects(answered, self.keys), penalty, excluded)
        with _EFFECTS_LOCK:  # threads of one worker share the index
            if len(cache) >= EFFECTS_KEPT:
                cache.pop(next(iter(cache)), None)  # the oldest combination goes
            cache[answered] = hit
        return hit


class KeyEffects:
    """The full `Effects` of each constraint key of an index, computed when first read."""

    __slots__ = ("answered", "keys", "_done")

    def __init__(self, answered: tuple, keys: tuple):
        self.answered = answered
        self.keys = keys
        self._done: dict[int, Effects] = {}

    def __getitem__(self, i: int) -> Effects:
        found = self._done.get(i)
        if found is None:
            key = self.keys[i]
            dims = relevant_dimensions(*key)
            answered = tuple(pair for pair in self.answered if pair[0] in dims)
            found = self._done[i] = _effects(answered, key)
        return found

    def __len__(self) -> int:
        return len(self.keys)


# Conditions that some constraint answer acts on; the others (noise, clean room, travel…) never
# change the effects.
ACTED_ON = (
    SHIFT_CONDITIONS
    | HEAVY_CONDITIONS
    | OUTDOOR_CONDITIONS
    | DEMANDING_CONDITIONS
    | frozenset({"permis"})
)


def _parts_effects(given: dict, parts) -> list[tuple[str | None, int]]:
    """The (why excluded, penalty) of each part, the answers read projected once per group."""
    out: list = [None] * parts[1]
    for dims, members in parts[0]:
        answered = tuple((d, given[d]) for d in dims if d in given)
        for i, key in members:
            out[i] = _part_effects(answered, key)
    return out


def _key_parts(keys):
    """Split each constraint key into its conditions part and its entry level part:
    ([(answers read, conditions key)], [(answers read, level key)], [(part, part) per key])."""
    conditions: dict[tuple, int] = {}
    levels: dict[tuple, int] = {}
    of_key = []
    for found, entry_level, opening, months in keys:
        cond_key = (frozenset(found & ACTED_ON), None, False, None)
        level_key = (frozenset(), entry_level, opening, months)
        of_key.append(
            (
                conditions.setdefault(cond_key, len(conditions)),
                levels.setdefault(level_key, len(levels)),
            )
        )

    def grouped(parts: dict) -> tuple:
        """((answers read, ((part number, key), …)), …), number of parts."""
        groups: dict[tuple, list] = {}
        for key, i in parts.items():
            groups.setdefault(relevant_dimensions(*key), []).append((i, key))
        return tuple((dims, tuple(members)) for dims, members in groups.items()), len(parts)

    return grouped(conditions), grouped(levels), of_key


@lru_cache(maxsize=1 << 15)
def _part_effects(answered: tuple, key: tuple) -> tuple[str | None, int]:
    """(why a hard limit excludes, penalty) of one part of a constraint key."""
    effects = constraint_effects(Profile(constraints=dict(answered)), *key)
    return effects.excluded, effects.penalty


EFFECTS_KEPT = 1024
_EFFECTS_LOCK = threading.Lock()


def _interest_by_signature(profile: Profile, signatures) -> list[float]:
    out = []
    for letters in signatures:
        known = [(w, profile.riasec[letter]) for letter, w in letters if letter in profile.riasec]
        total = sum(w for w, _ in known)
        out.append(sum(w * p for w, p in known) / total if total else UNKNOWN_INTEREST)
    return out


def _scored(profile: Profile, index: CandidateIndex, only_mask: int = 0):
    """[(−unbounded score, tie rank, position)] of the candidates no hard limit excludes, and
    the constraint effects of each constraint key. `only_mask`: keep the candidates sharing one
    of these centres d'intérêt."""
    use_interest = bool(profile.riasec)
    use_centres = bool(profile.centres)
    w_interest = WEIGHT_INTEREST if use_interest else 0.0
    w_centres = WEIGHT_CENTRES if use_centres else 0.0
    factor = 100 / (w_interest + w_centres + WEIGHT_DEMAND)
    interest = _interest_by_signature(profile, index.signatures) if use_interest else None
    by_sig = (
        [factor * w_interest * i for i in interest] if interest else [0.0] * len(index.signatures)
    )
    effects, penalty, excluded_key = index.effects(tuple(sorted(profile.constraints.items())))
    demand_factor = factor * WEIGHT_DEMAND
    rows = index.rows
    if only_mask:
        wanted = {code for code in index.by_centre if only_mask >> code & 1}
        if len(wanted) == 1:
            rows = index.by_centre[wanted.pop()]
        else:  # each row once, whatever the number of its centres wanted
            rows = list({row[5]: row for c in wanted for row in index.by_centre[c]}.values())
    # Lower is better: (−score, tie rank, position). One comprehension per case for speed.
    if use_centres:
        person_mask = 0
        for code in profile.centres:
            person_mask |= 1 << code
        centre_factor = factor * w_centres / len(profile.centres)
        scored = [
            (
                penalty[k]
                - by_sig[sig]
                - centre_factor * (mask & person_mask).bit_count()
                - demand_factor * d,
                r,
                p,
            )
            for sig, mask, d, k, r, p in rows
            if not excluded_key[k]
        ]
    else:
        scored = [
            (penalty[k] - by_sig[sig] - demand_factor * d, r, p)
            for sig, _, d, k, r, p in rows
            if not excluded_key[k]
        ]
    if profile.experience:
        bonus = {index.positions[s] for s in profile.experience if s in index.positions}
        scored = [(v - EXPERIENCE_BONUS if p in bonus else v, r, p) for v, r, p in scored]
    return scored, effects, excluded_key


@lru_cache(maxsize=4096)
def relevant_dimensions(
    conditions: frozenset[str],
    entry_level: str | None,
    open_without_diploma: bool = False,
    short_training_months: int | None = None,
) -> tuple[str, ...]:
    """The constraint answers that `constraint_effects` reads for a job with these conditions
    and entry level (in a fixed order): the others cannot change its effects (tested)."""
    dims: set[str] = set()
    if conditions & NIGHT_CONDITIONS:
        dims.add(Dimension.NIGHT_WORK)
    if conditions & SHIFT_ONLY_CONDITIONS:
        dims.add(Dimension.SHIFT_WORK)
    if conditions & WEEKEND_CONDITIONS:
        dims.add(Dimension.WEEKEND_WORK)
    if conditions & SHIFT_CONDITIONS:
        dims.add(Dimension.CHILDCARE)
    if conditions & HEAVY_CONDITIONS:
        dims |= {Dimension.PHYSICAL_WORK, Dimension.HEALTH}
    if conditions & OUTDOOR_CONDITIONS:
        dims.add(Dimension.OUTDOOR_WORK)
    if "permis" in conditions or conditions & SHIFT_OR_NIGHT:
        dims.add(Dimension.DRIVING)
    if conditions & DEMANDING_CONDITIONS:
        dims.add(Dimension.HEALTH)
    if entry_level in LEVEL_RANK:
        dims |= {Dimension.DIPLOMA, Dimension.TRAINING_READINESS}
    return tuple(sorted(str(d) for d in dims))


@lru_cache(maxsize=1 << 16)
def _effects(answered: tuple, key: tuple) -> Effects:
    """The constraint effects of one (conditions, entry level, opening, months) key for the
    constraint answers `answered`: they depend on nothing else, so they are computed once."""
    return constraint_effects(Profile(constraints=dict(answered)), *key)


def shown_score(raw: float, confidence: float) -> int:
    """The score shown: the resemblance bounded to 0–100, times 0.4 + 0.6 × confidence."""
    bounded = max(0.0, min(100.0, raw))
    return int(round(bounded * (CONFIDENCE_FLOOR + (1 - CONFIDENCE_FLOOR) * confidence)))


def match(
    profile: Profile,
    index: CandidateIndex,
    *,
    limit: int = DEFAULT_LIMIT,
    national: CandidateIndex | None = None,
) -> Matching:
    """Score every candidate that no hard limit excludes, keep the `limit` best (equal scores:
    title, then slug), explain them. Scores are computed unbounded, then shown bounded to 0–100
    and weighed by how much was answered. `national`: the ROME fiches offered for the wishes
    that no proposed local job answers."""
    scored, effects, excluded_key = _scored(profile, index)
    best = heapq.nsmallest(limit, scored)
    candidates = index.candidates
    rows = index.rows
    used: dict[str, int] = {}
    results = [
        _explain(
            profile,
            candidates[p],
            -v,
            effects[rows[p][3]],
            used,
        )
        for v, _, p in best
    ]
    excluded = ()
    if any(excluded_key):
        excluded = tuple(
            Excluded(candidates[p].slug, candidates[p].title, excluded_key[k])
            for _, _, _, k, _, p in index.rows_by_rank
            if excluded_key[k]
        )
    components = tuple(
        name
        for name, used_ in (
            ("interets", bool(profile.riasec)),
            ("centres_interet", bool(profile.centres)),
        )
        if used_
    ) + ("recrutements",)
    covered = {code for _, _, p in best for code in candidates[p].centres}
    uncovered = tuple(code for code in profile.centres if code not in covered)
    return Matching(
        results=tuple(results),
        barriers=_collect_barriers(profile, results, [effects[rows[p][3]] for _, _, p in best]),
        excluded=excluded,
        components=components,
        considered=len(index),
        confidence=profile.confidence,
        uncovered=uncovered,
        national=national_for(profile, national, uncovered, index) if national else (),
    )


def national_for(profile, national: CandidateIndex, uncovered, local: CandidateIndex):
    """The best national ROME fiches for the wishes not answered locally (fiches that a local
    sheet already carries left out), hard limits applied as for local jobs."""
    if not uncovered:
        return ()
    mask = 0
    for code in uncovered:
        mask |= 1 << code
    local_codes = local.by_code  # the ROME codes a local sheet carries
    scored, effects, _ = _scored(profile, national, only_mask=mask)
    candidates = national.candidates
    scored = [row for row in scored if candidates[row[2]].rome_codes[0] not in local_codes]
    used: dict[str, int] = {}
    return tuple(
        _explain(
            profile,
            candidates[p],
            -v,
            effects[national.rows[p][3]],
            used,
        )
        for v, _, p in heapq.nsmallest(NATIONAL_LIMIT, scored)
    )


# --- explanations ---------------------------------------------------------------------------------
def _quote(texts: Iterable[str]) -> str:
    return ", ".join(f"« {t[:1].lower() + t[1:]} »" for t in texts)


def _interest_sentences(profile: Profile, candidate: Candidate) -> list[str]:
    """The interest sentences that fit the job, best first: its letters by weight × liking,
    each quoting the person's best-rated statements of that letter (then other pairs of them)."""
    letters = []
    for letter, weight in candidate.riasec:
        liking = profile.riasec.get(letter)
        if liking is None or liking < REASON_THRESHOLD or not profile.liked.get(letter):
            continue
        letters.append((-weight * liking, "RIASEC".index(letter), letter))
    out = []
    for _, _, letter in sorted(letters):
        lead = profile.riasec_reasons.get(letter) or "Vous aimez"
        liked = profile.liked[letter]
        n = len(liked)
        pairs = [liked[:2]] + [
            (liked[i], liked[j]) for i, j in ((0, 2), (1, 2), (2, 3), (3, 4)) if j < n
        ]
        pairs += [(text,) for text in liked[1:]] if n > 1 else []
        for pair in pairs:
            sentence = f"{lead} : {_quote(pair)}."
            if sentence not in out:
                out.append(sentence)
    return out


def _interest_reason(profile: Profile, candidate: Candidate, used: dict | None = None):
    """The first interest sentence not already given for MAX_SAME_REASON better jobs."""
    sentences = [s for s in _interest_sentences(profile, candidate) if s]
    if not sentences:
        return None
    used = {} if used is None else used
    for sentence in sentences:
        if used.get(sentence, 0) < MAX_SAME_REASON:
            used[sentence] = used.get(sentence, 0) + 1
            return sentence
    return None


def _centres_reason(profile: Profile, candidate: Candidate) -> str | None:
    shared = [code for code in profile.centres if code in candidate.centres]
    if not shared:
        return None
    labels = [f"« {profile.centre_labels.get(code, code)} »" for code in shared[:2]]
    if len(labels) == 1:
        return f"Répond à votre envie {labels[0]}."
    return f"Répond à vos envies {labels[0]} et {labels[1]}."


def _demand_reason(candidate: Candidate) -> str | None:
    if not candidate.projects:
        return None
    text = candidate.projects[0].sentence()
    others = len(candidate.projects) - 1
    if others:
        text += f" ; {others} autre{'s' if others > 1 else ''} projet{'s' if others > 1 else ''} "
        text += "recrute" + ("nt" if others > 1 else "") + " aussi ce métier"
    return text + "."


def _explain(
    profile: Profile,
    candidate: Candidate,
    raw: float,
    effects: Effects,
    used: dict | None = None,
) -> JobMatch:
    """Reasons in the person's own words: the wish met first (the most specific), then the
    interests (varied across jobs), experience, recruitment and access."""
    reasons = [
        r
        for r in (
            _centres_reason(profile, candidate),
            _interest_reason(profile, candidate, used),
            "Proche d'un métier que vous avez déjà fait."
            if candidate.slug in profile.experience
            else None,
            _demand_reason(candidate),
            effects.entry or None,
        )
        if r
    ]
    if len(reasons) < 2 and candidate.sector_names:
        reasons.append(f"Un métier du secteur « {candidate.sector_names[0]} ».")
    return JobMatch(
        slug=candidate.slug,
        title=candidate.title,
        rome_codes=candidate.rome_codes,
        score=shown_score(raw, profile.confidence),
        resemblance=int(round(max(0.0, min(100.0, raw)))),
        reasons=tuple(reasons[:MAX_REASONS]),
        cautions=effects.cautions,
        barriers=tuple(dict.fromkeys(str(b) for b, _ in effects.barriers)),
        sectors=candidate.sectors,
    )


def _collect_barriers(profile, results, result_effects) -> tuple[BarrierFound, ...]:
    why: dict[str, list[str]] = {}
    jobs: dict[str, list[str]] = {}
    for barrier, reason in profile_barriers(profile):
        why.setdefault(str(barrier), []).append(reason)
        jobs.setdefault(str(barrier), [])
    for result, effects in zip(results, result_effects, strict=True):
        for barrier, reason in effects.barriers:
            barrier = str(barrier)
            why.setdefault(barrier, [])
            if reason not in why[barrier]:
                why[barrier].append(reason)
            jobs.setdefault(barrier, [])
            if result.slug not in jobs[barrier]:
                jobs[barrier].append(result.slug)
    order = list(Barrier.values)
    return tuple(
        BarrierFound(
            thematique=barrier,
            label=str(Barrier(barrier).label),
            reasons=tuple(why[barrier]),
            metiers=tuple(jobs[barrier]),
            tags=tuple(dict.fromkeys(t for r in why[barrier] for t in REASON_TAGS.get(r, ()))),
        )
        for barrier in sorted(why, key=order.index)
    )


# --- trainings suggested --------------------------------------------------------------------------
# A training's duration as the pack writes it (« 2 ans », « environ 8 à 10 mois », « quelques
# semaines à 2 mois », « 6 mois à 1 an ») → the months it may last, low and high.
_DURATION = re.compile(
    r"(\d+(?:[.,]\d+)?)(?:\s*(?:à|a|-|–)\s*(\d+(?:[.,]\d+)?))?\s*"
    r"(jours?|semaines?|mois|ans?|années?)\b"
)
_MONTHS_PER = {"jour": 1 / 30, "semaine": 0.25, "moi": 1.0, "an": 12.0, "année": 12.0}
# Vague words: (low, high) in months; None for a high bound nobody can tell.
_VAGUE = {
    "quelques jours": (0.0, 1.0),
    "quelques semaines": (0.25, 2.0),
    "quelques mois": (1.0, None),
    "plusieurs mois": (1.0, None),
}


def training_months(duration: str | None) -> tuple[float, float] | None:
    """(low, high) months of a training's duration text, or None when it cannot be told
    (« variable », « quelques mois »). Figures win over vague words: « plusieurs mois (environ
    6 à 9 mois) » → (6, 9); alternatives widen the range: « 2 ans (ou 1 an pour les adultes) »
    → (12, 24)."""
    text = (duration or "").lower()
    found: list[float] = []
    for low, high, unit in _DURATION.findall(text):
        per = _MONTHS_PER[unit.rstrip("s")]
        found.append(float(low.replace(",", ".")) * per)
        if high:
            found.append(float(high.replace(",", ".")) * per)
    if found:
        return min(found), max(found)
    ranges = [bounds for words, bounds in _VAGUE.items() if words in text]
    if not ranges or any(high is None for _, high in ranges):
        return None
    return min(low for low, _ in ranges), max(high for _, high in ranges)


def training_fits(level: str | None, profile: Profile, duration: str | None = None) -> bool:
    """Whether a training leading to `level` and lasting `duration` suits the person: none when
    they want to work at once; under 6 months, a training whose duration is known must last 6
    months at most (and lead at most two levels above their diploma), one whose duration
    cannot be told up to their own level (or a CAP); two levels up when longer is fine. Without
    a diploma answer the level sets no limit."""
    readiness = profile.get(Dimension.TRAINING_READINESS)
    if readiness == TrainingReadiness.NON:
        return False
    months = training_months(duration) if readiness == TrainingReadiness.MOINS_6_MOIS else None
    if months is not None and months[1] > SHORT_TRAINING_MONTHS:
        return False
    diploma = profile.get(Dimension.DIPLOMA)
    if not level or level not in LEVEL_RANK or diploma not in LEVEL_RANK:
        return True
    own = LEVEL_RANK[diploma]
    if readiness == TrainingReadiness.MOINS_6_MOIS and months is None:
        reach = max(own, LEVEL_RANK[Diploma.CAP_BEP])
    else:
        reach = own + 2
    return LEVEL_RANK[level] <= reach
