"""Kiosk mode in Chromium: the touch-screen layout, no way out of the site, and the reset after
the idle time (ESPACES_KIOSK_IDLE_SECONDS, shortened to a few seconds for the test site)."""

import re
import time

import pytest

from .helpers import AXE_JS, format_violations, run_axe
from .kiosk_checks import (
    SIZES,
    horizontal_overflow,
    leaves_kiosk,
    page_kind,
    page_links,
    screenshot_path,
    small_targets,
)
from .pages import PUBLIC

IDLE = 6  # tests/browser/site_settings.py
MAX_KINDS = 30  # pages of different kinds visited by the crawl


def test_kiosk_forgets_the_visitor_after_the_idle_time(page, site, shot):
    page.goto(site("/borne/"))
    page.wait_for_load_state("load")
    assert "kiosk" in page.locator("body").get_attribute("class")
    assert page.locator("body").get_attribute("data-kiosk-idle") == str(IDLE)
    shot(page, "borne-accueil")

    # Big targets: every link of the menu and every button is at least 56 px high.
    heights = page.eval_on_selector_all(
        ".main-nav a, main button:not([hidden])", "els => els.map(e => e.offsetHeight)"
    )
    assert heights and min(heights) >= 56, heights

    # The visitor starts the questionnaire and answers one question.
    page.goto(site("/orientation/"))
    page.locator("button[name=mode][value=rapide]").click()
    page.wait_for_url(re.compile(r"/question/1/$"))
    page.wait_for_load_state("load")
    first = page.locator("form.question input[type=checkbox]").first
    first.check()
    page.locator("button[name=action][value=next]").click()
    page.wait_for_url(re.compile(r"/question/2/$"))
    # …then types something and leaves without a word.
    page.locator("#recherche-entete").fill("mon nom est Personne")
    shot(page, "borne-en-cours")
    left_at = time.monotonic()

    # A warning comes first, then the reset: back home, nothing typed, no answers.
    page.locator(".kiosk-warning").wait_for(timeout=IDLE * 1000)
    shot(page, "borne-avertissement")
    page.wait_for_url(lambda url: url.rstrip("/") == site.url, timeout=(IDLE + 5) * 1000)
    page.wait_for_load_state("load")
    assert time.monotonic() - left_at >= IDLE - 1
    assert page.locator("#recherche-entete").input_value() == ""
    # The page's timer and the server's guard end at the same time: either one resets.
    message = page.locator(".messages").inner_text()
    assert "Tout a été effacé" in message or "remise à zéro" in message, message
    shot(page, "borne-remise-a-zero")
    page.goto(site("/orientation/"))
    assert "Vous avez déjà commencé" not in page.locator("main").inner_text()
    assert "kiosk" in page.locator("body").get_attribute("class")  # still a kiosk


def test_kiosk_never_links_outside_the_site(page, site):
    page.goto(site("/borne/"))
    foreign = {}
    for visit in PUBLIC:
        if visit.login or visit.standalone or visit.status != 200 or visit.slow:
            continue
        visit.open(page, site)
        page.wait_for_load_state("load")
        links = page.eval_on_selector_all(
            "a[href]",
            "els => els.map(a => a.href).filter(h => new URL(h).origin !== location.origin)",
        )
        if links:
            foreign[visit.id] = links
    assert not foreign, foreign


def test_server_forgets_an_idle_kiosk_even_without_its_script(new_page, site):
    page = new_page(java_script_enabled=False)
    page.goto(site("/borne/"))
    page.goto(site("/orientation/"))
    page.locator("button[name=mode][value=rapide]").click()
    page.wait_for_url(re.compile(r"/question/1/$"))
    time.sleep(IDLE + 1)
    page.goto(site("/orientation/question/1/"))
    # The server reset the session: the questionnaire has to be started again.
    assert page.url.rstrip("/") == site.url
    assert "remise à zéro" in page.locator(".messages").inner_text()


