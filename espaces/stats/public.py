"""Figures of the public impact page: aggregates only, protected by disclosure control
(espaces/stats/disclosure.py: whole closed months, monthly counts under k withheld), and every
published count under k (ESPACES_DISCLOSURE_K, default 5) shown « moins de k » in tables and
charts alike."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext

from espaces.territories.models import Site, Territory

from . import disclosure
from .selectors import (
    Series,
    StatsFilter,
    event_figures,
    orientation_figures,
    school_figures,
    visit_figures,
)


@dataclass
class Cell:
    key: str
    label: str
    value: int | None  # None when suppressed
    display: str

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass
class PublicSeries:
    slug: str
    title: str
    description: str
    cells: list[Cell] = field(default_factory=list)

    def chart_items(self) -> list[dict]:
        return [
            {
                "label": c.label,
                "value": 0 if c.suppressed else c.value,
                "display": c.display if c.suppressed else "",
                "muted": c.suppressed,
                "note": gettext("nombre trop petit pour être publié") if c.suppressed else "",
            }
            for c in self.cells
        ]

    def csv_rows(self) -> list[list]:
        return [[c.key, c.label, c.display if c.suppressed else c.value] for c in self.cells]


def small_label(k: int) -> str:
    return gettext("moins de %(k)s") % {"k": k}


def suppress_value(value: int, k: int) -> tuple[int | None, str]:
    if value < k:
        return None, small_label(k)
    return value, ""


def suppress_series(series: Series, k: int) -> PublicSeries:
    """Cells under k are suppressed; when only one is, the smallest other one is too, so that
    it cannot be found back from the published total."""
    cells = [Cell(key, label, value, "") for key, label, value in series.rows]
    small = [c for c in cells if c.value < k]
    for c in small:
        c.value, c.display = None, small_label(k)
    shown = [c for c in cells if c.value is not None]
    if len(small) == 1 and shown:
        smallest = min(shown, key=lambda c: c.value)
        smallest.value, smallest.display = None, small_label(k)
    return PublicSeries(series.slug, series.title, series.description, cells)


def public_period(*, territory: Territory, today: dt.date | None = None) -> StatsFilter:
    """From the opening of the first Espace to yesterday."""
    today = today or timezone.localdate()
    first = Site.objects.filter(territory=territory).aggregate(first=Min("opened_on"))["first"]
    start = first or (today - dt.timedelta(days=365))
    end = max(start, today - dt.timedelta(days=1))
    return StatsFilter(date_from=start, date_to=end)


IMPACT_SECONDS = 3600


def cached_public_impact(*, territory: Territory) -> dict:
    """public_impact kept in the shared cache (CACHE_URL). Its figures cover whole closed months
    only; the key holds what can still change them: the day, the language, k, the content
    version (sessions, schools), the activity version (registrations, attendance, candidacies:
    espaces/ops/content_version.py) and the versions of the visit months (one query). Anything
    else (a correction written without the ORM) shows within IMPACT_SECONDS."""
    from django.core.cache import cache

    key = impact_key(territory=territory)
    data = cache.get(key)
    if data is None:
        data = public_impact(territory=territory)
        cache.set(key, data, IMPACT_SECONDS)
    return data


def impact_key(*, territory: Territory) -> str:
    """What the public figures depend on (see cached_public_impact); also the key of the
    page's cached template fragment."""
    from django.db.models import Count, Sum
    from django.utils.translation import get_language

    from espaces.ops.content_version import current, seats_version

    from .models import VisitMonthVersion

    months = VisitMonthVersion.objects.filter(territory=territory).aggregate(
        n=Count("pk"), total=Sum("version")
    )
    return ":".join(
        str(part)
        for part in (
            "espaces:impact",
            territory.pk,
            timezone.localdate().isoformat(),
            get_language(),
            disclosure.k(),
            current(territory.pk),
            seats_version(),
            months["n"],
            months["total"] or 0,
        )
    )


def public_impact(*, territory: Territory) -> dict:
    k = disclosure.k()

    def compute(period):
        return {
            "visits": visit_figures(territory=territory, filters=period),
            "events": event_figures(territory=territory, filters=period),
            "schools": school_figures(territory=territory, filters=period),
            "orientation": orientation_figures(territory=territory, filters=period),
        }

    figures, filters = disclosure.protected(
        compute, filters=public_period(territory=territory), threshold=k
    )
    visits, events = figures["visits"], figures["events"]
    schools, orientation = figures["schools"], figures["orientation"]
    # Hires on the same whole months (suppressed under k below, like every headline figure).
    recruitment = _recruitment(territory, filters)
    by_slug = {s.slug: s for s in visits["series"]}
    chosen = [
        by_slug["visiteurs-par-public"],
        by_slug["visiteurs-par-genre"],
        by_slug["visiteurs-par-age"],
        by_slug["visiteurs-qpv"],
        by_slug["visiteurs-par-mois"],
        events["series"],
        orientation["series"][1],
    ]
    chosen += [s for s in recruitment["series"] if s.slug == "embauches-par-contrat"]
    if "visiteurs-par-espace" in by_slug:
        chosen.insert(4, by_slug["visiteurs-par-espace"])
    headline = []
    for label, value in (
        (gettext("visiteurs accueillis dans les Espaces"), visits["visitors"]),
        (
            gettext("professionnels de l'accompagnement venus découvrir les Espaces"),
            visits["professionals"],
        ),
        (gettext("séances d'ateliers, d'immersions et de rencontres"), events["total"]["sessions"]),
        (gettext("participations aux séances"), events["total"]["present"]),
        (gettext("interventions dans des classes"), schools["interventions"]),
        (gettext("établissements scolaires"), schools["schools"]),
        (gettext("élèves rencontrés"), schools["pupils"]),
        (gettext("questionnaires d'orientation remplis"), orientation["completions"]),
        (gettext("embauches après une candidature relayée par un Espace"), recruitment["hires"]),
    ):
        shown, display = suppress_value(value, k)
        headline.append({"label": label, "value": shown, "display": display})
    return {
        "k": k,
        "filters": filters,
        "headline": headline,
        "series": [suppress_series(s, k) for s in chosen],
    }


def _recruitment(territory: Territory, filters: StatsFilter) -> dict:
    from espaces.recruitment.figures import recruitment_figures

    return recruitment_figures(territory=territory, filters=filters)
