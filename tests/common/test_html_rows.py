"""row_html draws the same HTML as Django's format_html (espaces/common/html_rows.py)."""

import datetime as dt

import pytest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from espaces.common.html_rows import cell, row_html

AWKWARD = [
    "Zoé <script>alert('x')</script>",
    "guillemets \"doubles\" & 'simples'",
    "",
    "déjà échappé &amp; non",
    mark_safe("<br>"),
    format_html("<b>{}</b>", "<i>"),
    gettext_lazy("Annuler"),
    12,
    0,
    None,
    dt.date(2026, 12, 4),
    3.5,
]


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_each_value_is_escaped_as_format_html_does(value):
    with override("fr"):
        assert row_html("<td>{}</td>", value) == format_html("<td>{}</td>", value)
        assert cell(value) == format_html("{}", value)


def test_a_whole_row_and_its_safety():
    args = ("/equipe/accueil/personnes/4/", "O'BRIEN", "Zoé & <Léa>", mark_safe("<br>"), 2)
    template = '<tr><th><a href="{}">{} {}</a>{}</th><td>{}</td></tr>'
    drawn = row_html(template, *args)
    assert drawn == format_html(template, *args)
    assert isinstance(drawn, SafeString)
    assert "Zoé &amp; &lt;Léa&gt;" in drawn and "O&#x27;BRIEN" in drawn
