"""Source links must be real publication addresses (docs/packs.md « Liens des sources »).

Refused (an error): development or test copies of a site and local addresses — `staging.*`,
`testing.*`, `www.staging.*`, `preprod.*`, `localhost`, `127.0.0.1`, `*.local`… An editor who
finds an article there looks for it on the publisher's own site, or drops the address and keeps
the publisher, the title and the date.

Flagged (a warning): news aggregators and link shorteners, which copy or wrap an article without
being its publisher (`news.google.com`, `msn.com`, `yahoo` news, `flipboard`…).
"""

import ipaddress
from urllib.parse import urlsplit

# A host label that marks a development, test or pre-production copy of a site.
NON_PUBLIC_LABELS = frozenset(
    {"staging", "testing", "test", "preprod", "pre-prod", "recette", "dev", "sandbox", "demo"}
)
NON_PUBLIC_SUFFIXES = (".local", ".localhost", ".test", ".internal", ".invalid", ".example")
NON_PUBLIC_HOSTS = frozenset({"localhost"})

# (host suffix, path prefix or "") of aggregators: they are not the publisher of what they show.
AGGREGATORS = (
    ("news.google.com", ""),
    ("google.com", "/url"),
    ("msn.com", ""),
    ("news.yahoo.com", ""),
    ("fr.news.yahoo.com", ""),
    ("yahoo.com", "/news"),
    ("flipboard.com", ""),
    ("newsnow.co.uk", ""),
    ("newsbreak.com", ""),
    ("feedly.com", ""),
    ("pressreader.com", ""),
    ("ground.news", ""),
    ("alvinet.com", ""),
    ("newsengine.co", ""),
    ("archive.org", ""),
    ("archive.fo", ""),
    ("archive.ph", ""),
    ("archive.today", ""),
    ("bit.ly", ""),
    ("t.co", ""),
    ("lnkd.in", ""),
)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def _matches(host: str, suffix: str) -> bool:
    return host == suffix or host.endswith("." + suffix)


def refused_host_problem(url: str) -> str | None:
    """A French message when the address is not a public publication address, else None."""
    host = _host(url)
    if not host:
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if address.is_loopback or address.is_private or address.is_link_local:
            return (
                f"adresse « {host} » locale ou privée : donnez l'adresse publique de la publication"
            )
        return None
    labels = host.split(".")
    if host in NON_PUBLIC_HOSTS or host.endswith(NON_PUBLIC_SUFFIXES):
        return (
            f"adresse « {host} » locale : donnez l'adresse publique de la publication, ou "
            "retirez l'adresse et gardez l'éditeur, le titre et la date"
        )
    # staging.libe.io, www.staging.x.fr, testing.lemoniteur.fr… (not the last two labels:
    # « test.fr » itself is a public site).
    if any(label in NON_PUBLIC_LABELS for label in labels[:-2]):
        return (
            f"adresse « {host} » d'un site de test ou de préproduction, pas de la "
            "publication : cherchez l'article sur le site de l'éditeur, ou retirez l'adresse "
            "et gardez l'éditeur, le titre et la date"
        )
    return None


def aggregator_problem(url: str) -> str | None:
    host = _host(url)
    if not host:
        return None
    path = urlsplit(url).path or "/"
    for suffix, prefix in AGGREGATORS:
        if _matches(host, suffix) and path.startswith(prefix or "/"):
            return (
                f"adresse « {host} » d'un agrégateur ou d'une copie, pas de l'éditeur : "
                "préférez l'adresse de la publication d'origine"
            )
    return None


def check_url(ctx, record, field_name: str, url: str, *, aggregators: bool = True) -> None:
    """Report a refused host as an error and an aggregator as a warning."""
    problem = refused_host_problem(url)
    if problem:
        ctx.error(record, field_name, problem)
        return
    if aggregators:
        problem = aggregator_problem(url)
        if problem:
            ctx.warn(record, field_name, problem)
