"""Kiosk mode in Chromium: the touch-screen layout, no way out of the site, and the reset after
the idle time (ESPACES_KIOSK_IDLE_SECONDS, shortened to a few seconds for the test site)."""

import re
import time

from .pages import PUBLIC

IDLE = 6  # tests/browser/site_settings.py


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
