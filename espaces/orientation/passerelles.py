"""Bridges (« passerelles ») from a person's experience (docs/orientation.md § Passerelles).

Pure functions over plain data, no database: `AppellationIndex` recognises past jobs typed as
free text among the ROME appellations (partial words, feminine forms, typos), `RomeGraph` holds
each fiche's skills and mobilities, `bridges` ranks the jobs reachable from a past job through
ROME mobilities and shared skills, with what the person already knows and what is left to learn.
"""

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from unidecode import unidecode

MAX_ITEMS = 5  # past jobs read from one text
BRIDGES_PER_JOB = 5
MAX_BRIDGES = 10
SKILLS_SHOWN = 6
PREFIX_MIN = 5  # a shared beginning of 5 letters or more …
PREFIX_SHARE = 0.75  # … covering 75 % of the shorter word: « caissière » ~ « caissier »
TYPO_CUTOFF = 85  # rapidfuzz ratio for a typo: « opérateur » ~ « opératuer »
SIMILAR_PREFIX = 0.9
SIMILAR_TYPO = 0.8
MATCH_SHARE = 0.5  # at least half of the weight of the words typed must be found
EXTRA_WORD_COST = 0.05  # each word of the appellation not typed lowers it slightly
SHORTLIST = 60  # appellations compared word by word, the best-covered first
MOBILITY_BONUS = 0.3  # a ROME mobility counts as this much shared skill share
LOCAL_BONUS = 0.1  # a target with a local sheet comes first among equals
# Targets kept per fiche, best first: the 60 a bridge resolves (BRIDGES_PER_JOB × 12), and room
# for the other past jobs and specialties typed, left out of each other's bridges.
RANKED_KEPT = BRIDGES_PER_JOB * 12 + 2 * MAX_ITEMS

# Words that say nothing of the job: articles, and the words around a diploma or a period.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ai",
        "an",
        "ans",
        "annee",
        "annees",
        "apprenti",
        "apprentie",
        "apprentissage",
        "alternance",
        "bac",
        "bep",
        "bts",
        "but",
        "cap",
        "chez",
        "comme",
        "d",
        "dans",
        "de",
        "des",
        "diplome",
        "du",
        "dut",
        "en",
        "et",
        "ete",
        "etais",
        "experience",
        "fait",
        "fais",
        "formation",
        "j",
        "je",
        "l",
        "la",
        "le",
        "les",
        "licence",
        "master",
        "mois",
        "ou",
        "par",
        "pendant",
        "pour",
        "pro",
        "professionnel",
        "professionnelle",
        "sur",
        "stage",
        "stagiaire",
        "travaille",
        "un",
        "une",
    ]
)
SEPARATORS = re.compile(r"[,;\n/]+|\bet\b|\bpuis\b")
EVERYDAY_FILE = Path(__file__).resolve().parents[2] / "data" / "search" / "metiers-courants.yaml"


def words(text: str) -> list[str]:
    """Lower-case words without accents, stop words and one-letter words."""
    out = []
    for word in re.split(r"[^a-z0-9]+", unidecode(text or "").lower()):
        if len(word) > 1 and word not in STOP_WORDS:
            out.append(word)
    return out


def split_items(text: str) -> list[str]:
    """« caissière, opérateur de laminoir et cariste » → the 3 jobs typed (5 at most)."""
    items = [part.strip() for part in SEPARATORS.split(unidecode(text or "").lower())]
    return [item for item in items if words(item)][:MAX_ITEMS]


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


