"""`reverse()` remembered per process (issue SPEED): its result depends only on the view name,
the arguments, the current application, the URLconf and the script prefix. Used by the
`{% url %}` builtin (espaces/common/templatetags/fast_url.py) and by code that builds links in
loops (the orientation's bridges)."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_PLAIN = (int, str)


@functools.lru_cache(maxsize=8192)
def _reverse(view_name, args, kwargs, current_app, _urlconf, _prefix) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def cached_reverse(view_name: str, args=(), kwargs=None, current_app=None) -> str | None:
    """reverse(), remembered; None when an argument is not a plain int or str (the caller then
    calls reverse() itself)."""
    kwargs = kwargs or {}
    if not all(type(a) in _PLAIN for a in args) or not all(
        type(v) in _PLAIN for v in kwargs.values()
    ):
        return None
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(
        view_name,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        urlconf,
        get_script_prefix(),
    )


def reverser(view_name: str, current_app=None):
    """A function of positional arguments (ints, strings) that reverses `view_name`, remembered
    as cached_reverse() does, with the URLconf and script prefix read once: for the links of
    rows drawn in a loop (a thread-local read costs more than the remembered result)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    prefix = get_script_prefix()

    def url(*args) -> str:
        return _reverse(view_name, args, (), current_app, urlconf, prefix)

    return url
