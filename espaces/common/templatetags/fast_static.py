"""`{% load fast_static %}`: Django's `static` template library with `{% static %}` remembered
per process (issue SPEED). The project's templates load it instead of `static`.

Each `{% static %}` asks whether django.contrib.staticfiles is installed (a walk over the
installed apps), then the storage for the file's hashed name and joins it to STATIC_URL: about
30 µs, paid three or four times a page outside the cached head. The URL depends only on the
path, the storage's manifest (fixed from `collectstatic` until the next deployment restarts the
processes), STATIC_URL and DEBUG; those settings changing (tests) empties the memory."""

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.templatetags.static import StaticNode
from django.templatetags.static import register as django_static

register = template.Library()
register.tags.update(django_static.tags)
register.filters.update(django_static.filters)

_SETTINGS = {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS", "INSTALLED_APPS", "DEBUG"}


@functools.lru_cache(maxsize=4096)
def _url(path: str, static_url: str, debug: bool) -> str:
    return StaticNode.handle_simple(path)


class RememberedStaticNode(StaticNode):
    @classmethod
    def handle_simple(cls, path):
        if type(path) is not str:  # a lazy or other value: Django's tag as it is
            return super().handle_simple(path)
        return _url(path, settings.STATIC_URL, settings.DEBUG)


@register.tag("static")
def do_static(parser, token):
    return RememberedStaticNode.handle_token(parser, token)


def _forget(setting, **kwargs):
    if setting in _SETTINGS:
        _url.cache_clear()


setting_changed.connect(_forget, dispatch_uid="espaces-fast-static")
