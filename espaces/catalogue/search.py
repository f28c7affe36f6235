"""A forgiving full-text search for job sheets and ROME appellations, in memory.

Text is folded to lowercase ASCII (unidecode), cut into words and each word is indexed at
three levels: the word itself, its Snowball French stem (PyStemmer) and a shorter "root" that
also strips the derivational suffixes Snowball keeps (soudure, souder, soudeur → « soud »).
A query word matches a document word exactly, by stem, by root, as the beginning of a longer
word, or — for words of five letters or more — with one typo (Levenshtein distance ≤ 1,
rapidfuzz). Each field has a weight (title > keywords > ROME appellations > sectors >
summary); documents matching every query word rank above those matching only some.
docs/catalogue.md describes the ranking in full.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import Stemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from espaces.ops import memory

from . import synonyms

# Words that carry no meaning in a job search (folded, without accents).
STOPWORDS = frozenset(
    """a au aux avec c ce ces d dans de des du en et est etre il ils j je l la le les leur
    m ma mes mon n ne nous on ou par pas pour qu que qui s sa se ses son sur t ta te tu un une
    vos votre vous y cherche chercher devenir veux voudrais aimerais faire metier metiers
    emploi emplois job jobs boulot travailler""".split()  # noqa: SIM905
)

# How much a match is worth, by kind of match (multiplied by the field weight).
EXACT, STEM, ROOT, PREFIX, FUZZY = 1.0, 0.85, 0.65, 0.55, 0.5
FUZZY_2 = 0.4  # two typos, for words of MIN_FUZZY_2_LENGTH letters or more
SYNONYM = 0.8  # a synonym of the data file (synonyms.py) counts a little less than the word
# A word found in several fields counts its best field fully and the others a quarter.
OTHER_FIELDS = 0.25
PHRASE_BONUS = 3.0
MIN_FUZZY_LENGTH = 5
MIN_FUZZY_2_LENGTH = 10
# Relevance floor: a result must score at least this, and this share of the best result
# (PARTIAL_SHARE when it misses query words that the best result matches): no filler.
MIN_SCORE = 1.0
MIN_SHARE = 0.1
PARTIAL_SHARE = 0.5
CLOSEST_MIN_SCORE = 70  # rapidfuzz WRatio (0–100) of a title offered when nothing matched
MIN_PREFIX_LENGTH = 4
MAX_PREFIX_EXPANSIONS = 40
MIN_ROOT_LENGTH = 4

# Derivational and inflectional endings removed to find a word's root, longest first.
_SUFFIXES = sorted(
    """issements issement ements ement ations ation ateurs atrices ateur atrice itions ition
    ions ion euses euse eurs eur rices rice ieres iere iers ier iennes ienne iens ien istes
    iste ismes isme eries erie ages age ures ure ites ite aires aire ees ee es er ir re e s
    x""".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)
_WORD = re.compile(r"[a-z0-9]+")
_VOWELS = set("aeiouy")
_local = threading.local()


def fold(text: str) -> str:
    """Lowercase ASCII: « Électricienne » → « electricienne »."""
    return unidecode(text or "").lower()


def words(text: str, *, keep_stopwords: bool = False) -> list[str]:
    found = _WORD.findall(fold(text))
    if keep_stopwords:
        return found
    return [w for w in found if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # PyStemmer objects are not thread-safe: one per thread.
        stemmer = _local.stemmer = Stemmer.Stemmer("french")
    return stemmer.stemWord(word)


@functools.lru_cache(maxsize=200_000)
def root(word: str) -> str:
    """A coarser stem joining a noun, its verb and its agent (soudure/souder/soudeur)."""
    if word.endswith(("uire", "uite")):  # conduire, conduite ~ conducteur
        return word[:-3]
    for _ in range(2):  # manutentionnaire → manutention → manutent
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ROOT_LENGTH:
                word = word[: -len(suffix)]
                break
        else:
            break
        if len(word) > MIN_ROOT_LENGTH and word[-1] == word[-2] and word[-1] not in _VOWELS:
            word = word[:-1]  # chaudronn(ier) → chaudron
    if word.endswith("uct"):  # conduct(eur), product(ion) → condu, produ
        word = word[:-2]
    if word.endswith("qu"):  # logistiqu(e) ~ logistic(ien), mecaniqu(e) ~ mecanic(ien)
        word = word[:-2] + "c"
    return word


@dataclass
class Document:
    """Something to find: `fields` maps a field name to its texts."""

    key: object
    title: str
    fields: dict[str, list[str]]
    prior: float = 0.0  # small boost in [0, 1), e.g. how much the job recruits


@dataclass(frozen=True)
class Hit:
    key: object
    score: float
    matched: int  # query words matched
    terms: int  # query words


@dataclass
class _Postings:
    exact: dict = field(default_factory=lambda: defaultdict(dict))
    stem: dict = field(default_factory=lambda: defaultdict(dict))
    root: dict = field(default_factory=lambda: defaultdict(dict))


def _combine(weights: list[float]) -> float:
    best = max(weights)
    return best + OTHER_FIELDS * (sum(weights) - best)


class SearchIndex:
    def __init__(self, documents: Iterable[Document], weights: dict[str, float]):
        self.documents: list[Document] = list(documents)
        self.weights = weights
        collected = {
            "exact": defaultdict(dict),
            "stem": defaultdict(dict),
            "root": defaultdict(dict),
        }
        self.phrases: list[str] = []
        vocabulary: set[str] = set()
        for index, doc in enumerate(self.documents):
            per_level: dict[str, dict[str, dict[str, float]]] = {k: {} for k in collected}
            phrase_parts = []
            for name, texts in doc.fields.items():
                weight = weights.get(name, 1.0)
                for text in texts:
                    tokens = words(text)
                    if weight >= weights.get("phrase_min", 0):
                        phrase_parts.append(" ".join(tokens))
                    for token in tokens:
                        vocabulary.add(token)
                        for level, value in (
                            ("exact", token),
                            ("stem", stem(token)),
                            ("root", root(token)),
                        ):
                            fields = per_level[level].setdefault(value, {})
                            fields[name] = max(fields.get(name, 0.0), weight)
            for level, values in per_level.items():
                for value, fields in values.items():
                    collected[level][value][index] = _combine(list(fields.values()))
            self.phrases.append(" | ".join(phrase_parts))
        self.postings = _Postings(**{k: dict(v) for k, v in collected.items()})
        self.vocabulary = sorted(vocabulary)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in self.vocabulary:
            self._by_length[len(word)].append(word)
        self._titles = [fold(d.title) for d in self.documents]
        self._title_lengths = [len(t) for t in self._titles]
        self._alpha_rank = [0] * len(self._titles)
        for rank, doc in enumerate(sorted(range(len(self._titles)), key=self._titles.__getitem__)):
            self._alpha_rank[doc] = rank
        self._term_cache: dict[str, dict[int, float]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.documents)

    # --- matching one query word ----------------------------------------------------------
    def _fuzzy_words(self, term: str) -> list[tuple[str, int]]:
        """Index words one typo away (two for long words), with their distance."""
        if len(term) < MIN_FUZZY_LENGTH or not term.isalpha():  # no typo on codes
            return []
        most = 2 if len(term) >= MIN_FUZZY_2_LENGTH else 1
        candidates = []
        for length in range(len(term) - most, len(term) + most + 1):
            candidates += self._by_length.get(length, [])
        matches = process.extract(
            term, candidates, scorer=Levenshtein.distance, score_cutoff=most, limit=None
        )
        return [(word, distance) for word, distance, _ in matches if 0 < distance <= most]

    def _prefix_words(self, term: str) -> list[str]:
        if len(term) < MIN_PREFIX_LENGTH:
            return []
        start = bisect.bisect_right(self.vocabulary, term)
        found = []
        for word in self.vocabulary[start : start + MAX_PREFIX_EXPANSIONS]:
            if not word.startswith(term):
                break
            found.append(word)
        return found

    def _match_term(self, term: str) -> dict[int, float]:
        cached = self._term_cache.get(term)
        if cached is not None:
            return cached
        scores: dict[int, float] = {}

        def take(postings: dict[int, float] | None, factor: float) -> None:
            for doc, weight in (postings or {}).items():
                value = weight * factor
                if value > scores.get(doc, 0.0):
                    scores[doc] = value

        take(self.postings.exact.get(term), EXACT)
        take(self.postings.stem.get(stem(term)), STEM)
        take(self.postings.root.get(root(term)), ROOT)
        for word in self._prefix_words(term):
            take(self.postings.exact.get(word), PREFIX)
        for word, distance in self._fuzzy_words(term):
            factor = FUZZY if distance == 1 else FUZZY_2
            take(self.postings.exact.get(word), factor)
            take(self.postings.root.get(root(word)), factor * ROOT)
        with self._lock:
            if len(self._term_cache) > 5000:
                self._term_cache.clear()
            self._term_cache[term] = scores
        return scores

    def _match_group(self, group: tuple[str, ...]) -> dict[int, float]:
        """Documents matching every word of `group`, with the mean of their scores."""
        found = [self._match_term(word) for word in group]
        docs = set(found[0]).intersection(*found[1:])
        return {doc: sum(f[doc] for f in found) / len(found) for doc in docs}

    def _match_query_term(self, term: synonyms.Term) -> dict[int, float]:
        """A query term scored by its best form: the word, its masculine, or a synonym."""
        scores: dict[int, float] = {}

        def take(found: dict[int, float], factor: float) -> None:
            for doc, value in found.items():
                if value * factor > scores.get(doc, 0.0):
                    scores[doc] = value * factor

        for word in (term.word, *term.same) if term.word else ():
            take(self._match_term(word), EXACT)
        if term.phrase:
            take(self._match_group(term.phrase), EXACT)
        for group in term.synonyms:
            take(self._match_group(group), SYNONYM)
        return scores

    # --- queries --------------------------------------------------------------------------
    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Documents matching `query`, best first: every word matched, then score."""
        terms = synonyms.query_terms(query)
        if not terms:
            return []
        totals: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for term in terms:
            for doc, score in self._match_query_term(term).items():
                totals[doc] += score
                matched[doc] += 1
        typed = [w for t in terms for w in ((t.word,) if t.word else t.phrase)]
        if len(typed) > 1:
            phrase = " ".join(typed)
            for doc in totals:
                if phrase in self.phrases[doc]:
                    totals[doc] += PHRASE_BONUS
        if totals:  # relevance floor: never fill the list with unrelated documents
            most = max(matched.values())
            best = max(totals.values())
            totals = {
                doc: total
                for doc, total in totals.items()
                if total >= MIN_SCORE
                and total >= best * (MIN_SHARE if matched[doc] == most else PARTIAL_SHARE)
            }
        ranked = ((matched[doc], totals[doc] + self.documents[doc].prior, doc) for doc in totals)

        lengths, alpha = self._title_lengths, self._alpha_rank

        def order(item):
            # Ties: the shorter title (the more general job), then alphabetical order.
            count, score, doc = item
            return (count, round(score, 6), -lengths[doc], -alpha[doc])

        best = (
            heapq.nlargest(limit, ranked, key=order)
            if limit
            else sorted(ranked, key=order, reverse=True)
        )
        return [
            Hit(key=self.documents[doc].key, score=round(score, 3), matched=count, terms=len(terms))
            for count, score, doc in best
        ]

    def closest(self, query: str, limit: int = 5) -> list[object]:
        """Keys of the documents whose title looks like `query` (for « no result »); none when
        no title is close enough (CLOSEST_MIN_SCORE): a nonsense query gets no filler."""
        text = " ".join(words(query, keep_stopwords=True))
        if not text or not self.documents:
            return []
        found = process.extract(
            text, self._titles, scorer=fuzz.WRatio, limit=limit, score_cutoff=CLOSEST_MIN_SCORE
        )
        return [self.documents[index].key for _, _, index in found]


