"""The optional cache of public pages (ESPACES_PAGE_CACHE_SECONDS, espaces/ops/page_cache.py):
anonymous GETs of the listed views only; never for a session or a page that sets a cookie."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import include, path

from .page_cache_urls import CALLS

urlpatterns = [path("", include("tests.ops.page_cache_urls"))]


@pytest.fixture
def page_cache(settings):
    settings.ROOT_URLCONF = __name__
    settings.ESPACES_PAGE_CACHE_SECONDS = 30
    settings.ESPACES_PAGE_CACHE_VIEWS = {"pc:page", "pc:form", "pc:private", "pc:missing"}
    caches["pages"].clear()
    CALLS["count"] = 0
    yield settings
    caches["pages"].clear()


def test_off_by_default(settings, page_cache):
    settings.ESPACES_PAGE_CACHE_SECONDS = 0
    client = Client()
    client.get("/page/")
    client.get("/page/")
    assert CALLS["count"] == 2


def test_second_anonymous_visit_is_served_from_the_cache_with_fresh_headers(page_cache):
    first = Client().get("/page/?q=cariste")
    second = Client().get("/page/?q=cariste")
    assert CALLS["count"] == 1
    assert second.content == first.content
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_query_strings_and_htmx_are_distinct_entries(page_cache):
    client = Client()
    client.get("/page/?q=cariste")
    client.get("/page/?q=soudeur")
    client.get("/page/?q=cariste", HTTP_HX_REQUEST="true")
    assert CALLS["count"] == 3


@pytest.mark.django_db
def test_sessions_and_other_cookies_are_never_served_cached_pages(page_cache):
    Client().get("/page/")
    for cookie in ["sessionid", "messages", "kiosque"]:
        client = Client()
        client.cookies[cookie] = "x"
        client.get("/page/")
    assert CALLS["count"] == 4
    client = Client()
    client.cookies["csrftoken"] = "x" * 32
    client.get("/page/")
    assert CALLS["count"] == 4  # the CSRF cookie alone changes nothing


def test_pages_with_a_csrf_token_private_or_unlisted_are_not_cached(page_cache):
    for url in ["/formulaire/", "/prive/", "/autre/"]:
        Client().get(url)
        Client().get(url)
    assert CALLS["count"] == 6


def test_posts_and_errors_are_not_cached(page_cache):
    Client().post("/page/")
    Client().post("/page/")
    assert Client().get("/absente/").status_code == 404
    assert Client().get("/absente/").status_code == 404
    assert CALLS["count"] == 4


@pytest.mark.parametrize("path", ["/", "/metiers/", "/agenda/", "/lever-les-freins/"])
def test_real_public_pages_are_cached_for_anonymous_visitors(
    settings, settings_example, path, django_assert_num_queries
):
    """No public page sets a cookie for a first visitor (the language switcher is a pair of
    links, not a form with a CSRF token): the second visit costs no database query."""
    settings.ESPACES_PAGE_CACHE_SECONDS = 30
    caches["pages"].clear()
    first = Client().get(path)
    assert first.status_code == 200 and not first.cookies
    with django_assert_num_queries(0):
        second = Client().get(path)
    assert second.content == first.content
    caches["pages"].clear()
