from django import template

from espaces.common.pictograms import picto_svg

register = template.Library()


@register.simple_tag
def picto(slug, kind="", label="", css_class=""):
    """{% picto "batteries" %} → the sector's pictogram, decorative; {% picto slug label="…" %}
    → announced to screen readers with that label (docs/design.md)."""
    return picto_svg(str(slug or ""), kind=kind, label=label, css_class=css_class)
