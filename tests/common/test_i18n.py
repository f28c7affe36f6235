"""French by default, English on request: the interface's message files compile and are used,
the language switcher is a pair of links that set the language cookie, and `lang` follows the language."""

import polib
import pytest

from tests.conftest import ROOT

PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True, scope="module")
def compiled_messages():
    """`make install` compiles the .po files; a bare pytest run compiles them here if stale."""
    import importlib.util

    from django.utils import translation

    spec = importlib.util.spec_from_file_location(
        "compile_messages", PO.parents[2] / "compile_messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if module.compile_all():
        translation.trans_real._translations = {}  # reload the catalogues just written
    return True


def test_english_catalogue_is_complete_and_keeps_placeholders():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 300
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    assert untranslated == []
    assert not [e.msgid for e in catalogue.fuzzy_entries()]
    for entry in catalogue:
        for placeholder in ("%(name)s",):
            assert (placeholder in entry.msgid) == (placeholder in entry.msgstr), entry.msgid


def test_french_is_the_default_language(client, settings_example):
    html = client.get("/metiers/").content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert "Les métiers qui recrutent près de chez vous" in html


def test_english_interface_through_the_switcher(client, settings_example):
    page = client.get("/metiers/?q=soudeur").content.decode()
    assert 'href="/langue/en/?suivant=/metiers/%3Fq%3Dsoudeur"' in page
    assert "csrfmiddlewaretoken" not in page  # no form only to change the language
    response = client.get("/langue/en/", {"suivant": "/metiers/?q=soudeur"})
    assert response.status_code == 302 and response["Location"] == "/metiers/?q=soudeur"
    html = client.get("/metiers/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Jobs that are hiring near you" in html
    assert ">Jobs</a>" in html
    # Every language is named in that language, the current one marked.
    assert 'lang="fr" hreflang="fr">Français</a>' in html
    assert 'hreflang="en" aria-current="true">English</a>' in html
    client.get("/langue/fr/", {"suivant": "/"})
    assert '<html lang="fr">' in client.get("/metiers/").content.decode()


@pytest.mark.parametrize("target", ["https://example.com/", "//example.com/", "javascript:x", ""])
def test_switcher_never_sends_elsewhere(client, settings_example, target):
    response = client.get("/langue/en/", {"suivant": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_switcher_refuses_an_unknown_language(client, settings_example):
    assert client.get("/langue/de/").status_code == 404
    assert client.post("/langue/en/").status_code == 405


@pytest.mark.parametrize(
    "path", ["/", "/metiers/", "/orientation/", "/lever-les-freins/", "/agenda/"]
)
def test_public_pages_render_in_english(client, settings_example, path):
    client.cookies["django_language"] = "en"
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Remove obstacles" in html  # the menu
