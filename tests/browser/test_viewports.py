"""Public pages of the three packs on a phone (360 × 740), a tablet (768 × 1024) and a desktop
(1280 × 800): no horizontal scrolling, a header of at most 15 % of the phone's screen, the first
result of search and list pages above the fold, no label covered by a field or a button; the
questionnaire's answers visible without scrolling at 360 × 640; the « Menu » and « Filtrer »
disclosures working without JavaScript. Screenshots: var/screenshots/<viewport>/
(docs/accessibility.md, « Phone »)."""

import re

import pytest

from .pages import PUBLIC
from .viewports import (
    DESKTOP,
    PACK_PAGES,
    PHONE,
    PHONE_SHORT,
    VIEWPORTS,
    check_page,
    question_answers_hidden,
    screenshot,
)

PACKS = ["dunkerque", "douai-lens-bethune", "exemple"]
# Pages reached through a form (Dunkerque, where seed.py made sessions): pages.py drives them.
FORM_PAGES = ["comparer", "seance", "inscription-confirmee", "orientation-resultats"]


def _problems(found: dict) -> str:
    return "\n".join(f"{kind}: {problem}" for kind, items in found.items() for problem in items)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
@pytest.mark.parametrize("pack", PACKS)
def test_public_pages_fit_the_screen(new_page, site, pack, viewport):
    data = site.data["packs"][pack]
    page = new_page(viewport=viewport.size)
    found, seen = {}, 0
    for kind in PACK_PAGES:
        url = kind.url(site.url, data)
        if url is None:
            continue
        response = page.goto(url)
        assert response.status == kind.status, (url, response.status)
        seen += 1
        problems = check_page(page, viewport, results=kind.results)
        # Whole pages on the phone (to look at); the first screen elsewhere (faster).
        screenshot(page, viewport, f"{pack}-{kind.kind}", full_page=viewport is PHONE)
        if problems:
            found[kind.kind] = problems
    assert seen >= len(PACK_PAGES) - 3, f"{pack} : {seen} pages seulement"
    assert not found, f"{pack} à {viewport.name} :\n{_problems(found)}"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_pages_behind_a_form_fit_the_screen(new_page, site, viewport):
    page = new_page(viewport=viewport.size)
    found = {}
    for visit in [v for v in PUBLIC if v.id in FORM_PAGES]:
        response = visit.open(page, site)
        assert response is None or response.status == 200, visit.id
        page.wait_for_load_state("load")
        problems = check_page(page, viewport)
        screenshot(page, viewport, f"dunkerque-{visit.id}", full_page=viewport is PHONE)
        if problems:
            found[visit.id] = problems
    assert not found, _problems(found)


@pytest.mark.parametrize("pack", PACKS)
def test_every_question_shows_its_answers_on_a_small_phone(new_page, site, pack):
    """Without JavaScript (the plain forms), at 360 × 640: every question of the complete
    questionnaire, skipped one after the other."""
    data = site.data["packs"][pack]
    page = new_page(viewport=PHONE_SHORT.size, java_script_enabled=False)
    base = site.url if not data["host"] else re.sub(r"//[^:/]+", "//" + data["host"], site.url)
    page.goto(base + "/orientation/")
    page.locator("button[name=mode][value=complet]").click()
    page.wait_for_url(re.compile(r"/question/1/$"))
    hidden, kinds, number = [], set(), 0
    while "/question/" in page.url:
        number += 1
        assert number < 200, "le questionnaire ne se termine pas"
        hidden += question_answers_hidden(page)
        kind = page.evaluate(
            "() => (document.querySelector('form.question .answers') || {}).className || 'texte'"
        )
        if kind not in kinds:  # a screenshot of the first question of each kind
            kinds.add(kind)
            screenshot(page, PHONE_SHORT, f"{pack}-question-{number:02d}", full_page=False)
        current = page.url
        page.locator("button[name=action][value=skip]").click()
        page.wait_for_url(lambda url, current=current: url != current)
    assert number >= 5, number
    assert not hidden, "\n".join(hidden)


def test_menu_folds_on_a_phone_and_opens_without_javascript(new_page, site):
    page = new_page(viewport=PHONE.size, java_script_enabled=False)
    page.goto(site("/"))
    nav = page.get_by_role("navigation", name="Menu principal")
    link = nav.get_by_role("link", name="Agenda")
    assert not link.is_visible()
    menu = page.locator("summary.menu-button")
    assert menu.is_visible() and menu.inner_text().strip() == "Menu"
    menu.click()
    assert link.is_visible()
    screenshot(page, PHONE, "menu-ouvert", full_page=False)
    link.click()
    page.wait_for_url(re.compile(r"/agenda/$"))


def test_menu_opens_with_the_keyboard(new_page, site):
    page = new_page(viewport=PHONE.size)
    page.goto(site("/"))
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")  # « Menu »
    assert page.evaluate("document.activeElement.className") == "menu-button"
    page.keyboard.press("Enter")
    assert page.locator("details.site-menu").get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "recherche-entete"


def test_menu_is_open_without_its_button_on_a_desktop(new_page, site):
    page = new_page(viewport=DESKTOP.size)
    page.goto(site("/"))
    assert not page.locator("summary.menu-button").is_visible()
    nav = page.get_by_role("navigation", name="Menu principal")
    assert nav.get_by_role("link", name="Agenda").is_visible()
    assert page.locator("#recherche-entete").is_visible()


@pytest.mark.parametrize(
    "path", ["/metiers/", "/agenda/", "/qui-recrute/"], ids=["metiers", "agenda", "qui-recrute"]
)
def test_filters_fold_behind_filtrer_on_a_phone(new_page, site, path):
    page = new_page(viewport=PHONE.size, java_script_enabled=False)
    page.goto(site(path))
    select = page.locator("form.filters details select, form.filters details input").first
    assert not select.is_visible()
    page.locator("summary.filters-toggle").click()
    assert select.is_visible()
    wide = new_page(viewport=DESKTOP.size)
    wide.goto(site(path))
    assert not wide.locator("summary.filters-toggle").is_visible()
    assert wide.locator(
        "form.filters details select, form.filters details input"
    ).first.is_visible()


def test_phone_fields_bring_the_right_keyboard(new_page, site):
    page = new_page(viewport=PHONE.size)
    page.goto(site(f"/agenda/seances/{site.data['upcoming_session']}/"))
    phone = page.locator("input[name=phone]")
    assert phone.get_attribute("type") == "tel"
    assert phone.get_attribute("inputmode") == "tel"
    assert phone.get_attribute("autocomplete") == "tel"
    email = page.locator("input[name=email]")
    assert email.get_attribute("inputmode") == "email"
    assert email.get_attribute("autocomplete") == "email"


def test_chart_labels_are_readable_on_a_phone(new_page, site):
    page = new_page(viewport=PHONE.size)
    page.goto(site("/"))
    sizes = page.eval_on_selector_all(
        ".chart .chart-label, .chart .chart-value",
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert sizes and min(sizes) >= 12, sizes
