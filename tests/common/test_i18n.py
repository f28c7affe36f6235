"""French by default, English on request: the interface's message files compile and are used,
the language switcher posts to set_language, and `lang` follows the language."""

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
    page = client.get("/metiers/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/metiers/"})
    assert response.status_code == 302 and response["Location"] == "/metiers/"
    html = client.get("/metiers/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Jobs that are hiring near you" in html
    assert ">Jobs</a>" in html
    # Every option of the switcher names its language in that language.
    assert '<option value="fr" lang="fr">Français</option>' in html


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
