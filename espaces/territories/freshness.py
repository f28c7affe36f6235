"""Freshness of the dated facts (docs/packs.md « Fraîcheur des faits »).

A fact — a project (its status), one of its figures or key dates, a source, an Espace, a
structure or a service — is *to re-read* when it was never verified (`verified_on` empty; for a
service, `last_verified_on`) or verified before the territory's limit (`facts_max_age_months`,
6 by default, set in territory.yaml). A figure or a key date without its own date takes its
project's. The list is grouped by the one who can confirm the fact: the partner (or the
structure) that owns it, else the coordination of the Espaces.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Project, Site, Source, Territory
from .packs.links import aggregator_problem, refused_host_problem

COORDINATION = _("Coordination des Espaces")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (clamped to the end of shorter months)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def freshness_limit(*, territory: Territory, today: dt.date | None = None) -> dt.date:
    """Facts verified before this day are to re-read."""
    today = today or timezone.localdate()
    return months_before(today, territory.facts_max_age_months)


@dataclass
class StaleFact:
    kind: str  # « Projet », « Chiffre », « Date clé », « Source », « Espace », « Structure »…
    label: str
    verified_on: dt.date | None
    owner: str
    slug: str = ""
    editor_note: str = ""
    admin_url: str = ""

    @property
    def sort_key(self):
        return (self.verified_on is not None, self.verified_on or dt.date.min, self.label)


@dataclass
class OwnerGroup:
    owner: str
    facts: list[StaleFact] = field(default_factory=list)


def _admin_url(name: str, pk) -> str:
    try:
        return reverse(f"admin:{name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def _stale(day: dt.date | None, limit: dt.date) -> bool:
    return day is None or day < limit


def stale_facts(*, territory: Territory, today: dt.date | None = None) -> list[OwnerGroup]:
    """Facts to re-read, grouped by owner: the coordination first, then owners by name; in a
    group, never-verified facts first, then the oldest. A fixed number of queries (7)."""
    from espaces.services.models import Service, Structure

    limit = freshness_limit(territory=territory, today=today)
    facts: list[StaleFact] = []

    def add(kind, label, day, owner, *, slug="", note="", admin=""):
        if _stale(day, limit):
            facts.append(StaleFact(kind, label, day, owner, slug, note, admin))

    projects = (
        Project.objects.filter(territory=territory)
        .select_related("partner")
        .prefetch_related("figures", "key_dates")
        .order_by("name")
    )
    for p in projects:
        owner = p.partner.name if p.partner else COORDINATION
        admin = _admin_url("territories_project", p.pk)
        add(_("Projet"), p.name, p.verified_on, owner, slug=p.slug, note=p.editor_note, admin=admin)
        for f in sorted(p.figures.all(), key=lambda f: (f.order, f.pk)):
            day = f.verified_on or p.verified_on
            label = f"{p.name} : {f.get_kind_display()} {f.value:,}".replace(",", "\u202f")
            add(_("Chiffre"), label, day, owner, slug=p.slug, note=f.editor_note, admin=admin)
        for d in sorted(p.key_dates.all(), key=lambda d: (d.order, d.pk)):
            day = d.verified_on or p.verified_on
            add(
                _("Date clé"),
                f"{p.name} : {d.label}",
                day,
                owner,
                slug=p.slug,
                note=d.editor_note,
                admin=admin,
            )
    for s in Source.objects.filter(territory=territory).order_by("title"):
        add(
            _("Source"),
            s.title,
            s.verified_on,
            COORDINATION,
            slug=s.slug,
            note=s.editor_note,
            admin=_admin_url("territories_source", s.pk),
        )
    for s in Site.objects.filter(territory=territory).order_by("name"):
        add(
            _("Espace"),
            s.name,
            s.verified_on,
            COORDINATION,
            slug=s.slug,
            note=s.editor_note,
            admin=_admin_url("territories_site", s.pk),
        )
    structures = Structure.objects.filter(territory=territory).select_related("partner")
    for s in structures.order_by("nom"):
        add(
            _("Structure"),
            s.nom,
            s.verified_on,
            s.partner.name if s.partner else s.nom,
            slug=s.slug,
            note=s.editor_note,
            admin=_admin_url("services_structure", s.pk),
        )
    services = Service.objects.filter(territory=territory).select_related(
        "structure", "structure__partner"
    )
    for s in services.order_by("nom"):
        structure = s.structure
        add(
            _("Service"),
            s.nom,
            s.last_verified_on,
            structure.partner.name if structure.partner else structure.nom,
            slug=s.slug,
            note=s.editor_note,
            admin=_admin_url("services_service", s.pk),
        )

    groups: dict[str, OwnerGroup] = {}
    for fact in facts:
        owner = str(fact.owner)
        groups.setdefault(owner, OwnerGroup(owner)).facts.append(fact)
    for group in groups.values():
        group.facts.sort(key=lambda f: f.sort_key)
    return sorted(groups.values(), key=lambda g: (g.owner != str(COORDINATION), g.owner.lower()))


@dataclass
class SourceProblem:
    level: str  # "erreur" or "attention"
    slug: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == "erreur"


def source_problems(*, territory: Territory, hosts: bool = True) -> list[SourceProblem]:
    """What is wrong with the territory's sources: a refused host (error), an aggregator, no
    publication date, neither address nor publisher (warnings)."""
    problems = []
    for s in Source.objects.filter(territory=territory).order_by("slug"):
        if hosts and s.url:
            refused = refused_host_problem(s.url)
            if refused:
                problems.append(SourceProblem("erreur", s.slug, refused))
            else:
                aggregated = aggregator_problem(s.url)
                if aggregated:
                    problems.append(SourceProblem("attention", s.slug, aggregated))
        if s.published_on is None:
            problems.append(
                SourceProblem(
                    "attention",
                    s.slug,
                    "date de publication inconnue : les faits qui la citent s'affichent sans date",
                )
            )
        if not s.url and not s.publisher:
            problems.append(
                SourceProblem(
                    "attention",
                    s.slug,
                    "ni adresse ni éditeur : le public ne peut pas la retrouver",
                )
            )
    return problems