@dataclass(frozen=True)
class EverydayForms:
    """How people name jobs → the words of the ROME (data/search/metiers-courants.yaml), as
    word tuples: `words` anywhere, `phrases` (a run of words) anywhere, `alone` only when
    they are the whole job typed. Applied longest phrase first, then word by word."""

    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    alone: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> "EverydayForms":
        def table(name: str) -> dict[tuple[str, ...], tuple[str, ...]]:
            out = {}
            for typed, meant in (data.get(name) or {}).items():
                key = tuple(words(str(typed)))
                if key:
                    out[key] = tuple(words(str(meant or "")))
            return out

        return cls(
            words={key[0]: value for key, value in table("mots").items() if len(key) == 1},
            phrases=table("expressions"),
            alone=table("seuls"),
        )

    def rewrite(self, typed: list[str]) -> list[str]:
        """The words typed, in the ROME's words."""
        key = tuple(typed)
        if key in self.alone:
            return list(self.alone[key])
        out: list[str] = []
        longest = max((len(p) for p in self.phrases), default=0)
        i = 0
        while i < len(typed):
            for size in range(min(longest, len(typed) - i), 0, -1):
                meant = self.phrases.get(tuple(typed[i : i + size]))
                if meant is not None:
                    out += meant
                    i += size
                    break
            else:
                out += self.words.get(typed[i], (typed[i],))
                i += 1
        key = tuple(out)
        return list(self.alone.get(key, out))


@lru_cache(maxsize=1)
def everyday_forms() -> EverydayForms:
    """The table of data/search/metiers-courants.yaml (read once per process)."""
    import yaml

    return EverydayForms.from_data(yaml.safe_load(EVERYDAY_FILE.read_text(encoding="utf-8")) or {})


@dataclass(frozen=True)
class Recognised:
    rome_code: str
    title: str  # the fiche's label
    appellation: str  # the appellation recognised
    typed: str

    def as_dict(self) -> dict:
        """The appellation recognised is the title the person recognises (« Opérateur /
        Opératrice de laminoir »), the fiche's label comes apart."""
        return {"rome_code": self.rome_code, "title": self.appellation, "fiche": self.title}


class AppellationIndex:
    """The ROME appellations (and fiche labels) by word, to recognise jobs typed freely."""

    def __init__(
        self,
        entries: Iterable[tuple[str, str]],
        titles: dict[str, str],
        forms: EverydayForms | None = None,
    ):
        """`entries`: (ROME code, appellation label); `titles`: code → fiche label; `forms`:
        how people name jobs (default: data/search/metiers-courants.yaml)."""
        self.forms = everyday_forms() if forms is None else forms
        self.titles = dict(titles)
        rows = sorted(set(entries) | {(code, label) for code, label in self.titles.items()})
        self.entries: list[tuple[str, str, frozenset[str]]] = []
        by_word: dict[str, list[int]] = {}
        for code, label in rows:
            tokens = frozenset(words(label))
            if not tokens:
                continue
            position = len(self.entries)
            self.entries.append((code, label, tokens))
            for token in tokens:
                by_word.setdefault(token, []).append(position)
        self.by_word = by_word
        self.vocabulary = sorted(by_word)
        total = len(self.entries) or 1
        # rarer words say more: « laminoir » more than « agent »
        self.weight = {w: 1.0 + (total / len(ids)) ** 0.25 / 4 for w, ids in by_word.items()}
        self._similar = lru_cache(maxsize=4096)(self._similar_uncached)

    def __len__(self) -> int:
        return len(self.entries)

    def _similar_uncached(self, word: str) -> tuple[tuple[str, float], ...]:
        """Words of the vocabulary close to `word`: itself, a shared beginning, a typo."""
        found: dict[str, float] = {}
        if word in self.by_word:
            found[word] = 1.0
        if len(word) >= PREFIX_MIN:
            stem = word[:PREFIX_MIN]
            start = bisect.bisect_left(self.vocabulary, stem)
            for other in self.vocabulary[start:]:
                if not other.startswith(stem):
                    break
                shared = _common_prefix(word, other)
                if other != word and shared >= PREFIX_SHARE * min(len(word), len(other)):
                    found.setdefault(other, SIMILAR_PREFIX)
            if not found:  # a typo only when the word is found neither whole nor as a stem
                for other, _, _ in process.extract(
                    word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=8
                ):
                    found.setdefault(other, SIMILAR_TYPO)
        return tuple(sorted(found.items()))

    def recognise_one(self, typed: str) -> Recognised | None:
        """The appellation closest to one job typed, or None when too few words match."""
        query = list(dict.fromkeys(self.forms.rewrite(words(typed))))
        if not query:
            return None
        weights = {q: self.weight.get(q, 1.5) for q in query}
        total = sum(weights.values())
        best: dict[int, dict[str, tuple[float, str]]] = {}
        for q in query:
            for other, similarity in self._similar(q):
                for position in self.by_word[other]:
                    matched = best.setdefault(position, {})
                    if similarity > matched.get(q, (0.0, ""))[0]:
                        matched[q] = (similarity, other)
        gains = []
        for position, matched in best.items():
            gained = sum(weights[q] * sim for q, (sim, _) in matched.items())
            if gained >= MATCH_SHARE * total:
                gains.append((-gained, position))
        ranked = []
        for negative, position in sorted(gains)[:SHORTLIST]:
            code, label, tokens = self.entries[position]
            used = {other for _, other in best[position].values()}
            extra = sum(
                1
                for token in tokens
                if token not in used
                and not any(
                    _common_prefix(token, u) >= PREFIX_SHARE * min(len(token), len(u)) for u in used
                )
            )
            ranked.append((negative / total + EXTRA_WORD_COST * extra, len(label), label, code))
        if not ranked:
            return None
        _, _, label, code = min(ranked)
        return Recognised(code, self.titles.get(code, label), label, typed)

    def recognise(self, text: str) -> list[Recognised]:
        """The ROME fiches of the jobs typed (one per item, in the order typed, no repeat)."""
        out: list[Recognised] = []
        for item in split_items(text):
            found = self.recognise_one(item)
            if found and found.rome_code not in {r.rome_code for r in out}:
                out.append(found)
        return out


