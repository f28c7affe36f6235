"""Optional cache of the public pages for anonymous visitors (ESPACES_PAGE_CACHE_SECONDS > 0).

A page in ESPACES_PAGE_CACHE_VIEWS, asked with GET by someone who carries no cookie but the CSRF
and language ones (no session, no pending message, no kiosk or other state), is kept that many seconds in the `pages` cache (memory of each worker, or Redis shared by every server with CACHE_URL), keyed by host,
language, htmx or not, and the full path with its query. Only complete 200 answers that set no
cookie and allow caching are kept: never a form with its CSRF token, never a page with a token in
its address (registrations, review links), never what a staff member sees. Outer middleware
(security headers, CSP) still runs on every answer. The price: a public page may be up to that
many seconds old (a job sheet just edited, the seats left in the agenda — a registration always
checks the real count). The key also holds the content version (espaces/ops/content_version.py):
an edit of public content, through any app server sharing the cache (CACHE_URL), makes every
server's next request build the page again."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.urls import Resolver404, resolve

NO_STORE = ("private", "no-store", "no-cache")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "ESPACES_PAGE_CACHE_SECONDS", 0)
        if seconds <= 0 or not self._cacheable_request(request):
            return self.get_response(request)
        cache = caches["pages"]
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            cache.set(key, response, seconds)
        return response

    def _cacheable_request(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if set(request.COOKIES) - {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}:
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in settings.ESPACES_PAGE_CACHE_VIEWS

    def _cacheable_response(self, response) -> bool:
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        control = response.get("Cache-Control", "")
        return not any(word in control for word in NO_STORE)

    def _key(self, request) -> str:
        from .content_version import current

        parts = [
            current(),
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.headers.get("HX-Request", ""),
            request.get_full_path(),
        ]
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return f"page:{digest}"