# --- the kiosk's promise on its two screens (issue #21) ---------------------------------------
@pytest.mark.parametrize("size", sorted(SIZES))
def test_kiosk_crawl_stays_on_the_kiosk_with_big_targets_and_no_horizontal_scroll(
    new_page, site, size
):
    """From the start screen, one page of every kind reachable by a visitor (the Dunkerque
    pack): no horizontal scroll, no link out of the kiosk, every target at least 56 px."""
    from playwright.sync_api import Error as PlaywrightError

    width, height = SIZES[size]
    page = new_page(viewport={"width": width, "height": height}, has_touch=True)
    page.goto(site("/borne/"))
    page.wait_for_load_state("load")
    assert page.locator(".kiosk-tile").count() >= 4
    origin = site.url
    queue, kinds, problems = [page.url], {}, {"scroll": {}, "links": {}, "targets": {}}
    while queue and len(kinds) < MAX_KINDS:
        url = queue.pop(0)
        kind = page_kind(url)
        if kind in kinds:
            continue
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a file to download (.ics, .csv): not a page
            assert "Download is starting" in str(error), error
            kinds[kind] = "download"
            continue
        page.wait_for_load_state("load")
        if page_kind(page.url) != kind and page_kind(page.url) in kinds:
            continue  # a redirection to a page already seen
        kinds[kind] = response.status if response else None
        assert "kiosk" in (page.locator("body").get_attribute("class") or ""), page.url
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems["scroll"][kind] = overflow
        links = page_links(page)
        leaving = [link for link in links if leaves_kiosk(link, origin)]
        if leaving:
            problems["links"][kind] = leaving[:5]
        small = small_targets(page)
        if small:
            problems["targets"][kind] = small[:6]
        page.screenshot(path=str(screenshot_path(size, len(kinds), kind)))
        for link in links:
            if not leaves_kiosk(link, origin) and "#" not in link and page_kind(link) not in kinds:
                queue.append(link.split("?")[0] if "?" in link else link)
    # Every kind of page a visitor can reach from the tiles was seen, print view included.
    for expected in ("/", "/metiers/", "/metiers/*/", "/metiers/*/imprimer/", "/orientation/",
                     "/lever-les-freins/", "/agenda/", "/nous-trouver/"):  # fmt: skip
        assert expected in kinds, (expected, sorted(kinds))
    assert problems == {"scroll": {}, "links": {}, "targets": {}}, problems


@pytest.mark.parametrize("size", sorted(SIZES))
def test_kiosk_start_screen_and_print_view_on_both_screens(new_page, site, size):
    width, height = SIZES[size]
    page = new_page(viewport={"width": width, "height": height}, has_touch=True)
    page.goto(site("/borne/"))
    page.wait_for_load_state("load")
    tiles = page.locator(".kiosk-tile")
    assert tiles.count() == 6
    boxes = [tiles.nth(i).bounding_box() for i in range(tiles.count())]
    assert min(b["height"] for b in boxes) >= 200 and min(b["width"] for b in boxes) >= 300
    # The six tiles fit on one screen, without scrolling.
    assert max(b["y"] + b["height"] for b in boxes) <= height, boxes
    page.screenshot(path=str(screenshot_path(size, 0, "demarrage")), full_page=True)
    if AXE_JS.exists():
        violations = run_axe(page)
        assert not violations, format_violations(page.url, violations)
    # The print view carries the kiosk lock: its timer and no link out.
    page.goto(site(f"/metiers/{site.data['metiers'][0]}/imprimer/"))
    page.wait_for_load_state("load")
    assert page.locator("body").get_attribute("data-kiosk-idle") == str(IDLE)
    assert page.locator("script[src$='/espaces/kiosk.js']").count() == 1
    assert not [link for link in page_links(page) if leaves_kiosk(link, site.url)]
    page.screenshot(path=str(screenshot_path(size, 99, "fiche-a-imprimer")), full_page=True)
    if AXE_JS.exists():
        violations = run_axe(page)
        assert not violations, format_violations(page.url, violations)
    # Back on the start screen: the tile leads to the questionnaire.
    page.goto(site("/"))
    page.locator(".kiosk-tile-orientation").click()
    page.wait_for_url(re.compile(r"/orientation/$"))
