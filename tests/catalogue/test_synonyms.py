"""Everyday words (data/search/synonymes.yaml): feminine forms, synonyms, phrases, stop words."""

import pytest

from espaces.catalogue import synonyms
from espaces.catalogue.search import Document, SearchIndex
from espaces.catalogue.synonyms import Term, masculine, query_terms


@pytest.mark.parametrize(
    ("feminine", "male"),
    [
        ("infirmiere", "infirmier"),
        ("vendeuse", "vendeur"),
        ("conductrice", "conducteur"),
        ("technicienne", "technicien"),
        ("boulangere", "boulanger"),
        ("sportive", "sportif"),
        ("caissieres", "caissiers"),
    ],
)
def test_feminine_forms_give_the_masculine(feminine, male):
    assert masculine(feminine) == male


def test_short_words_and_codes_have_no_masculine():
    assert masculine("mere") is None and masculine("H2913") is None and masculine("soudeur") is None


def test_data_file_loads_words_phrases_and_stopwords():
    vocab = synonyms.vocabulary()
    assert ("proprete",) in vocab.words["menage"]
    assert ("aide", "domicile") in vocab.words["menage"]  # a group: « aide à domicile »
    assert ("aider", "gens") in vocab.phrases
    assert "envie" in vocab.stopwords and "je" in vocab.stopwords


def test_phrases_lose_their_small_words_on_both_sides():
    assert query_terms("je veux travailler avec des enfants") == query_terms(
        "travailler avec les enfants"
    )
    (term,) = query_terms("J'aimerais aider les gens")
    assert term.word == "" and term.phrase == ("aider", "gens")
    assert ("soin",) in term.synonyms and ("social",) in term.synonyms


def test_a_word_gets_its_masculine_and_the_synonyms_of_both():
    (term,) = query_terms("Caissière")
    assert term == Term(word="caissiere", same=("caissier",), synonyms=term.synonyms)
    assert ("hote", "caisse") in term.synonyms


def test_only_small_words_are_kept_rather_than_nothing():
    assert [t.word for t in query_terms("je veux")] == ["je", "veux"]
    assert query_terms("") == ()


@pytest.fixture
def index():
    docs = [
        ("proprete", "Agent de propreté", ["nettoyage", "bureaux"]),
        ("machine", "Conducteur de machines", ["usine", "ligne"]),
        ("infirmier", "Infirmier", ["soin", "hôpital"]),
        ("aide", "Aide à domicile", ["personnes âgées"]),
    ]
    return SearchIndex(
        [Document(key=k, title=t, fields={"title": [t], "keywords": kw}) for k, t, kw in docs],
        {"title": 10.0, "keywords": 8.0, "phrase_min": 6.0},
    )


def test_synonyms_find_jobs_that_never_say_the_word(index):
    assert {h.key for h in index.search("ménage")[:2]} == {"proprete", "aide"}
    assert "machine" not in [h.key for h in index.search("ménage")]
    assert [h.key for h in index.search("infirmière")] == ["infirmier"]


def test_a_synonym_counts_less_than_the_word_itself(index):
    (word,) = index.search("propreté")  # in the title
    (synonym,) = [h for h in index.search("ménage") if h.key == "proprete"]
    assert synonym.score < word.score


def test_two_typos_on_long_words_only(index):
    assert [h.key for h in index.search("infirmieere")] == ["infirmier"]  # 1 typo
    assert [h.key for h in index.search("nettoiyagee")] == ["proprete"]  # 2 typos, 11 letters
    assert index.search("infirmerr") == []  # 2 typos on 9 letters: too far
