"""Content fields in the interface's language (espaces/common/translations.py and the template
tags of espaces_tags): the translation when there is one, else the French text marked
`lang="fr"` outside the French interface (WCAG 3.1.2), always escaped."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from espaces.catalogue.models import Metier
from espaces.common.translations import (
    LIST,
    TEXT,
    in_language,
    ordered_translations,
    translation_problems,
)
from espaces.events.models import EventType, Session

FIELDS = {"title": TEXT, "summary": TEXT, "day_tasks": LIST}


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load espaces_tags %}" + source).render(Context(context))


def sheet(**translations):
    """An object shaped like a content row, without the database."""
    return SimpleNamespace(
        title="Soudeur / Soudeuse",
        summary="Vous assemblez des pièces de métal.",
        day_tasks=["Vous lisez le plan.", "Vous soudez."],
        translations=translations,
    )


def test_translated_shows_the_translation_in_the_active_language():
    obj = sheet(en={"title": "Welder"})
    assert render('{% translated obj "title" %}', "en", obj=obj) == "Welder"
    assert render('{% translated obj "title" %}', "fr", obj=obj) == "Soudeur / Soudeuse"


def test_translated_falls_back_to_french_marked_lang_fr_outside_french():
    obj = sheet(en={"title": "Welder"})
    assert (
        render('{% translated obj "summary" %}', "en", obj=obj)
        == '<span lang="fr">Vous assemblez des pièces de métal.</span>'
    )
    # In French nothing is marked: the page itself is French.
    assert render('{% translated obj "summary" %}', "fr", obj=obj) == (
        "Vous assemblez des pièces de métal."
    )
    # An empty field gives nothing, not an empty span.
    empty = SimpleNamespace(title="", translations={})
    assert render('{% translated obj "title" %}', "en", obj=empty) == ""


def test_translated_escapes_french_and_translated_text():
    obj = SimpleNamespace(
        title='<script>alert("fr")</script>',
        summary="Ligne 1\nLigne <2>",
        translations={"en": {"title": "<b>Welder</b> & co"}},
    )
    assert render('{% translated obj "title" %}', "en", obj=obj) == (
        "&lt;b&gt;Welder&lt;/b&gt; &amp; co"
    )
    assert render('{% translated obj "title" %}', "fr", obj=obj) == (
        "&lt;script&gt;alert(&quot;fr&quot;)&lt;/script&gt;"
    )
    assert render('{% translated obj "summary" linebreaks=True %}', "en", obj=obj) == (
        '<div lang="fr"><p>Ligne 1<br>Ligne &lt;2&gt;</p></div>'
    )
    assert render('{% translated obj "summary" linebreaks="br" %}', "en", obj=obj) == (
        '<span lang="fr">Ligne 1<br>Ligne &lt;2&gt;</span>'
    )
    # Even a text marked safe upstream is escaped.
    marked = SimpleNamespace(title=mark_safe("<b>x</b>"), translations={})
    assert render('{% translated obj "title" %}', "fr", obj=marked) == "&lt;b&gt;x&lt;/b&gt;"
    # The plain filter is escaped by the template like any variable.
    assert render('{{ obj|translation:"title" }}', "en", obj=obj) == (
        "&lt;b&gt;Welder&lt;/b&gt; &amp; co"
    )


def test_translated_can_shorten_the_text():
    obj = sheet(en={"summary": "You join pieces of metal by heating them."})
    assert render('{% translated obj "summary" words=3 %}', "en", obj=obj) == "You join pieces …"
    assert render('{% translated obj "summary" words=3 %}', "de", obj=obj) == (
        '<span lang="fr">Vous assemblez des …</span>'
    )


def test_lists_and_the_lang_attribute_of_their_element():
    obj = sheet(en={"day_tasks": ["You read the plan.", "You weld."]})
    source = (
        '<ol{% content_lang obj "day_tasks" %}>{% for t in obj|translation:"day_tasks" %}'
        "<li>{{ t }}</li>{% endfor %}</ol>"
    )
    assert render(source, "en", obj=obj) == "<ol><li>You read the plan.</li><li>You weld.</li></ol>"
    assert render(source, "en", obj=sheet()) == (
        '<ol lang="fr"><li>Vous lisez le plan.</li><li>Vous soudez.</li></ol>'
    )
    assert render(source, "fr", obj=obj) == (
        "<ol><li>Vous lisez le plan.</li><li>Vous soudez.</li></ol>"
    )
    # Content that is never translated (training titles…) is marked in any other language.
    assert render("<h3{% content_lang %}>x</h3>", "en") == '<h3 lang="fr">x</h3>'
    assert render("<h3{% content_lang %}>x</h3>", "fr") == "<h3>x</h3>"


def test_a_translation_of_the_wrong_shape_is_ignored_not_shown():
    obj = sheet(en={"title": ["not", "a", "text"], "day_tasks": "not a list", "summary": "  "})
    with translation.override("en"):
        assert in_language(obj, "title").value == "Soudeur / Soudeuse"
        assert in_language(obj, "day_tasks").value == ["Vous lisez le plan.", "Vous soudez."]
        assert in_language(obj, "summary").is_fallback
    # A mapping (a result saved without its sheet) is French, marked.
    assert render('{% translated job "title" %}', "en", job={"title": "Cariste"}) == (
        '<span lang="fr">Cariste</span>'
    )


def test_session_title_follows_the_session_then_its_type():
    event_type = EventType(name="Atelier", translations={"en": {"name": "Workshop"}})
    session = Session(event_type=event_type, title="", translations={})
    with translation.override("en"):
        assert in_language(session, "display_title").value == "Workshop"
        session.title = "Atelier soudure"
        shown = in_language(session, "display_title")
        assert (shown.value, shown.is_fallback) == ("Atelier soudure", True)
        session.translations = {"en": {"title": "Welding workshop"}}
        assert in_language(session, "display_title").value == "Welding workshop"


def test_problems_name_the_language_or_field_at_fault():
    assert translation_problems({}, FIELDS) == []
    assert translation_problems({"en": {"title": "Welder", "day_tasks": ["a"]}}, FIELDS) == []
    problems = dict(
        translation_problems(
            {
                "fr": {"title": "Soudeur"},
                "de": {"title": "Schweißer"},
                "en": {"titre": "x", "summary": 12, "day_tasks": "one", "title": " "},
            },
            FIELDS,
        )
    )
    assert "Langues permises : en" in problems[("fr",)]
    assert problems[("de",)].startswith("langue « de » inconnue")
    assert problems[("en", "titre")] == (
        "champ « titre » non traduisible. Champs traduisibles : title, summary, day_tasks."
    )
    assert problems[("en", "summary")] == "texte attendu"
    assert problems[("en", "day_tasks")].startswith("liste de textes attendue")
    assert problems[("en", "title")].startswith("texte vide")
    assert translation_problems("en: Welder", FIELDS) == [
        ((), "ensemble attendu, par exemple « en: {title: …} »")
    ]


def test_ordered_translations_are_stable_and_stripped():
    messy = {"en": {"day_tasks": [" a ", "b"], "title": " Welder "}, "xx": {"b": 1, "a": 2}}
    assert list(ordered_translations(messy, FIELDS)) == ["en", "xx"]
    assert ordered_translations(messy, FIELDS)["en"] == {"title": "Welder", "day_tasks": ["a", "b"]}
    assert list(ordered_translations(messy, FIELDS)["xx"]) == ["a", "b"]
    assert ordered_translations({"en": {}}, FIELDS) == {}
    assert ordered_translations(None, FIELDS) == {}


@pytest.mark.django_db
def test_model_validation_refuses_bad_translations(example_territory):
    metier = Metier.objects.get(territory=example_territory, slug="soudeur")
    metier.translations = {"en": {"salary_min": "2000"}}
    with pytest.raises(ValidationError) as error:
        metier.full_clean()
    assert error.value.message_dict["translations"] == [
        "en.salary_min : champ « salary_min » non traduisible. Champs traduisibles : title, "
        "summary, day_tasks, likes, hard."
    ]
    metier.translations = {"en": {"title": "Welder"}}
    metier.full_clean()
