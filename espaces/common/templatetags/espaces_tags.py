from django import template
from django.utils.formats import number_format

from espaces.common.partial_dates import format_partial_date

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
