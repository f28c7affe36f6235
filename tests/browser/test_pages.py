"""Every public page and the main staff pages in Chromium: no WCAG 2.0/2.1 A or AA violation
found by axe-core, a unique title, `lang`, landmarks, a skip link, a visible focus; public pages
also without horizontal scrolling at 320 px wide and with text at 200 %, at most 150 KB
transferred (compressed) and no request to another host (docs/accessibility.md)."""

import pytest

from .helpers import ARTIFACTS, RequestLog, fetch_favicon, format_violations, run_axe
from .keyboard import focused, settle, tab_to
from .pages import PUBLIC, STAFF

BUDGET = 150 * 1024
DESKTOP = {"width": 1280, "height": 900}
WEIGHTS: dict[str, tuple[int, int]] = {}
TITLES: dict[str, str] = {}  # visit id → title, seen by test_public_page


@pytest.fixture(scope="module", autouse=True)
def _fresh_weight_report():
    (ARTIFACTS / "poids-des-pages.tsv").unlink(missing_ok=True)


STRUCTURE = """() => ({
  lang: document.documentElement.lang,
  title: document.title,
  banner: document.querySelectorAll('header[role=banner], body > header').length,
  main: document.querySelectorAll('main').length,
  nav: document.querySelectorAll('nav').length,
  contentinfo: document.querySelectorAll('footer[role=contentinfo], body > footer').length,
  h1: document.querySelectorAll('h1').length,
  skipTarget: !!document.getElementById('contenu'),
})"""

FIRST_FOCUSABLE = """() => {
  const el = document.querySelector('a[href], button, input:not([type=hidden]), select, textarea');
  return el && el.getAttribute('href');
}"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _open(visit, page, site):
    response = visit.open(page, site)
    if response is not None and visit.optional and response.status == 404:
        pytest.skip(f"{visit.path} n'existe pas encore")
    if response is not None:
        assert response.status == visit.status, (visit.path, response.status)
    settle(page)
    return response


def _check_structure(page, visit):
    info = page.evaluate(STRUCTURE)
    assert info["lang"] == "fr", info
    assert info["title"].strip(), "titre vide"
    assert info["main"] == 1 and info["h1"] == 1, info
    if visit.standalone:
        return info
    assert info["banner"] == 1 and info["contentinfo"] == 1 and info["nav"] >= 1, info
    assert info["skipTarget"], "la cible du lien d'évitement (#contenu) manque"
    assert page.evaluate(FIRST_FOCUSABLE) == "#contenu", "le lien d'évitement n'est pas le premier"
    if focused(page) is None:
        # The first Tab reaches the skip link, visibly.
        page.keyboard.press("Tab")
        skip = focused(page)
    else:
        # A step of the questionnaire puts the focus on its question (autofocus): the skip
        # link is then just before, with Shift+Tab.
        skip = tab_to(page, lambda e: e["href"] == "#contenu", backwards=True, limit=40)
    assert skip and skip["href"] == "#contenu" and skip["visible"], skip
    # Enter moves the focus to the content.
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    # The next elements all show their focus.
    for _ in range(12):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is not None:
            assert element["visible"], f"focus invisible : {element}"
    return info


def _weigh(log, page) -> tuple[int, int, int]:
    """Bytes of everything `page` loaded since `log` started recording, favicon included:
    (raw, gzip, requests)."""
    fetch_favicon(page, log)
    assert log.foreign(page.url) == [], log.foreign(page.url)
    sizes = log.sizes()
    return sum(raw for raw, _ in sizes), sum(gzip for _, gzip in sizes), len(sizes)


def _weigh_cold(page) -> tuple[int, int, int]:
    """The page loaded again in a new tab of the same browser context (same session, so that a
    step of the questionnaire or a registration confirmation can be loaded again), with the
    browser cache switched off."""
    cold = page.context.new_page()
    cdp = page.context.new_cdp_session(cold)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    log = RequestLog(cold, keep=True)
    cold.goto(page.url)
    cold.wait_for_load_state("load")
    weight = _weigh(log, cold)
    cold.close()
    return weight


def _check_axe(page, url):
    violations = run_axe(page)
    assert not violations, format_violations(url, violations)


def _fits(page, shot, viewport: dict, font_size: str, step: str) -> int:
    """Horizontal overflow of the page at another size or text size, reached on the page
    already open (the layout is computed again from the same document, as a fresh load at
    that size would: no script of the site lays the page out by the screen's width); then
    back to the desktop size and the normal text."""
    page.set_viewport_size(viewport)
    page.evaluate("(size) => { document.documentElement.style.fontSize = size; }", font_size)
    overflow = page.evaluate(OVERFLOW)
    shot(page, step)
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    page.set_viewport_size(DESKTOP)
    return overflow


@pytest.mark.parametrize("visit", PUBLIC, ids=[v.id for v in PUBLIC])
def test_public_page(visit, new_page, site, axe_available, shot):
    page = new_page(viewport=DESKTOP)
    # A page reached by its address is the first thing this new context (empty browser cache)
    # loads: that load is weighed. A page behind a form is loaded again, cold (_weigh_cold).
    weighed = RequestLog(page, keep=True) if visit.go is None else None
    _open(visit, page, site)
    page_url = page.url
    TITLES[visit.id] = page.title()

    # Weight: everything the page loads with an empty cache.
    raw, compressed, count = _weigh(weighed, page) if weighed else _weigh_cold(page)
    WEIGHTS[visit.id] = (raw, compressed)
    assert compressed <= BUDGET, (visit.id, compressed)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "poids-des-pages.tsv").open("a") as report:
        report.write(f"{visit.id}\t{raw}\t{compressed}\t{count}\n")

    # 320 px wide (a small phone), then text at 200 %: nothing scrolls sideways.
    small = _fits(page, shot, {"width": 320, "height": 640}, "", "320px")
    assert small <= 0, f"défilement horizontal à 320 px : {page_url}"
    zoomed = _fits(page, shot, DESKTOP, "200%", "texte-200")
    assert zoomed <= 0, f"défilement horizontal avec le texte à 200 % : {page_url}"

    info = _check_structure(page, visit)
    _check_axe(page, page_url)
    shot(page, "bureau")

    # No request to another host, on the way here or on the page.
    assert page.requests.foreign(site.url) == [], page.requests.foreign(site.url)
    if visit.status == 200:
        assert page.console_errors == [], page.console_errors
    assert info["title"]


@pytest.mark.parametrize("visit", STAFF, ids=[v.id for v in STAFF])
def test_staff_page(visit, page, site, axe_available, shot):
    _open(visit, page, site)
    _check_structure(page, visit)
    _check_axe(page, page.url)
    shot(page, "page")


def test_titles_are_unique(page, site):
    """Across public pages; the titles test_public_page saw (it runs first), the other pages
    visited here (when run alone or after a failure)."""
    titles = {}
    for visit in PUBLIC:
        title = TITLES.get(visit.id)
        if title is None:
            response = visit.open(page, site)
            if response is not None and response.status == 404 and visit.optional:
                continue
            page.wait_for_load_state("load")
            title = page.title()
        titles.setdefault(title, []).append(visit.id)
    duplicates = {title: ids for title, ids in titles.items() if len(ids) > 1}
    assert not duplicates, duplicates
