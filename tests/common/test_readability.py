"""The French readability score (Kandel–Moles) and the plain-language thresholds that the
Dunkerque pack's job sheets and service sheets meet."""

import statistics

import pytest

from espaces.common.readability import THRESHOLDS, readability, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("chat", 1),
        ("table", 1),
        ("tables", 1),
        ("maison", 2),
        ("soudeur", 2),
        ("usine", 2),
        ("journée", 2),
        ("idée", 2),
        ("poème", 2),
        ("quatre", 1),
        ("question", 2),
        ("guide", 1),
        ("formation", 3),
        ("réaction", 3),
        ("créer", 2),
        ("réalisé", 4),
        ("électricien", 4),
        ("mécanicien", 4),
        ("sécurité", 4),
        ("opérateur", 4),
        ("logistique", 3),
        ("nucléaire", 3),
        ("aujourd'hui", 3),
        ("lui-même", 2),
        ("et", 1),
        ("le", 1),
    ],
)
def test_syllables_of_french_words(word, count):
    assert syllables(word) == count


def test_score_follows_the_kandel_moles_formula():
    text = "Le chat dort. Il fait beau aujourd'hui."
    result = readability(text)
    assert (result.words, result.sentences, result.syllables) == (7, 2, 9)
    expected = 207 - 1.015 * (7 / 2) - 73.6 * (9 / 7)
    assert result.score == pytest.approx(expected, abs=0.05)
    assert result.level == "facile"


def test_long_sentences_and_long_words_score_lower():
    plain = "Vous conduisez un chariot. Vous rangez les colis. Vous travaillez en équipe."
    dense = (
        "L'opérateur logistique assure la manutention et l'acheminement des marchandises "
        "conformément aux procédures organisationnelles, réglementaires et environnementales "
        "en vigueur au sein de l'établissement industriel."
    )
    assert readability(plain).score > 70
    assert readability(dense).score < 20
    assert readability(dense).level == "difficile"


def test_abbreviations_and_numbers_do_not_break_sentences():
    result = readability("Des métiers, ex. soudeur ou cariste, recrutent 1 200 personnes.")
    assert result.sentences == 1
    assert result.words == 9  # the number counts as one word


def test_empty_text_has_no_score():
    assert readability("").words == 0
    assert readability("  ").score == 0


def _scores(queryset, field):
    return {
        row["slug"]: readability(row[field])
        for row in queryset.values("slug", field)
        if (row[field] or "").strip()
    }


@pytest.mark.parametrize(
    ("kind", "model_path", "field"),
    [
        ("metier", "espaces.catalogue.models.Metier", "summary"),
        ("service", "espaces.services.models.Service", "description"),
    ],
)
def test_dunkerque_texts_meet_the_plain_language_thresholds(dunkerque, kind, model_path, field):
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    scores = _scores(model.objects.filter(territory=dunkerque), field)
    assert len(scores) >= 20, f"trop peu de textes {kind} dans le pack"
    threshold = THRESHOLDS[kind]
    too_hard = {slug: r.score for slug, r in sorted(scores.items()) if r.score < threshold["each"]}
    assert not too_hard, (
        f"textes trop difficiles (score < {threshold['each']}) : {too_hard} — "
        "raccourcir les phrases et les mots (docs/content.md)"
    )
    median = statistics.median(r.score for r in scores.values())
    assert median >= threshold["median"], median
