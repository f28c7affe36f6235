"""Every public page and the main staff pages in Chromium: no WCAG 2.0/2.1 A or AA violation
found by axe-core, a unique title, `lang`, landmarks, a skip link, a visible focus; public pages
also without horizontal scrolling at 320 px wide and with text at 200 %, at most 150 KB
transferred (compressed) and no request to another host (docs/accessibility.md)."""

import pytest

from .helpers import ARTIFACTS, RequestLog, format_violations, run_axe
from .keyboard import focused, settle, tab_to
from .pages import PUBLIC, STAFF

BUDGET = 150 * 1024
WEIGHTS: dict[str, tuple[int, int]] = {}


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


def _weigh(page, url) -> tuple[int, int, int]:
    """Bytes of everything the page at `url` loads with an empty cache: (raw, gzip, requests)."""
    cold = page.context.new_page()
    cdp = page.context.new_cdp_session(cold)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    log = RequestLog(cold)
    cold.goto(url)
    cold.wait_for_load_state("load")
    cold.wait_for_timeout(200)  # late responses (favicon)
    assert log.foreign(url) == [], log.foreign(url)
    responses = list(log.responses)
    cold.close()
    return (
        sum(r["raw"] for r in responses),
        sum(r["compressed"] for r in responses),
        len(responses),
    )


def _check_axe(page, url):
    violations = run_axe(page)
    assert not violations, format_violations(url, violations)


@pytest.mark.parametrize("visit", PUBLIC, ids=[v.id for v in PUBLIC])
def test_public_page(visit, new_page, site, axe_available, shot):
    page = new_page()
    _open(visit, page, site)
    page_url = page.url
    info = _check_structure(page, visit)
    _check_axe(page, page_url)
    shot(page, "bureau")

    # No request to another host, on the way here or on the page.
    assert page.requests.foreign(site.url) == [], page.requests.foreign(site.url)
    if visit.status == 200:
        assert page.console_errors == [], page.console_errors

    # Weight: the page loaded again, cold (browser cache off), in the same session.
    raw, compressed, count = _weigh(page, page_url)
    WEIGHTS[visit.id] = (raw, compressed)
    assert compressed <= BUDGET, (visit.id, compressed)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "poids-des-pages.tsv").open("a") as report:
        report.write(f"{visit.id}\t{raw}\t{compressed}\t{count}\n")

    # 320 px wide (a small phone), then text at 200 %: nothing scrolls sideways.
    small = new_page(viewport={"width": 320, "height": 640})
    _open(visit, small, site)
    assert small.evaluate(OVERFLOW) <= 0, f"défilement horizontal à 320 px : {page_url}"
    shot(small, "320px")
    zoomed = new_page(viewport={"width": 1280, "height": 900})
    _open(visit, zoomed, site)
    zoomed.evaluate("document.documentElement.style.fontSize = '200%'")
    assert zoomed.evaluate(OVERFLOW) <= 0, (
        f"défilement horizontal avec le texte à 200 % : {page_url}"
    )
    shot(zoomed, "texte-200")
    assert info["title"]


@pytest.mark.parametrize("visit", STAFF, ids=[v.id for v in STAFF])
def test_staff_page(visit, page, site, axe_available, shot):
    _open(visit, page, site)
    _check_structure(page, visit)
    _check_axe(page, page.url)
    shot(page, "page")


def test_titles_are_unique(page, site):
    titles = {}
    for visit in PUBLIC:
        response = visit.open(page, site)
        if response is not None and response.status == 404 and visit.optional:
            continue
        page.wait_for_load_state("load")
        titles.setdefault(page.title(), []).append(visit.id)
    duplicates = {title: ids for title, ids in titles.items() if len(ids) > 1}
    assert not duplicates, duplicates
