"""The territory's identity in templates: its theme stylesheet, its logo, the pack's photos."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from espaces.territories.identity import has_theme, theme_version
from espaces.territories.selectors import photo_for

register = template.Library()


@register.simple_tag
def theme_url(territory) -> str:
    """The URL of the territory's colour overrides, or "" when the pack gives none."""
    if not territory or not has_theme(territory):
        return ""
    return f"{reverse('territories:theme')}?v={theme_version(territory)}"


@register.simple_tag(takes_context=True)
def pack_photo(context, subject: str, slug: str, css_class: str = ""):
    """{% pack_photo "site" site.slug %}: the photo of the pack with its credit, or nothing
    (never a placeholder image)."""
    territory = context.get("territory")
    photo = photo_for(territory=territory, subject=subject, slug=slug) if territory else None
    if photo is None:
        return ""
    return render_to_string(
        "components/photo.html", {"photo": photo, "css_class": css_class}, context.request
    )
