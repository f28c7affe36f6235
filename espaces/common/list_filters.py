"""Saved filters of the staff lists: each list remembers, per user, the choice filters last
used (state, site, order…) and applies them again when the user comes back to the bare list.

    response = remembered_filters(request, "orientations", keys=("etat", "tri"))
    if response: return response

`?reinitialiser=1` forgets them. Free-text searches are never stored (personal data)."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect

from .models import SavedListFilters
from .prepared import prepared_read

RESET = "reinitialiser"


@prepared_read
def _saved_query(*, user_id: int, list_name: str):
    """The query saved for this list (read at each visit of a bare list: prepared)."""
    return (
        SavedListFilters.objects.filter(user_id=user_id, list_name=list_name)
        .values_list("query", flat=True)
        .order_by("pk")
    )


def _wanted(request: HttpRequest, keys) -> dict:
    return {k: request.GET.get(k, "")[:100] for k in keys if k in request.GET}


def remembered_filters(
    request: HttpRequest, list_name: str, *, keys, fixed: tuple = ()
) -> HttpResponseRedirect | None:
    """Saves the list's filters when some are given; redirects the bare list to the saved
    ones; None when the page can be drawn as asked. Sets `request.saved_filters` (the saved
    query, or "") for the template. `fixed` names parameters that choose the page itself
    (« séances passées »): kept in redirects, neither saved nor counted as filters."""
    user = request.user
    base = urlencode([(k, request.GET[k]) for k in fixed if k in request.GET])
    path = f"{request.path}?{base}" if base else request.path
    request.saved_filters = ""
    if not getattr(user, "is_authenticated", False):
        return None
    if RESET in request.GET:
        SavedListFilters.objects.filter(user=user, list_name=list_name).delete()
        return HttpResponseRedirect(path)
    wanted = _wanted(request, keys)
    if wanted:
        query = urlencode(sorted(wanted.items()))
        saved, created = SavedListFilters.objects.get_or_create(
            user=user, list_name=list_name, defaults={"query": query}
        )
        if not created and saved.query != query:
            saved.query = query
            saved.save(update_fields=["query", "updated_at"])
        request.saved_filters = query
        return None
    if set(request.GET) - set(fixed):  # a page number or a search alone: draw it as asked
        return None
    saved = _saved_query.first(user_id=user.pk, list_name=list_name)
    if saved:
        return HttpResponseRedirect(f"{path}&{saved}" if base else f"{path}?{saved}")
    return None
