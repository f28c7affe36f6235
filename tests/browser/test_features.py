"""Read-aloud buttons, the English interface and the print stylesheets, in Chromium."""

import re

from .helpers import format_violations, run_axe
from .pages import _orientation_results, login


def test_read_aloud_button_on_job_sheets_and_questions(page, site):
    page.goto(site(f"/metiers/{site.data['metiers'][0]}/"))
    button = page.locator("[data-read-aloud]")
    assert button.is_visible()
    assert button.get_attribute("aria-pressed") == "false"
    assert "Écouter" in button.inner_text()
    button.click()  # speaks (or fails silently without a sound card), never an error
    page.goto(site("/orientation/"))
    page.locator("button[name=mode][value=complet]").click()
    page.wait_for_url(re.compile(r"/question/1/$"))
    page.wait_for_load_state("load")
    # The question came through htmx (hx-boost): the button is set up once the page settles.
    page.locator("form.question [data-read-aloud]").wait_for(state="visible")
    assert page.console_errors == []


def test_read_aloud_button_stays_hidden_without_speech_synthesis(page, site):
    page.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    page.goto(site(f"/metiers/{site.data['metiers'][0]}/"))
    assert page.locator("[data-read-aloud]").count() == 1
    assert not page.locator("[data-read-aloud]").is_visible()


def test_language_switcher_gives_the_interface_in_english(page, site, axe_available, shot):
    page.goto(site("/metiers/"))
    page.locator(".language-switcher a[lang=en]").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/metiers/")
    assert page.locator("html").get_attribute("lang") == "en"
    nav = page.locator(".main-nav").inner_text()
    assert "Jobs" in nav and "Les métiers" not in nav
    assert page.locator(".skip-link").inner_text() == "Skip to content"
    violations = run_axe(page)
    assert not violations, format_violations(page.url, violations)
    shot(page, "metiers-en-anglais")
    # The choice is kept from page to page, and French comes back the same way.
    page.goto(site("/"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".language-switcher a[lang=fr]").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_content_in_english_with_french_leftovers_marked(page, site, axe_available):
    """A translated job sheet and question in English; untranslated content is marked lang=fr
    (WCAG 3.1.2) and axe finds nothing."""
    page.goto(site("/langue/en/?suivant=/metiers/soudeur/"))
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Welder"
    assert page.locator(".training h3[lang=fr]").count() >= 1
    violations = run_axe(page)
    assert not violations, format_violations(page.url, violations)
    page.goto(site("/orientation/"))
    page.locator("button[name=mode][value=complet]").click()
    page.wait_for_url(re.compile(r"/question/1/$"))
    page.wait_for_load_state("load")
    assert page.locator("h1.question-text").inner_text() == (
        "Repair a bike or an appliance that has stopped working"
    )
    assert "Not at all" in page.locator("ul.answers").inner_text()
    violations = run_axe(page)
    assert not violations, format_violations(page.url, violations)
    page.goto(site("/langue/fr/?suivant=/"))


def test_print_stylesheets_hide_the_site_around_the_sheet(page, site):
    for path in [
        f"/metiers/{site.data['metiers'][0]}/",
        f"/metiers/{site.data['metiers'][0]}/imprimer/",
    ]:
        page.goto(site(path))
        page.emulate_media(media="print")
        hidden = page.eval_on_selector_all(
            ".site-header, .site-footer, .main-nav, .skip-link, .language-switcher, "
            "[data-read-aloud]",
            "els => els.map(e => getComputedStyle(e).display)",
        )
        assert all(display == "none" for display in hidden), (path, hidden)
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        page.emulate_media(media="screen")


def test_print_stylesheets_of_results_and_attendance_lists(page, site):
    _orientation_results(page, site)
    page.goto(page.url + "imprimer/")
    page.emulate_media(media="print")
    assert page.locator(".print-sheet, main").first.is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")

    login(page, site, site.data["mediator"])
    page.goto(site(f"/agenda/equipe/{site.data['today_session']}/emargement/"))
    page.emulate_media(media="print")
    assert not page.locator(".no-print").first.is_visible()
    assert page.locator("thead").first.evaluate("e => getComputedStyle(e).display") == (
        "table-header-group"
    )
    assert page.pdf(format="A4").startswith(b"%PDF")
