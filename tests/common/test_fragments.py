"""`{% cache_if %}` (espaces/common/templatetags/fragments.py): Django's `{% cache %}` when its
condition holds, the content drawn afresh otherwise."""

import pytest
from django.core.cache import caches
from django.template import TemplateSyntaxError, engines

SOURCE = (
    '{% load fragments %}{% cache_if blank 60 "essai" key using="fragments" %}'
    "[{{ value }}]{% endcache_if %}"
)


def render(source: str = SOURCE, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_kept_when_the_condition_holds():
    caches["fragments"].clear()
    assert render(blank=True, key=1, value="a") == "[a]"
    assert render(blank=True, key=1, value="b") == "[a]"  # from the cache
    assert render(blank=True, key=2, value="b") == "[b]"  # another key


def test_drawn_afresh_otherwise_and_never_stored():
    caches["fragments"].clear()
    assert render(blank=False, key=1, value="erreur") == "[erreur]"
    assert render(blank=True, key=1, value="vide") == "[vide]"  # nothing was stored above
    assert render(blank=False, key=1, value="autre") == "[autre]"
    assert render(blank=None, key=1, value="inconnu") == "[inconnu]"  # unknown: not cached


def test_needs_a_condition_a_timeout_and_a_name():
    with pytest.raises(TemplateSyntaxError):
        render("{% load fragments %}{% cache_if blank 60 %}x{% endcache_if %}")
