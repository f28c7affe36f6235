"""Checks of a page at a given screen size, shared by the browser tests of every viewport
(test_viewports.py: phone, tablet, desktop; the kiosk's portrait and landscape screens can
reuse them): no horizontal scrolling, the header's height, the first result above the fold, no
label covered by a field or a button, a screenshot of each page under var/screenshots/<viewport>/.

Also the representative public pages of each pack (one of each kind), built from the data
printed by seed.py (`site.data["packs"]`)."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .helpers import ROOT

SCREENSHOTS = ROOT / "var" / "screenshots"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    # The header may take at most this share of the screen's height (None: not checked).
    header_share: float | None = None

    @property
    def size(self) -> dict:
        return {"width": self.width, "height": self.height}


PHONE = Viewport("phone-360x740", 360, 740, header_share=0.15)
PHONE_SHORT = Viewport("phone-360x640", 360, 640)
TABLET = Viewport("tablet-768x1024", 768, 1024)
DESKTOP = Viewport("desktop-1280x800", 1280, 800)
VIEWPORTS = [PHONE, TABLET, DESKTOP]

# How much of the first result must show above the fold (px), or all of it when shorter.
VISIBLE_PART = 48


@dataclass(frozen=True)
class PackPage:
    """A public page kind, as a path template filled from one pack's data (seed.py)."""

    kind: str
    path: str
    # CSS selector of the results on a search or list page: the first must be above the fold.
    results: str = ""
    status: int = 200
    needs: tuple[str, ...] = field(default_factory=tuple)  # keys of the pack data the path uses

    def url(self, base: str, pack: dict) -> str | None:
        if any(not pack.get(key) for key in self.needs):
            return None  # the pack has none (a territory without an Espace yet, say)
        host = pack.get("host")
        if host:
            parts = urlsplit(base)
            base = f"{parts.scheme}://{host}:{parts.port}"
        return base + self.path.format(**pack)


PACK_PAGES = [
    PackPage("accueil", "/"),
    PackPage("projets", "/projets/", results="article.project"),
    PackPage("metiers", "/metiers/", results="#resultats .cards > li"),
    PackPage(
        "metiers-recherche",
        "/metiers/?q=aide+soignante",
        results="#resultats .cards > li, #resultats .national-list > li",
    ),
    PackPage("fiche-metier", "/metiers/{metier}/", needs=("metier",)),
    PackPage("fiches-nationales", "/metiers/rome/", results="main details"),
    PackPage("fiche-nationale", "/metiers/rome/J1501/"),
    PackPage("lever-les-freins", "/lever-les-freins/"),
    PackPage(
        "lever-les-freins-besoins",
        "/lever-les-freins/?besoin=me-deplacer&besoin=me-loger",
        results="#resultats .need-group",
    ),
    PackPage("fiche-service", "/lever-les-freins/services/{service}/", needs=("service",)),
    PackPage("orientation", "/orientation/"),
    PackPage("orientation-retrouver", "/orientation/retrouver/"),
    PackPage("simulateur", "/et-si-je-travaillais/"),
    PackPage("agenda", "/agenda/", results="ul.sessions > li, main .empty"),
    PackPage("abonnement-agenda", "/agenda/abonnement/"),
    PackPage("qui-recrute", "/qui-recrute/", results="ul.offers > li, main .empty"),
    PackPage("nous-trouver", "/nous-trouver/"),
    PackPage("un-espace", "/nous-trouver/{site}/", needs=("site",)),
    PackPage("professionnels", "/pros/"),
    PackPage("demande-etablissement", "/pros/demande/etablissement/"),
    PackPage("ressources-pros", "/pros/ressources/"),
    PackPage("impact", "/impact/"),
    PackPage("reseau", "/reseau/"),
    PackPage("a-propos", "/a-propos/"),
    PackPage("connexion", "/equipe/connexion/"),
    PackPage("page-introuvable", "/cette-page-n-existe-pas/", status=404),
]


def horizontal_overflow(page) -> int:
    """Pixels the page scrolls sideways (0 when it fits the screen's width)."""
    return page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")


def header_height(page) -> float:
    return page.evaluate(
        "() => { const h = document.querySelector('body > header, header[role=banner]');"
        " return h ? h.getBoundingClientRect().height : 0; }"
    )


