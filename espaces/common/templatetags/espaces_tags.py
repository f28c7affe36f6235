from django import template
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from espaces.common.form_rendering import input_html
from espaces.common.partial_dates import format_partial_date
from espaces.common.translations import FRENCH, active_language, in_language

register = template.Library()


@register.filter
def partial_date(obj, field: str):
    """{{ project|partial_date:"status_as_of" }} → 'octobre 2024' with the field's precision."""
    return format_partial_date(getattr(obj, field), getattr(obj, f"{field}_precision", "day"))


@register.filter
def fr_number(value):
    """12000 → '12 000' (French thousands separator, non-breaking)."""
    if value is None or value == "":
        return ""
    try:
        return f"{round(float(value)):,}".replace(",", "\u202f")
    except (TypeError, ValueError):
        return value


@register.filter
def euros(value):
    """1500000000 → '1,5 Md€'; 885924.90 → '885 924,90 €'."""
    if value is None:
        return ""
    value = float(value)
    if value >= 1e9:
        return f"{value / 1e9:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "\u00a0Md€"
    if value >= 1e6:
        return f"{value / 1e6:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "\u00a0M€"
    return number_format(value, decimal_pos=2, force_grouping=True) + "\u00a0€"


# --- content in the active language (espaces/common/translations.py) -------------------------
FRENCH_MARK = mark_safe(' lang="fr"')  # noqa: S308 - a constant


@register.simple_tag
def translated(obj, field: str, linebreaks=False, words: int | None = None):
    """{% translated metier "title" %}: the field in the active language, else its French text
    inside `<span lang="fr">` when the interface is not in French (WCAG 3.1.2).

    `linebreaks=True` makes paragraphs (in a `<div lang="fr">` when marked), `linebreaks="br"`
    line breaks, `words=N` keeps the first N words (as `truncatewords`). The text is always
    escaped."""
    shown = in_language(obj, field)
    value = shown.value
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    # A plain str: content is escaped even if something upstream marked it safe.
    value = str.__str__(str(value))
    if words:
        value = Truncator(value).words(int(words), truncate=" …")
    if linebreaks == "br":
        html, tag = linebreaksbr(value, autoescape=True), "span"
    elif linebreaks:
        html, tag = linebreaks_filter(value, autoescape=True), "div"
    else:
        html, tag = conditional_escape(value), "span"
    if shown.is_fallback and value:
        return format_html('<{} lang="fr">{}</{}>', tag, html, tag)
    return html


@register.filter
def translation(obj, field: str):
    """{{ metier|translation:"title" }}: the field's value (a text or a list of texts) in the
    active language, else in French, unmarked: for <title>, attributes and lists (pair it with
    {% content_lang %} on the element)."""
    return in_language(obj, field).value


@register.simple_tag
def content_lang(obj=None, field: str | None = None):
    """` lang="fr"` for an element showing French content in another interface language:
    {% content_lang metier "day_tasks" %} when that field has no translation,
    {% content_lang %} for content that is never translated (training titles, portraits…)."""
    if obj is None and field is None:
        return FRENCH_MARK if active_language() != FRENCH else ""
    return FRENCH_MARK if in_language(obj, field).is_fallback else ""


# --- numbers in French for staff and funder views (espaces/common/numbers.py) ----------------
@register.filter
def fr_amount(value, decimals=None):
    """{{ 747803.00|fr_amount }} → « 747 803 »; {{ x|fr_amount:1 }} fixes one decimal."""
    from espaces.common.numbers import fr_amount as _fr_amount

    return _fr_amount(value, None if decimals in (None, "") else int(decimals))


@register.filter
def fr_euros(value):
    """{{ 747803|fr_euros }} → « 747 803 € » (narrow no-break spaces)."""
    from espaces.common.numbers import fr_euros as _fr_euros

    return _fr_euros(value)


@register.filter
def fr_percent(value):
    """{{ 0.125|fr_percent }} → « 12,5 % » (the value is a ratio)."""
    from espaces.common.numbers import fr_percent as _fr_percent

    return _fr_percent(value)


@register.filter
def is_number(value) -> bool:
    """True for ints, floats and Decimals (not booleans): table cells aligned right."""
    from decimal import Decimal

    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.simple_tag
def eu_marks(territory):
    """The managing authority's and the beneficiary's marks (docs/eu-visibility.md)."""
    from espaces.common.eu_visibility import marks

    return marks(territory) if territory else []


@register.filter
def radio_input(choice) -> str:
    """{{ radio|radio_input }}: the `<input>` of one choice of a RadioSelect (a BoundWidget),
    exactly as `{{ radio.tag }}` draws it with Django's widget templates, but without rendering
    two templates per choice (the desk's form has about forty choices: issue SPEED)."""
    return input_html(choice.data)
