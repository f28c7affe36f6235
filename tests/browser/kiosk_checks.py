"""What the kiosk's browser tests measure on a page (tests/browser/test_kiosk.py): horizontal
scroll, links that would leave the kiosk, touch targets smaller than 56 px. (The generic
viewport checks of the `phone` branch live in viewports.py once merged; these are the kiosk's
own, with its 56 px promise.)"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from .helpers import ROOT

KIOSK_TARGET = 56
SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
SCREENSHOTS = ROOT / "var" / "screenshots"
CLOSED_PREFIXES = ("/equipe/", "/admin/", "/api/", "/borne/quitter/")

# Every element a visitor can touch, with its box. A checkbox or radio is measured through its
# label (the label is the target); text links inside a sentence are measured too.
_TARGETS_JS = """
(minimum) => {
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    if (el.closest("details:not([open]) > :not(summary)")) return false;
    if (el.closest(".visually-hidden, .skip-link, [hidden], [aria-hidden=true]")) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.name || "")
      .trim().replace(/\\s+/g, " ").slice(0, 40);
    return el.tagName.toLowerCase() + (el.type ? "[" + el.type + "]" : "") + " « " + text + " »";
  };
  const targets = [];
  const seen = new Set();
  const add = (el) => { if (!seen.has(el) && visible(el)) { seen.add(el); targets.push(el); } };
  document.querySelectorAll(
    "a[href], button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio])"
  ).forEach(add);
  document.querySelectorAll("input[type=checkbox], input[type=radio]").forEach((input) => {
    const label = input.closest("label") || (input.id && document.querySelector(`label[for="${input.id}"]`));
    if (label) add(label); else add(input);
  });
  return targets.map((el) => {
    const box = el.getBoundingClientRect();
    return {what: describe(el), width: Math.round(box.width), height: Math.round(box.height)};
  }).filter((t) => t.height < minimum || t.width < minimum);
}
"""


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: no horizontal scroll)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def small_targets(page, minimum: int = KIOSK_TARGET) -> list[dict]:
    return page.evaluate(_TARGETS_JS, minimum)


def page_links(page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")


def leaves_kiosk(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return True
    return parts.path.startswith(CLOSED_PREFIXES)


def page_kind(url: str) -> str:
    """/metiers/soudeur-h-f/imprimer/ → /metiers/*/imprimer/: one page of each kind is enough."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return "/"
    words = {"imprimer", "comparer", "services", "seances", "rome", "question", "resultat",
             "retrouver", "abonnement", "nous-trouver", "projets"}  # fmt: skip
    kept = [segments[0]] + [s if s in words else "*" for s in segments[1:]]
    return "/" + "/".join(kept) + "/"


def screenshot_path(size: str, index: int, kind: str) -> Path:
    folder = SCREENSHOTS / f"kiosk-{size}"
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w-]+", "-", kind.strip("/")) or "accueil"
    return folder / f"{index:02d}-{name}.png"
