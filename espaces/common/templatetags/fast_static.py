"""`{% load fast_static %}`: Django's `static` template library with `{% static %}` remembered
per process (issue SPEED). The project's templates load it instead of `static`.

Each `{% static %}` asks whether django.contrib.staticfiles is installed (a walk over the
installed apps), then the storage for the file's hashed name and joins it to STATIC_URL: about
30 µs, paid three or four times a page outside the cached head. The URL depends only on the
path, the storage's manifest (fixed from `collectstatic` until the next deployment restarts the
processes), STATIC_URL and DEBUG; those settings changing (tests) empties the memory."""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.templatetags.static import StaticNode
from django.templatetags.static import register as django_static

register = template.Library()
register.tags.update(django_static.tags)
register.filters.update(django_static.filters)

_urls: dict[tuple, str] = {}
_LIMIT = 5_000
_SETTINGS = {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS", "INSTALLED_APPS", "DEBUG"}


class RememberedStaticNode(StaticNode):
    @classmethod
    def handle_simple(cls, path):
        key = (path, settings.STATIC_URL, settings.DEBUG)
        url = _urls.get(key)
        if url is None:
            url = super().handle_simple(path)
            if len(_urls) < _LIMIT:
                _urls[key] = url
        return url


@register.tag("static")
def do_static(parser, token):
    return RememberedStaticNode.handle_token(parser, token)


def _forget(setting, **kwargs):
    if setting in _SETTINGS:
        _urls.clear()


setting_changed.connect(_forget, dispatch_uid="espaces-fast-static")