# --- the job sheets of a territory -----------------------------------------------------------
METIER_WEIGHTS = {
    "title": 10.0,
    "keywords": 8.0,
    "rome": 6.0,
    "sectors": 3.0,
    "access": 3.0,
    "summary": 1.5,
    "phrase_min": 6.0,  # fields taking part in the phrase bonus
}
APPELLATION_WEIGHTS = {"label": 10.0, "code": 10.0, "fiche": 4.0, "phrase_min": 10.0}

APPELLATION_CHECK_SECONDS = 5.0
METIER_CHECK_SECONDS = 5.0

_cache: dict = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _metier_signature(territory_id: int) -> tuple:
    from django.db.models import Count, Max
    from django.db.models.expressions import RawSQL

    from espaces.rome.models import RomeAppellation
    from espaces.territories.models import Sector

    from .models import Metier

    table = RomeAppellation._meta.db_table
    rows = (
        Metier.objects.filter(territory_id=territory_id)
        .order_by()
        .values("territory_id")
        .annotate(
            updated=Max("updated_at"),
            count=Count("pk"),
            appellations=RawSQL(f"SELECT COUNT(*) FROM {table}", []),  # noqa: S611
            sectors=RawSQL(
                f"SELECT MAX(updated_at) FROM {Sector._meta.db_table} WHERE territory_id = %s",
                [territory_id],
            ),
        )
        .values_list("updated", "count", "appellations", "sectors")
    )
    row = next(iter(rows), None)
    return tuple(row) if row else (None, 0, 0, None)


