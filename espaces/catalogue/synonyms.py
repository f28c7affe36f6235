"""Everyday words → the words of the catalogue, kept as data (data/search/synonymes.yaml).

A query becomes a list of `Term`s. Each term is what the person typed (one word) with the
alternatives that may match in its place: its masculine form (« infirmière » → infirmier,
« vendeuse » → vendeur, « conductrice » → conducteur, « technicienne » → technicien), and the
synonyms of the data file (« ménage » → propreté, nettoyage, entretien, aide à domicile).
Phrases of the data file (« aider les gens », « s'occuper des enfants ») are compared on their
meaningful words, so « je veux travailler avec des enfants » and « travailler avec les enfants »
give the same term. The search engine (search.py) scores a term by its best alternative.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

SYNONYMS_FILE = Path(__file__).resolve().parents[2] / "data" / "search" / "synonymes.yaml"

# Feminine endings → masculine ones, longest first (the root and stem already join many).
FEMININE_ENDINGS = (
    ("iennes", "iens"),
    ("ienne", "ien"),
    ("trices", "teurs"),
    ("trice", "teur"),
    ("euses", "eurs"),
    ("euse", "eur"),
    ("ieres", "iers"),
    ("iere", "ier"),
    ("eres", "ers"),
    ("ere", "er"),
    ("ives", "ifs"),
    ("ive", "if"),
)
MIN_FEMININE_LENGTH = 5


@dataclass(frozen=True)
class Term:
    """A query word (or phrase) and the word groups that may match in its place.

    `word` is the folded word typed (empty for a phrase); `same` are forms of the same word
    (masculine), scored like the word; `phrase` the meaningful words of a phrase of the data
    file, scored like typed words when all match; `synonyms` are word groups scored a little
    lower, each group matching only when all its words match."""

    word: str
    same: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    phrase: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    stopwords: frozenset[str]
    words: dict  # folded word → tuple of word groups
    phrases: dict  # tuple of meaningful folded words → tuple of word groups
    longest_phrase: int


def masculine(word: str) -> str | None:
    """« infirmiere » → « infirmier », « vendeuse » → « vendeur »; None when not feminine."""
    if len(word) < MIN_FEMININE_LENGTH or not word.isalpha():
        return None
    for ending, replacement in FEMININE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + replacement
    return None


def _groups(values, content_words) -> tuple[tuple[str, ...], ...]:
    groups = []
    for value in values or []:
        group = tuple(content_words(str(value)))
        if group and group not in groups:
            groups.append(group)
    return tuple(groups)


@functools.lru_cache(maxsize=4)
def vocabulary(path: Path = SYNONYMS_FILE) -> Vocabulary:
    from .search import STOPWORDS, words

    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    data = data or {}
    stopwords = STOPWORDS | {w for v in data.get("mots_vides") or [] for w in words(str(v))}

    def content_words(text: str) -> list[str]:
        return [w for w in words(text) if w not in stopwords]

    by_word: dict[str, tuple] = {}
    for key, values in (data.get("mots") or {}).items():
        for word in content_words(str(key)):
            by_word[word] = by_word.get(word, ()) + _groups(values, content_words)
    phrases: dict[tuple, tuple] = {}
    for key, values in (data.get("expressions") or {}).items():
        phrase = tuple(content_words(str(key)))
        if not phrase:
            continue
        if len(phrase) == 1:
            by_word[phrase[0]] = by_word.get(phrase[0], ()) + _groups(values, content_words)
        else:
            phrases[phrase] = phrases.get(phrase, ()) + _groups(values, content_words)
    return Vocabulary(
        stopwords=frozenset(stopwords),
        words=by_word,
        phrases=phrases,
        longest_phrase=max((len(p) for p in phrases), default=0),
    )


def _word_term(word: str, vocab: Vocabulary) -> Term:
    same = []
    male = masculine(word)
    if male and male != word:
        same.append(male)
    synonyms = vocab.words.get(word, ()) + (vocab.words.get(male, ()) if male else ())
    own = {(word,), *((m,) for m in same)}
    return Term(
        word=word,
        same=tuple(same),
        synonyms=tuple(dict.fromkeys(g for g in synonyms if g not in own)),
    )


@functools.lru_cache(maxsize=20_000)
def query_terms(query: str) -> tuple[Term, ...]:
    """The terms of a query: stop words and phrases removed, phrases and words expanded."""
    from .search import words

    vocab = vocabulary()
    found = [w for w in words(query) if w not in vocab.stopwords]
    if not found:  # a query made only of small words: keep them rather than find nothing
        found = [w for w in words(query, keep_stopwords=True) if len(w) > 1]
    terms: list[Term] = []
    index = 0
    while index < len(found):
        for size in range(min(vocab.longest_phrase, len(found) - index), 1, -1):
            phrase = tuple(found[index : index + size])
            if phrase in vocab.phrases:
                terms.append(Term(word="", phrase=phrase, synonyms=vocab.phrases[phrase]))
                index += size
                break
        else:
            terms.append(_word_term(found[index], vocab))
            index += 1
    return tuple(dict.fromkeys(terms))
