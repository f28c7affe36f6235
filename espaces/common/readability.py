"""French readability of the texts the public reads (job sheets, service sheets).

Kandel & Moles (1958) adapted Flesch's reading ease to French:

    score = 207 − 1.015 × (words / sentences) − 73.6 × (syllables / words)

Higher is easier: ≥ 70 is easy (short sentences, short words), 50–70 fairly easy, < 50 hard.
The syllable counter below follows French spelling: one syllable per group of written vowels,
with the usual exceptions (a final mute « e » or « -es », « qu » / « gu » before a vowel, « -tion »,
the vowel pairs that are two syllables such as « é-a » or « i-o »). It is an
estimate, like every readability formula: good enough to rank texts and to flag the long and
dense ones, not a verdict on a text (docs/content.md)."""

import re
import unicodedata
from dataclasses import dataclass

VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
# Vowel pairs read as two syllables (hiatus) in French, checked after grouping.
HIATUS = re.compile(
    r"(?:é[aeiouéèêà]|[aoe]é|i[aoéèuô]|u[aoéè](?!i)|ou[aeéè]|o[aëè]|aï|oï|ë|ï(?=[aeiouy]))"
)
WORD = re.compile(r"[a-zàâäéèêëîïôöùûüÿçœæ]+(?:['’-][a-zàâäéèêëîïôöùûüÿçœæ]+)*", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…;:]+(?=\s|$)|\n\s*\n|\n\s*[-•*]\s")
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = re.compile(r"\b(?:ex|etc|cf|env|min|max|hab|av|bd|St|Ste|M|Mme|Dr|n°)\.", re.I)
NUMBER = re.compile(r"\d+(?:[ ,.]\d+)*")

EASY, FAIRLY_EASY = 70, 50

# What the public texts of a pack must reach (tests/common/test_readability.py enforces them on
# the Dunkerque pack; docs/content.md explains how to write). Per text, and for the median text.
THRESHOLDS = {
    "metier": {"each": 60, "median": 70},  # job sheets: the summary
    "service": {"each": 40, "median": 60},  # service sheets: the description
}


@dataclass(frozen=True)
class Readability:
    score: float
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def level(self) -> str:
        if self.score >= EASY:
            return "facile"
        if self.score >= FAIRLY_EASY:
            return "assez facile"
        return "difficile"


def _spell_number(match: re.Match) -> str:
    # A number is read as words: count « 12 » as « douze » (2 syllables), a fair average.
    return " nombre "


def syllables(word: str) -> int:
    """Estimated number of spoken syllables of one French word (at least 1)."""
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if "-" in w or "'" in w or "’" in w:
        return sum(syllables(part) for part in re.split(r"['’-]", w) if part)
    # « qu » and « gu » before a vowel: the u is not a vowel of its own.
    w = re.sub(r"([qg])u(?=[aeiouyéèêàâîô])", r"\1", w)
    # « -tion », « -sion », « -xion »: the i is a consonant sound (for-ma-tion, 3 syllables).
    w = re.sub(r"([tsx])io", r"\1jo", w)
    # Final mute e and es (table, tables, journée); one-letter stems keep their syllable. The
    # -ent of verbs (ils parlent) is kept: it cannot be told from nouns (agent, client).
    stripped = re.sub(r"es?$", "", w) if len(w) > 2 else w
    groups = re.findall(rf"[{VOWELS}]+", stripped)
    count = len(groups)
    for group in groups:
        count += len(HIATUS.findall(group))
    return max(count, 1)


def _sentences(text: str) -> int:
    text = ABBREVIATIONS.sub(lambda m: m.group(0)[:-1], text)
    parts = [p for p in SENTENCE_END.split(text) if WORD.search(p or "")]
    return max(len(parts), 1)


def readability(text: str) -> Readability:
    """The Kandel–Moles score of a French text, with its counts."""
    text = unicodedata.normalize("NFC", text or "")
    spoken = NUMBER.sub(_spell_number, text)
    words = WORD.findall(spoken)
    if not words:
        return Readability(score=0.0, words=0, sentences=0, syllables=0)
    sentences = _sentences(text)
    count = sum(syllables(w) for w in words)
    score = 207 - 1.015 * (len(words) / sentences) - 73.6 * (count / len(words))
    return Readability(
        score=round(score, 1), words=len(words), sentences=sentences, syllables=count
    )
