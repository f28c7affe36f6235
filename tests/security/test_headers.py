"""Security headers on every response, no inline script in any page, and a clean
`espaces check --deploy` with DEBUG off and HTTPS on."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.conftest import ROOT

SAMPLE_VALUES = {"int": "999999", "slug": "inconnu", "str": "jeton-invalide", "path": "inconnu"}
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def _routes(patterns=None, prefix=""):
    """Every route of the URLconf as a concrete path (parameters filled with unknown values),
    except the Django admin's internals (its root page is kept)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # regex routes: the admin's app index, covered by /admin/
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                yield "/admin/"
                continue
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            path = CONVERTER.sub(lambda m: SAMPLE_VALUES.get(m["kind"] or "str", "x"), route)
            yield "/" + path


@pytest.fixture
def public_urls(settings_example, example_territory):
    """All routes, plus the pages of real objects of the example pack."""
    from espaces.catalogue.models import Metier
    from espaces.services.models import Service
    from espaces.territories.models import Site

    urls = set(_routes())
    metier = Metier.objects.filter(territory=example_territory).first()
    urls |= {f"/metiers/{metier.slug}/", f"/metiers/{metier.slug}/imprimer/"}
    urls.add(f"/api/v1/metiers/{metier.slug}")
    service = Service.objects.filter(territory=example_territory).first()
    urls.add(f"/lever-les-freins/services/{service.slug}/")
    site = Site.objects.filter(territory=example_territory).first()
    urls.add(f"/agenda/espaces/{site.slug}/agenda.ics")
    urls |= {"/metiers/?q=soudeur", "/lever-les-freins/?thematique=mobilite", "/page-absente/"}
    code = metier.rome_fiches.values_list("code", flat=True).first()
    urls |= {f"/metiers/rome/{code}/", f"/api/v1/rome/{code}"}  # a national fiche
    try:
        from tests.events.factories import SessionFactory

        session = SessionFactory(territory=example_territory, site=site)
        urls |= {f"/agenda/seances/{session.pk}/", f"/agenda/seances/{session.pk}/agenda.ics"}
    except ImportError:  # pragma: no cover - events app not there
        pass
    return sorted(urls)


def _check_headers(response, url):
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {
        part.strip().split(" ")[0]: part.strip().split(" ")[1:]
        for part in csp.split(";")
        if part.strip()
    }
    assert directives.get("default-src") == ["'self'"], url
    assert directives.get("script-src") == ["'self'"], url
    assert directives.get("style-src") == ["'self'"], url
    assert "style-src-attr" not in directives and "'unsafe-inline'" not in csp, url
    assert directives.get("frame-ancestors") == ["'none'"], url
    assert directives.get("object-src") == ["'none'"], url
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert response.headers.get("X-Frame-Options") == "DENY", url


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")")
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def test_every_route_answers_with_the_security_headers_and_no_inline_script(client, public_urls):
    assert len(public_urls) > 40
    failures = []
    for url in public_urls:
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url} → {response.status_code}")
            continue
        _check_headers(response, url)
        if response.headers.get("Content-Type", "").startswith("text/html"):
            page = response.content.decode()
            if INLINE_SCRIPT.search(page) or EVENT_HANDLER.search(page) or "<style" in page:
                failures.append(f"{url} : script, gestionnaire on…= ou <style> en ligne")
            if STYLE_ATTRIBUTE.search(page):
                failures.append(f"{url} : attribut style= (refusé par la CSP)")
            if "javascript:" in page:
                failures.append(f"{url} : lien javascript:")
    assert not failures, "\n".join(failures)


def test_staff_pages_have_the_headers_too(client, settings_example, example_territory):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="coordinator", territory=example_territory))
    for url in ["/equipe/", "/equipe/securite/double-authentification/", "/admin/"]:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        _check_headers(response, url)


def test_hsts_and_secure_cookies_when_https_is_on(settings, example_territory):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client = Client()  # a new handler reads the settings above
    from tests.factories import UserFactory

    user = UserFactory(role="mediator", territory=example_territory, email="h@exemple.org")
    login_page = client.get("/equipe/connexion/", secure=True)
    assert login_page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert login_page.cookies["csrftoken"]["secure"] and login_page.cookies["csrftoken"]["httponly"]
    response = client.post(
        "/equipe/connexion/",
        {"username": user.email, "password": "mot-de-passe-de-test"},
        secure=True,
    )
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_no_hsts_over_plain_http(client, example_territory):
    response = client.get("/")
    assert "Strict-Transport-Security" not in response.headers


def _production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "HTTPS")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="0",
        HTTPS="1",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="espaces.exemple.fr",
        **extra,
    )
    return env


def test_deploy_check_is_clean_with_debug_off_and_https_on():
    result = subprocess.run(
        [sys.executable, "-m", "espaces.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_https_switch_turns_every_transport_setting_on():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ['SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_PROXY_SSL_HEADER', 'DEBUG', "
        "'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'SESSION_COOKIE_AGE']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "DEBUG": False,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_AGE": 8 * 3600,
    }
