from django.utils.functional import SimpleLazyObject


def territory(request):
    current = getattr(request, "territory", None)
    try:
        current = current if current and current.pk else None
    except AttributeError:
        current = None
    kiosk = bool(getattr(request, "kiosk", False))
    return {
        "territory": current,
        "content_version": SimpleLazyObject(lambda: _vary(current, kiosk)),
    }


def _vary(territory, kiosk: bool = False) -> str:
    """What a cached template fragment of public content varies on: the territory's content
    version (espaces/ops/content_version.py), the language and the kiosk mode (a kiosk page
    shows sources as plain text). Use it as
    `{% cache SECONDS "name" content_version %}` (docs/architecture.md, « Caches »)."""
    from django.utils.translation import get_language

    from espaces.ops.content_version import current

    mode = "borne" if kiosk else "web"
    return f"{get_language()}:{mode}:{current(territory.pk if territory else 'aucun')}"
