from django.utils.functional import SimpleLazyObject


def territory(request):
    current = getattr(request, "territory", None)
    try:
        current = current if current and current.pk else None
    except AttributeError:
        current = None
    return {"territory": current, "content_version": SimpleLazyObject(lambda: _vary(current))}


def _vary(territory) -> str:
    """What a cached template fragment of public content varies on: the territory's content
    version (espaces/ops/content_version.py) and the language. Use it as
    `{% cache SECONDS "name" content_version %}` (docs/architecture.md, « Caches »)."""
    from django.utils.translation import get_language

    from espaces.ops.content_version import current

    return f"{get_language()}:{current(territory.pk if territory else 'aucun')}"
