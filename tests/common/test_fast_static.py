"""`{% load fast_static %}` (espaces/common/templatetags/fast_static.py): Django's URLs, kept."""

import pathlib
import re

from django.template import engines
from django.templatetags.static import register as django_static
from django.test import override_settings

from espaces.common.templatetags import fast_static

SOURCE = (
    "{% static 'espaces/espaces.css' %}|{% static path %}|{% static 'a b.css' as u %}{{ u }}"
    "|{% get_static_prefix %}"
)


def render(library: str, **context) -> str:
    template = engines["django"].from_string("{% load " + library + " %}" + SOURCE)
    return template.render(context)


def test_same_urls_as_djangos_tag():
    expected = (
        engines["django"]
        .from_string("{% load static %}" + SOURCE)
        .render({"path": "espaces/x&y.js"})
    )
    assert render("fast_static", path="espaces/x&y.js") == expected
    assert render("fast_static", path="espaces/x&y.js") == expected  # remembered
    assert "x%26y.js" in expected and "a%20b.css" in expected


def test_a_new_static_url_is_seen():
    render("fast_static", path="espaces/a.js")
    with override_settings(STATIC_URL="/autre/"):
        assert render("fast_static", path="espaces/a.js").startswith("/autre/espaces/espaces.css")
    assert not render("fast_static", path="espaces/a.js").startswith("/autre/")


def test_the_library_is_djangos_and_the_templates_load_it():
    library = engines["django"].engine.template_libraries["fast_static"]
    assert set(django_static.tags) == set(library.tags)
    assert fast_static.RememberedStaticNode.__name__ in repr(
        engines["django"]
        .from_string("{% load fast_static %}{% static 'a.css' %}")
        .template.nodelist
    )
    root = pathlib.Path(__file__).resolve().parents[2] / "templates"
    loading = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if re.search(r"\{% load [^%]*\bstatic\b", p.read_text())
    ]
    assert loading == []
