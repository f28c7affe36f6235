"""`{% load fast_i18n %}` (espaces/common/templatetags/fast_i18n.py): literal `{% translate %}`
remembered per message, language and escaping; the same text as Django's tag."""

from django.template import Context, Engine, engines
from django.templatetags.i18n import register as django_i18n
from django.utils import translation

from espaces.common.templatetags.fast_i18n import RememberedTranslateNode

DJANGO = Engine(libraries={"i18n": "django.templatetags.i18n"})
SOURCES = [
    '{% translate "Agenda" %}|{% trans "l\'agenda" %}',
    '{% autoescape off %}{% trans "l\'agenda" %}{% endautoescape %}',
    '{% translate "100%% sûr" %}|{% translate "100% sûr" %}',
    '{% translate "Agenda" as label %}[{{ label }}]',
    '{% translate "agenda"|upper %}',
    "{% translate word %}",
    '{% translate "Agenda" noop %}',
    '{% translate "Agenda" context "menu" %}',
    "{% blocktranslate with n=3 %}{{ n }} places{% endblocktranslate %}",
]


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load fast_i18n %}" + source).render(context)


def test_same_text_as_djangos_tag_in_both_languages():
    for language in ("fr", "en", "fr"):
        with translation.override(language):
            for source in SOURCES:
                expected = DJANGO.from_string("{% load i18n %}" + source).render(
                    Context({"word": "Agenda <b>"})
                )
                assert render(source, word="Agenda <b>") == expected, source
    with translation.override("en"):
        assert render('{% translate "Agenda" %}') == "Events"
    assert render('{% translate "Agenda" %}') == "Agenda"


def test_only_plain_literals_are_remembered():
    template = engines["django"].from_string(
        '{% load fast_i18n %}{% translate "Agenda" %}{% translate w %}{% translate "A" as b %}'
    )
    kinds = [type(n).__name__ for n in template.template.nodelist]
    assert kinds.count(RememberedTranslateNode.__name__) == 1
    # the library is Django's, tags and filters, with its translate tags replaced; the
    # project's templates load it (none loads Django's `i18n` directly)
    library = engines["django"].engine.template_libraries["fast_i18n"]
    assert set(django_i18n.tags) == set(library.tags)
    assert set(django_i18n.filters) == set(library.filters)
    import pathlib
    import re

    loads = [
        m
        for root in ("templates", "espaces")
        for path in pathlib.Path(root).rglob("*.html")
        for m in re.findall(r"\{% load ([^%]*) %\}", path.read_text())
    ]
    assert loads and not [m for m in loads if "i18n" in m.split()]
