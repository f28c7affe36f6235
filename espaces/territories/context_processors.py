def territory(request):
    current = getattr(request, "territory", None)
    try:
        current = current if current and current.pk else None
    except AttributeError:
        current = None
    return {"territory": current}
