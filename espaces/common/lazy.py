"""Lazy template contexts: a view whose content is a template fragment cached by content version
(`{% cache … content_version … %}`, docs/architecture.md « Caches ») hands the template values
computed only when the fragment is not in the cache, so that a cached fragment costs no query and
builds no model instance."""

from django.utils.functional import SimpleLazyObject


def lazy_context(build, keys) -> dict:
    """{key: lazy value} for each key of the dict `build()` returns; `build` runs at most once,
    the first time the template reads one of them."""
    data = SimpleLazyObject(build)
    return {key: SimpleLazyObject(lambda key=key: data[key]) for key in keys}