@dataclass(frozen=True)
class Target:
    """Where a bridge leads: a local sheet (kind « metier ») or a national fiche (« rome »)."""

    kind: str
    key: str  # the sheet's slug or the ROME code
    title: str
    rome_codes: tuple[str, ...]
    url: str = ""
    learn_with: tuple[dict, ...] = ()  # local trainings that teach what is missing


@dataclass
class RomeGraph:
    """Each fiche's skills (OGR codes, core ones first) and mobilities, for the bridges."""

    titles: dict[str, str]
    skills: dict[str, tuple[str, ...]]  # code → skill codes, core ones first
    mobilities: dict[str, tuple[str, ...]]  # code → target codes, closest first
    skill_labels: dict[str, str]
    core: dict[str, frozenset[str]] = field(default_factory=dict)  # code → core skill codes
    by_skill: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False)

    def __post_init__(self):
        by_skill: dict[str, list[str]] = {}
        for code in sorted(self.skills):
            for skill in self.skills[code]:
                by_skill.setdefault(skill, []).append(code)
        self.by_skill = {skill: tuple(codes) for skill, codes in by_skill.items()}
        self.skill_sets = {code: frozenset(s) for code, s in self.skills.items()}
        self.sizes = {code: len(s) for code, s in self.skill_sets.items()}
        # the fiche's skills, core ones first, then in the fiche's order (stable sort)
        self.core_first = {}
        for code, skills in self.skills.items():
            core = self.core.get(code, frozenset())
            self.core_first[code] = tuple(s for s in skills if s in core) + tuple(
                s for s in skills if s not in core
            )
        self._ranked: dict[str, tuple[tuple[float, str], ...]] = {}
        self._labels: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def prepare(self) -> "RomeGraph":
        """Rank the targets of every fiche now (about 0.5 s for the 1 584 fiches) rather than
        at the first request that needs them."""
        for code in self.skill_sets:
            self.ranked_targets(code)
        return self

    def ranked_targets(self, code: str, keep: int = 0) -> tuple[tuple[float, str], ...]:
        """The fiches reachable from `code`, best first, as (−score, code): the share of their
        skills `code` has, + MOBILITY_BONUS for a ROME mobility (more for the closest), never
        one with nothing shared or nothing to learn; RANKED_KEPT at most. It depends on the
        referential only: computed once per code and process (the graph is rebuilt when the
        referential changes). `keep`: more than RANKED_KEPT, not kept."""
        hit = self._ranked.get(code) if keep <= RANKED_KEPT else None
        if hit is not None:
            return hit
        own = self.skill_sets.get(code, frozenset())
        counts: Counter[str] = Counter()
        for skill in own:
            counts.update(self.by_skill.get(skill, ()))
        mobility = self.mobilities.get(code, ())
        closeness = {other: 1 - i / (len(mobility) + 1) for i, other in enumerate(mobility)}
        sizes = self.sizes
        ranked = tuple(
            heapq.nsmallest(
                max(keep, RANKED_KEPT),
                (
                    (-(shared / sizes[other] + MOBILITY_BONUS * closeness.get(other, 0.0)), other)
                    for other, shared in counts.items()
                    if other != code and 0 < shared < sizes.get(other, 0)
                ),
            )
        )
        if keep <= RANKED_KEPT:
            self._ranked[code] = ranked
        return ranked

    def skills_between(self, code: str, other: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(labels of the skills of `other` that `code` has, labels of those it lacks), the
        core skills of `other` first, SKILLS_SHOWN each at most; computed once per pair."""
        key = (code, other)
        hit = self._labels.get(key)
        if hit is None:
            own = self.skill_sets.get(code, frozenset())
            theirs = self.skill_sets.get(other, frozenset())
            hit = (_labels(self, other, theirs & own), _labels(self, other, theirs - own))
            self._labels[key] = hit
        return hit


@dataclass(frozen=True)
class Bridge:
    source: Recognised
    target: Target
    shared: tuple[str, ...]
    missing: tuple[str, ...]
    mobility: bool
    score: float

    def as_dict(self) -> dict:
        t = self.target
        return {
            "from": self.source.as_dict(),
            "to": {
                "kind": t.kind,
                ("slug" if t.kind == "metier" else "code"): t.key,
                "title": t.title,
                "rome_codes": list(t.rome_codes),
                "url": t.url,
            },
            "shared_skills": list(self.shared),
            "missing_skills": list(self.missing),
            "mobility": self.mobility,
            "learn_with": [dict(x) for x in t.learn_with],
        }


def _labels(graph: RomeGraph, code: str, skills: Iterable[str]) -> tuple[str, ...]:
    """Up to SKILLS_SHOWN labels, the fiche's core skills first, then in the fiche's order."""
    wanted = skills if isinstance(skills, (set, frozenset)) else set(skills)
    out: list[str] = []
    for skill in graph.core_first.get(code, ()):
        if skill not in wanted:
            continue
        label = graph.skill_labels.get(skill)
        if label and label not in out:
            out.append(label)
            if len(out) == SKILLS_SHOWN:
                break
    return tuple(out)


def bridges_from(
    source: Recognised,
    graph: RomeGraph,
    target_of,
    *,
    limit: int = BRIDGES_PER_JOB,
    skip: Sequence[str] = (),
) -> list[Bridge]:
    """The jobs reachable from `source`: its ROME mobilities and the fiches sharing most of
    their skills with it, ranked by share of the target's skills already known (+ a bonus for
    a mobility and for a local sheet). `target_of(code)` → a Target, or None when the target
    is ruled out (a hard limit of the person). Both skill lists are never empty."""
    code = source.rome_code
    if not graph.skill_sets.get(code):
        return []
    excluded = set(skip) | {code}
    wanted = limit * 12
    kept = graph.ranked_targets(code, wanted + len(excluded))
    ranked = [row for row in kept if row[1] not in excluded][:wanted]
    mobility = graph.mobilities.get(code, ())
    ranked = [(-negative, other) for negative, other in ranked]
    out: list[Bridge] = []
    seen: set[str] = set()
    for score, other in ranked:
        target = target_of(other)
        if target is None or target.key in seen:
            continue
        if target.kind == "metier":
            score += LOCAL_BONUS
        shared, missing = graph.skills_between(code, other)
        seen.add(target.key)
        out.append(
            Bridge(
                source=source,
                target=target,
                shared=shared,
                missing=missing,
                mobility=other in mobility,
                score=round(score, 4),
            )
        )
        if len(out) >= limit * 2:
            break
    out.sort(key=lambda b: (-b.score, b.target.title, b.target.key))
    return out[:limit]


def bridges(
    recognised: Sequence[Recognised], graph: RomeGraph, target_of, *, limit: int = MAX_BRIDGES
) -> list[Bridge]:
    """The bridges of every past job recognised, the first past job first."""
    out: list[Bridge] = []
    done = {r.rome_code for r in recognised}
    for source in recognised:
        out += bridges_from(source, graph, target_of, skip=tuple(done))
    return out[:limit]