def _metier_documents(territory_id: int) -> list[Document]:
    from django.db.models import Count, Prefetch, Q

    from espaces.rome.models import RomeFiche
    from espaces.territories.enums import ProjectStatus

    from .models import Metier

    metiers = list(
        Metier.objects.filter(territory_id=territory_id)
        .annotate(
            recruiting=Count(
                "project_links",
                filter=~Q(project_links__project__status__in=ProjectStatus.not_recruiting()),
            )
        )
        .prefetch_related(
            "sectors",
            Prefetch("rome_fiches", queryset=RomeFiche.objects.prefetch_related("appellations")),
        )
    )
    most = max((m.recruiting for m in metiers), default=0) or 1
    documents = []
    for m in metiers:
        rome = []
        for fiche in m.rome_fiches.all():
            rome.append(fiche.label)
            rome += [a.label for a in fiche.appellations.all()]
        documents.append(
            Document(
                key=m.pk,
                title=m.title,
                fields={
                    "title": [m.title],
                    "keywords": list(m.keywords),
                    "rome": rome,
                    "sectors": [s.name for s in m.sectors.all()],
                    "access": [m.get_entry_level_display()]
                    + (["accessible sans diplôme"] if m.open_without_diploma else []),
                    "summary": [m.summary],
                },
                prior=0.5 * m.recruiting / most,
            )
        )
    return documents


