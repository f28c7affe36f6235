"""What the browser tests share: launching Debian's Chromium through Playwright (never a
downloaded browser), axe-core injection, the page-weight measure."""

import functools
import gzip
import os
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
# Debian's chromium-headless-shell (the same Chromium, built as the headless shell that
# Playwright drives by default: a tab costs it about a tenth of the CPU the full browser spends
# in headless mode), else Debian's chromium; ESPACES_CHROMIUM chooses another.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM = Path(
    os.environ.get("ESPACES_CHROMIUM")
    or (HEADLESS_SHELL if HEADLESS_SHELL.exists() else "/usr/bin/chromium")
)
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Content types whose bytes a web server compresses (gzip); images and fonts travel as they are.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


def launch(playwright):
    """Debian's Chromium; Playwright gives it a fresh temporary profile, removed on close."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;true"


def run_axe(page) -> list[dict]:
    """The WCAG 2.0/2.1 A and AA violations axe-core finds on the page, in a short form."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol rather than added as a <script> element: the
        # site's Content-Security-Policy (no inline script) stays on while axe runs.
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "summary": n.get("failureSummary", "")[:300]}
                for n in v["nodes"][:5]
            ],
            "count": len(v["nodes"]),
        }
        for v in result["violations"]
    ]


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']} ({v['count']}×) — {v['help']}")
        for node in v["nodes"]:
            lines.append(f"      {node['target']} {node['summary']!r}")
    return "\n".join(lines)


def compressed_size(body: bytes, content_type: str) -> int:
    """Bytes sent over the wire by a gzip-enabled server (level 6, nginx's and whitenoise's)."""
    if content_type.split(";")[0].strip().startswith(COMPRESSIBLE):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


class RequestLog:
    """Every request a page makes and every response it receives (URL and status). With `keep`,
    the responses themselves too, whose sizes `sizes()` measures (only the page-weight checks
    need the bodies: fetching them from the browser costs a round trip each)."""

    def __init__(self, page, *, keep: bool = False):
        self.requests: list[str] = []
        self.responses: list[dict] = []
        self.kept = [] if keep else None
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._response)

    def _response(self, response):
        self.responses.append({"url": response.url, "status": response.status})
        if self.kept is not None:
            self.kept.append(response)

    def sizes(self) -> list[tuple[int, int]]:
        """(raw, gzip) bytes of each response kept."""
        sizes = []
        for response in list(self.kept):  # not those that arrive meanwhile
            try:
                body = response.body()
            except Exception:  # redirects and aborted responses have no body
                body = b""
            sizes.append(
                (len(body), compressed_size(body, response.headers.get("content-type", "")))
            )
        return sizes

    def foreign(self, base_url: str) -> list[str]:
        host = urlsplit(base_url).netloc
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:", "about:")) and urlsplit(url).netloc != host
        ]


ICON = "() => { const icon = document.querySelector('link[rel~=icon]'); return icon && icon.href; }"


def fetch_favicon(page, log: RequestLog) -> None:
    """Makes sure the favicon the page declares is among the responses `log` keeps: the full
    browser asks for it after the page's load event, the headless shell never does; it is then
    fetched with the page's cookies, as a browser asks for it (the same bytes), and kept."""
    icon = page.evaluate(ICON)
    if icon and not any(response.url == icon for response in log.kept):
        fetched = page.request.get(icon)
        if not any(response.url == icon for response in log.kept):  # not the browser's meanwhile
            log.kept.append(fetched)
