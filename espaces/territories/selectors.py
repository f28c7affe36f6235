"""Reads of the territory domain; every one takes the territory it is scoped to."""

import copy
import functools
import os
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch

from .models import HeadlineFigure, Project, ProjectFigure, Site, Territory, TerritoryHost


@functools.lru_cache(maxsize=8)
def parse_territory_hosts(value: str) -> dict[str, str]:
    """{host: territory slug} from ESPACES_TERRITORY_HOSTS="slug=host1,host2;slug2=host3"."""
    hosts: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in value.split(";"))):
        slug, sep, names = part.partition("=")
        slug = slug.strip()
        if not sep or not slug:
            raise ImproperlyConfigured(
                f"ESPACES_TERRITORY_HOSTS : « {part} » ne suit pas la forme "
                "« territoire=hote1,hote2;autre=hote3 »."
            )
        for host in filter(None, (h.strip().lower() for h in names.split(","))):
            if hosts.get(host, slug) != slug:
                raise ImproperlyConfigured(
                    f"ESPACES_TERRITORY_HOSTS : le nom d'hôte « {host} » est donné à deux "
                    f"territoires ({hosts[host]} et {slug})."
                )
            hosts[host] = slug
    return hosts


def _hosts_setting() -> str:
    value = getattr(settings, "ESPACES_TERRITORY_HOSTS", None)
    return os.environ.get("ESPACES_TERRITORY_HOSTS", "") if value is None else value


def configured_territory_hosts() -> dict[str, str]:
    """Hosts given by the deployment (setting, else environment variable), read at each call."""
    return parse_territory_hosts(_hosts_setting())


def territory_for_host(host: str) -> Territory | None:
    """The territory served on `host`: the deployment's ESPACES_TERRITORY_HOSTS first, then the
    packs' `hosts` (TerritoryHost)."""
    host = host.lower()
    slug = configured_territory_hosts().get(host)
    if slug:
        return Territory.objects.filter(slug=slug).first()
    match = TerritoryHost.objects.select_related("territory").filter(host=host).first()
    return match.territory if match else None


def territory_for_request(request) -> Territory | None:
    """The territory of a request: `?territory=` on the API, else its host, else the default.

    An unknown `?territory=` is None (the API answers 404): it never falls back to another
    territory. The host's territory is remembered by this process until the content version
    changes (any save of a territory or of its hosts changes it): one or two queries fewer on
    every page; each request gets its own copy of the row."""
    slug = None
    if request.path.startswith("/api/"):
        slug = request.GET.get("territory")
    if slug:
        return Territory.objects.filter(slug=slug).first()
    host = request.get_host().split(":")[0] if request.META.get("HTTP_HOST") else ""
    return _own_copy(_remembered_territory(host))


# {(host, settings): (content version of the deployment, read at, territory or None)}; hosts are
# those ALLOWED_HOSTS lets through (request.get_host() refuses the others), and the memo is
# bounded all the same. Read again after _BY_HOST_SECONDS whatever the version: with the default
# per-process cache (CACHE_URL=locmem://) another worker's edit does not change this process's
# version (docs/deployment.md, « Several app servers »).
_by_host: dict[tuple, tuple[str, float, Territory | None]] = {}
_BY_HOST_LIMIT = 256
_BY_HOST_SECONDS = 60.0


def _remembered_territory(host: str) -> Territory | None:
    from espaces.ops.content_version import current

    version = current()
    # the deployment's settings are part of the key (tests and `override_settings` change them)
    key = (host, settings.ESPACES_TERRITORY, _hosts_setting())
    known = _by_host.get(key)
    now = time.monotonic()
    if known is not None and known[0] == version and now - known[1] < _BY_HOST_SECONDS:
        return known[2]
    territory = (territory_for_host(host) if host else None) or Territory.objects.filter(
        slug=settings.ESPACES_TERRITORY
    ).first()
    if len(_by_host) >= _BY_HOST_LIMIT:
        _by_host.clear()
    _by_host[key] = (version, now, territory)
    return territory


def _own_copy(territory: Territory | None) -> Territory | None:
    """A separate instance with the same field values (nothing a request sets on it reaches
    the next request)."""
    if territory is None:
        return None
    twin = Territory.__new__(Territory)
    twin.__dict__.update(territory.__dict__)
    twin._state = copy.copy(territory._state)
    twin._state.fields_cache = {}
    return twin


def projects_for(*, territory: Territory):
    """Projects with their figures, dates, sector and sources, for lists."""
    return (
        Project.objects.filter(territory=territory)
        .select_related("sector", "partner")
        .prefetch_related(
            Prefetch("figures", queryset=ProjectFigure.objects.select_related("source")),
            "key_dates__source",
            "sources",
            "communes",
        )
    )


def sites_for(*, territory: Territory):
    return (
        Site.objects.filter(territory=territory)
        .select_related("commune")
        .prefetch_related("sources")
    )


def site_for(*, territory: Territory, slug: str) -> Site | None:
    return sites_for(territory=territory).filter(slug=slug).first()


def headline_figures_for(*, territory: Territory):
    return HeadlineFigure.objects.filter(territory=territory).select_related("source")


def photo_for(*, territory, subject: str, slug: str):
    """The pack's photo of one Espace, event type or job sheet, or None."""
    from .models import Photo

    return (
        Photo.objects.filter(territory=territory, subject=subject, slug=slug)
        .select_related("media")
        .defer("media__data")
        .first()
    )