def metier_index(territory) -> SearchIndex:
    """The territory's search index, kept by each process and rebuilt when the territory's
    content version changes (espaces/ops/content_version.py: a save in any process sharing the
    cache), or when the database signature changes (writes that send no signal: bulk updates),
    checked at most every METIER_CHECK_SECONDS."""
    from espaces.ops.content_version import current

    version = current(territory.pk)
    key = ("metiers", territory.pk)
    now = time.monotonic()
    cached = _cache.get(key)
    if cached and cached[0] == version and now - cached[3] < METIER_CHECK_SECONDS:
        return cached[2]
    signature = _metier_signature(territory.pk)
    with _cache_lock:
        cached = _cache.get(key)
        if cached and cached[0] == version and cached[1] == signature:
            _cache[key] = (version, signature, cached[2], now)
            return cached[2]
        index = SearchIndex(_metier_documents(territory.pk), METIER_WEIGHTS)
        _cache[key] = (version, signature, index, now)
        memory.keep()
        return index


def search_metiers(*, territory, query: str, limit: int | None = None) -> list[Hit]:
    """Job sheets of `territory` matching `query`, best first (keys are Metier pks)."""
    return metier_index(territory).search(query, limit=limit)


def closest_metiers(*, territory, query: str, limit: int = 5) -> list[int]:
    return metier_index(territory).closest(query, limit=limit)


# --- every ROME appellation --------------------------------------------------------------------
def _appellation_signature() -> tuple:
    from django.db.models import Count, Max

    from espaces.rome.models import RomeAppellation

    row = RomeAppellation.objects.aggregate(count=Count("pk"), last=Max("pk"))
    return (row["count"], row["last"])


