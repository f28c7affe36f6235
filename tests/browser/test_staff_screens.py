"""The staff's daily screens on a 1280×800 laptop and a 10" tablet held upright (800×1280):
no horizontal scroll, nothing covering a label (a sticky bar once hid « Motif »), the ESF+
answers of the desk above its button. Screenshots in var/screenshots/staff-<size>/ (gitignored)."""

import pytest

from .helpers import ROOT
from .pages import login

SIZES = [(1280, 800), (800, 1280)]
PAGES = [
    # (name, path, who)
    ("registre-des-visites", "/equipe/accueil/", "mediator"),
    ("dossiers", "/equipe/accueil/personnes/", "mediator"),
    ("orientations", "/equipe/accueil/orientations/", "mediator"),
    ("seances", "/agenda/equipe/", "mediator"),
    ("tableau-de-bord", "/equipe/statistiques/", "coordinator"),
    ("synthese-du-bilan", "/equipe/statistiques/synthese/", "coordinator"),
]

# Every visible label or legend, scrolled to the middle of the screen: the element drawn at its
# centre must be the label itself (or inside it), never something laid over it.
COVERED_LABELS = """
() => {
  const out = [];
  const items = Array.from(document.querySelectorAll("main label, main legend"));
  for (const el of items) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") continue;
    // folded <details>: laid out (content-visibility) but not drawn
    if (el.closest("details:not([open])") && !el.closest("summary")) continue;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) continue;
    el.scrollIntoView({block: "center", inline: "nearest"});
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 40), 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (hit && !el.contains(hit) && !(hit.control && hit.control === el.control)) {
      out.push(el.textContent.trim().slice(0, 40) + " ← " + hit.tagName + "." + hit.className);
    }
  }
  return out;
}
"""

HORIZONTAL_OVERFLOW = """
() => document.documentElement.scrollWidth - document.documentElement.clientWidth
"""


def _folder(width, height):
    folder = ROOT / "var" / "screenshots" / f"staff-{width}x{height}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def staff_pages(browser, site):
    """One logged-in context per (size, role), shared by the module's tests."""
    contexts, pages = [], {}
    for width, height in SIZES:
        for who in ("mediator", "coordinator"):
            context = browser.new_context(
                base_url=site.url, locale="fr-FR", viewport={"width": width, "height": height}
            )
            context.set_default_timeout(60_000)
            contexts.append(context)
            page = context.new_page()
            login(page, site, site.data[who])
            pages[(width, height, who)] = page
    yield pages
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1280x800", "800x1280"])
@pytest.mark.parametrize(("name", "path", "who"), PAGES, ids=[p[0] for p in PAGES])
def test_staff_page_fits_without_hiding_a_label(staff_pages, site, width, height, name, path, who):
    page = staff_pages[(width, height, who)]
    response = page.goto(site(path))
    page.wait_for_load_state("load")
    assert response.status == 200, path
    page.screenshot(path=str(_folder(width, height) / f"{name}.png"), full_page=True)
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{path}: défilement horizontal"
    covered = page.evaluate(COVERED_LABELS)
    assert covered == [], f"{path}: libellés recouverts : {covered}"


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1280x800", "800x1280"])
def test_desk_shows_the_esf_answers_before_the_button_and_counts_them(
    staff_pages, site, width, height
):
    page = staff_pages[(width, height, "mediator")]
    page.goto(site("/equipe/accueil/"))
    page.wait_for_load_state("load")

    def top(selector):
        return page.eval_on_selector(
            selector, "el => el.getBoundingClientRect().top + window.scrollY"
        )

    submit = top("form.desk-form button[type=submit]")
    for field in ("gender", "age_band", "qpv"):
        bottom = page.eval_on_selector(
            f"#champ-{field}", "el => el.getBoundingClientRect().bottom + window.scrollY"
        )
        assert bottom < submit, field
    status = page.locator("[data-esf-status]")
    assert "3 réponses FSE+ manquantes" in status.inner_text()
    page.locator("#champ-gender label").first.click()
    page.locator("#champ-qpv label").first.click()
    assert "1 réponse FSE+ manquante" in status.inner_text()
    page.locator("#champ-age_band label").first.click()
    assert "Toutes les réponses FSE+ sont renseignées." in status.inner_text()
    page.screenshot(path=str(_folder(width, height) / "registre-esf-rempli.png"), full_page=True)


def test_barrier_picker_filters_grouped_checkboxes(staff_pages, site):
    page = staff_pages[(1280, 800, "mediator")]
    page.goto(site("/equipe/accueil/personnes/?tri=recent"))
    link = page.locator("table a[href*='/personnes/']").first
    if not link.count():
        pytest.skip("aucun dossier de suivi dans les données de démonstration")
    link.click()
    page.wait_for_load_state("load")
    search = page.locator("#frein-recherche")
    assert search.is_visible()  # shown by staff.js
    search.fill("permis")
    shown = page.locator("#freins-groupes li[data-filter-item]:not([hidden])")
    assert 0 < shown.count() < 10
    assert all("permis" in t.lower() for t in shown.all_inner_texts())
    page.screenshot(path=str(_folder(1280, 800) / "freins-recherche.png"), full_page=True)
    search.fill("")
    assert page.locator("#freins-groupes li[data-filter-item]:not([hidden])").count() > 60
