"""The kiosk lock on the server side: a kiosk page never links out of the site, to the team's
pages or to the API. Links that would are turned into plain text (their words stay readable:
a source keeps its name and date). static/espaces/kiosk.js does the same for content that a
page brings later (htmx), and the middleware turns staff addresses away."""

import re
from urllib.parse import urlsplit

# Places of the site a visitor of a kiosk never reaches: the team's screens, the admin, the API
# and what ends the kiosk mode.
CLOSED_PREFIXES = ("/equipe/", "/admin/", "/api/", "/borne/quitter/")
LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<inner>.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def leaves_kiosk(href: str, host: str) -> bool:
    """True when following `href` from a kiosk page of `host` would leave the kiosk."""
    href = href.strip()
    if not href or href.startswith("#"):
        return False
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True  # mailto:, tel:, sms:, javascript:…
    if parts.netloc and parts.netloc.lower() != host.lower():
        return True
    path = parts.path or "/"
    return path.startswith(CLOSED_PREFIXES)


def lock_html(html: str, host: str) -> str:
    """The page with every link that leaves the kiosk turned into plain text."""

    def replace(match):
        found = HREF.search(match["attrs"])
        if not found:
            return match[0]
        href = next(g for g in found.groups() if g is not None)
        if not leaves_kiosk(href, host):
            return match[0]
        return f'<span class="kiosk-outside">{match["inner"]}</span>'

    return LINK.sub(replace, html)