def appellation_index() -> SearchIndex:
    """Index over all RomeAppellation rows (13 120 once `import_rome` has run).

    The referential changes only when `import_rome` runs (in another process): the database
    signature is checked at most every APPELLATION_CHECK_SECONDS."""
    from espaces.rome.models import RomeAppellation

    cached = _cache.get("appellations")
    now = time.monotonic()
    if cached and now - cached[2] < APPELLATION_CHECK_SECONDS:
        return cached[1]
    signature = _appellation_signature()
    if cached and cached[0] == signature:
        _cache["appellations"] = (signature, cached[1], now)
        return cached[1]
    with _cache_lock:
        rows = RomeAppellation.objects.values_list("pk", "label", "fiche_id", "fiche__label")
        documents = [
            Document(
                key=pk,
                title=label,
                fields={"label": [label], "code": [code], "fiche": [fiche_label]},
            )
            for pk, label, code, fiche_label in rows
        ]
        index = SearchIndex(documents, APPELLATION_WEIGHTS)
        _cache["appellations"] = (signature, index, now)
        memory.keep()
        return index


def search_appellations(query: str, limit: int = 20) -> list:
    """RomeAppellation rows (with their fiche) matching `query`, best first."""
    from espaces.rome.models import RomeAppellation

    hits = appellation_index().search(query, limit=limit)
    rows = RomeAppellation.objects.select_related("fiche").in_bulk([h.key for h in hits])
    return [rows[h.key] for h in hits if h.key in rows]


# --- the national ROME fiches (fallback after the territory's sheets) ---------------------------
ROME_WEIGHTS = {"title": 10.0, "appellations": 8.0, "domain": 2.0, "phrase_min": 8.0}


def _rome_signature() -> tuple:
    from django.db.models import Count, Max

    from espaces.rome.models import RomeAppellation, RomeFiche

    row = RomeAppellation.objects.aggregate(count=Count("pk"), last=Max("pk"))
    return (RomeFiche.objects.count(), row["count"], row["last"])


def rome_index() -> SearchIndex:
    """Index over every national fiche (1 584): its title, all its appellations (13 120 in
    all) and its domain; keys are ROME codes. Rebuilt when the referential changes (checked at
    most every APPELLATION_CHECK_SECONDS, as the appellation index)."""
    from espaces.rome.models import RomeAppellation, RomeFiche

    cached = _cache.get("rome")
    now = time.monotonic()
    if cached and now - cached[2] < APPELLATION_CHECK_SECONDS:
        return cached[1]
    signature = _rome_signature()
    if cached and cached[0] == signature:
        _cache["rome"] = (signature, cached[1], now)
        return cached[1]
    with _cache_lock:
        appellations: dict[str, list[str]] = defaultdict(list)
        for code, label in RomeAppellation.objects.values_list("fiche_id", "label"):
            appellations[code].append(label)
        documents = [
            Document(
                key=code,
                title=label,
                fields={
                    "title": [label],
                    "appellations": appellations.get(code, []),
                    "domain": [domain] if domain else [],
                },
            )
            for code, label, domain in RomeFiche.objects.order_by("code").values_list(
                "code", "label", "domain_label"
            )
        ]
        index = SearchIndex(documents, ROME_WEIGHTS)
        _cache["rome"] = (signature, index, now)
        memory.keep()
        return index


def search_rome(query: str, limit: int | None = None, exclude: Iterable[str] = ()) -> list[Hit]:
    """National fiches matching EVERY word of `query` (never a partial match: the fallback
    must not fill the list with unrelated jobs), best first; keys are ROME codes. Fiches in
    `exclude` (e.g. the codes of the local sheets already found) are left out."""
    excluded = set(exclude)
    hits = [h for h in rome_index().search(query) if h.matched == h.terms and h.key not in excluded]
    return hits[:limit] if limit else hits


def rome_codes_of(metier_pks: Iterable[int]) -> set[str]:
    """The ROME codes of these job sheets (one query): their national fiches are not repeated
    after them."""
    from .models import Metier

    return set(
        Metier.rome_fiches.through.objects.filter(metier_id__in=list(metier_pks)).values_list(
            "romefiche_id", flat=True
        )
    )


def merge_local_and_national(local: list[Hit], national: list[Hit]) -> list[tuple[str, Hit]]:
    """[(kind, hit)…]: the local sheets matching every query word, then the national fiches
    (`search_rome` keeps only those matching every word), then the local sheets matching only
    some words. `kind` is `metier` or `rome`."""
    complete = [("metier", h) for h in local if h.matched == h.terms]
    partial = [("metier", h) for h in local if h.matched < h.terms]
    return complete + [("rome", h) for h in national] + partial
