"""The API answers in French whatever the caller's language (docs/interfaces.md: labels and
error messages in French), while the pages follow the visitor's choice."""

from django.conf import settings
from django.utils import translation

API_PREFIX = "/api/"


class FrenchApiMiddleware:
    """Placed after LocaleMiddleware: under /api/, the language is the default one (French)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
