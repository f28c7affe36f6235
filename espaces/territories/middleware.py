from django.conf import settings
from django.utils.functional import SimpleLazyObject

from espaces.common.public_url import serving

from .selectors import territory_for_request


class TerritoryMiddleware:
    """Sets request.territory from the host name (or ?territory= on the API)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.territory = SimpleLazyObject(lambda: territory_for_request(request))
        request.default_territory_slug = settings.ESPACES_TERRITORY
        with serving(request):  # absolute links follow this request's host and port
            return self.get_response(request)
