"""Rows of personal data drawn in Python at each request (the people list, the desk's entries of
the day, a session's roster): `format_html` without its per-call overhead (issue SPEED).

Django's format_html escapes each argument through conditional_escape → escape, whose lazy-text
wrapper costs more than the escaping itself (about 10 µs a row of eight cells). `row_html` does
the same with the standard library's html.escape (which Django's escape calls): values with
__html__ (SafeString, the result of row_html) are kept as they are, anything else is turned
into text and escaped. tests/common/test_html_rows.py compares both on awkward inputs."""

from html import escape

from django.utils.safestring import SafeString, mark_safe


def cell(value) -> str:
    """`value` escaped for HTML, unless it is already safe (has __html__)."""
    if isinstance(value, str):
        return value if isinstance(value, SafeString) else escape(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def row_html(template: str, *args) -> SafeString:
    """Like django.utils.html.format_html(template, *args), positional arguments only."""
    return mark_safe(template.format(*[cell(arg) for arg in args]))