def first_result_shown(page, selector: str) -> dict | None:
    """Where the first visible result starts and ends on the page as it opens (page
    coordinates), with the screen's height; None when the page lists nothing."""
    return page.evaluate(
        """(selector) => {
          const all = [...document.querySelectorAll(selector)];
          const first = all.find(e => e.checkVisibility() && e.offsetHeight > 0);
          if (!first) return null;
          const box = first.getBoundingClientRect();
          return {top: box.top + scrollY, bottom: box.bottom + scrollY, fold: innerHeight,
                  text: first.innerText.trim().slice(0, 60)};
        }""",
        selector,
    )


def above_the_fold(shown: dict, visible_part: int = VISIBLE_PART) -> bool:
    """At least `visible_part` px of the result (or all of it) is on the first screen."""
    return shown["top"] + min(visible_part, shown["bottom"] - shown["top"]) <= shown["fold"]


# Every visible label (and legend) against every visible field or button that is not inside it:
# a box that covers a label's text hides it (touch layouts where things wrap badly).
LABEL_OVERLAPS = """() => {
  // checkVisibility: also false inside a closed <details> (content-visibility: hidden).
  const visible = (e) => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const box = (e) => e.getBoundingClientRect();
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : '');
  const labels = [...document.querySelectorAll('label, legend')].filter(visible)
    .filter(l => (l.innerText || '').trim() && box(l).width > 1 && box(l).height > 1);
  const controls = [...document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, summary, a.button')].filter(visible);
  const found = [];
  for (const label of labels) {
    const a = box(label);
    for (const control of controls) {
      if (label.contains(control) || control.contains(label)) continue;
      const b = box(control);
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 2 && y > 2) {
        found.push(name(label) + ' « ' + label.innerText.trim().slice(0, 40) + ' » ← ' + name(control));
      }
    }
  }
  return found;
}"""


def label_overlaps(page) -> list[str]:
    """Labels (or legends) partly covered by a field or a button that is not theirs."""
    return page.evaluate(LABEL_OVERLAPS)


def screenshot(page, viewport: Viewport, name: str, *, full_page: bool = True):
    """Saves var/screenshots/<viewport>/<name>.png (git-ignored: test artifacts)."""
    folder = SCREENSHOTS / viewport.name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (re.sub(r"[^\w.-]+", "_", name) + ".png")
    page.screenshot(path=str(path), full_page=full_page)
    return path


def check_page(page, viewport: Viewport, *, results: str = "") -> list[str]:
    """Everything this module checks on the page now open; returns the problems found."""
    problems = []
    overflow = horizontal_overflow(page)
    if overflow > 0:
        problems.append(f"défilement horizontal de {overflow} px")
    if viewport.header_share is not None:
        height = header_height(page)
        limit = viewport.height * viewport.header_share
        if height > limit:
            problems.append(f"en-tête de {height:.0f} px (au plus {limit:.0f})")
    if results:
        shown = first_result_shown(page, results)
        if shown is None:
            problems.append(f"aucun résultat visible ({results})")
        elif not above_the_fold(shown):
            problems.append(
                f"premier résultat à {shown['top']:.0f} px, sous la ligne de flottaison"
                f" ({shown['fold']} px) : {shown['text']!r}"
            )
    for overlap in label_overlaps(page):
        problems.append(f"étiquette recouverte : {overlap}")
    return problems


# The answers of the question on screen: each one's box in page coordinates.
ANSWERS = """() => {
  const kind = document.querySelector('form.question .answers.centres') ? 'multi'
    : document.querySelector('form.question .answers') ? 'choice'
    : document.querySelector('form.question .text-answer') ? 'text' : '';
  const items = [...document.querySelectorAll(
    'form.question .answers > li, form.question .text-answer input, form.question .text-answer textarea')];
  return {kind, fold: innerHeight, title: (document.querySelector('h1') || {}).innerText || '',
          boxes: items.map(e => { const b = e.getBoundingClientRect();
                                  return {top: b.top + scrollY, bottom: b.bottom + scrollY}; })};
}"""


def question_answers_hidden(page) -> list[str]:
    """The questionnaire's answers that fall below the first screen: every answer of a choice
    or scale question, the field of a text question; the first ones of a long list of
    interests (30 of them never fit: the first is enough to show that the list starts)."""
    info = page.evaluate(ANSWERS)
    boxes = info["boxes"]
    if not boxes:
        return [f"aucune réponse trouvée ({info['title']!r})"]
    checked = boxes[:1] if info["kind"] == "multi" else boxes
    return [
        f"{info['title']!r} : réponse {number} à {box['bottom']:.0f} px (écran : {info['fold']})"
        for number, box in enumerate(checked, start=1)
        if box["bottom"] > info["fold"]
    ]
