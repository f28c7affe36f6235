"""GET /stats/summary: aggregate counts of a period (coordinators and funders)."""

import datetime as dt
from dataclasses import replace

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from espaces.accounts.enums import Role
from espaces.common.dates import parse_day
from espaces.stats.disclosure import k as disclosure_k
from espaces.stats.disclosure import protected, sees_exact_figures
from espaces.stats.selectors import StatsFilter, history_start, summary_figures
from espaces.territories.models import Site

from .auth import bearer, require_role
from .schemas import Message

router = Router(tags=["statistiques"])


class SummaryOut(Schema):
    period: dict
    site: str | None
    visitors: int
    by_public_category: dict[str, int]
    professionals: int
    by_gender: dict[str, int]
    by_age_band: dict[str, int]
    qpv: dict[str, int]
    sessions: int
    school_interventions: int
    schools: int
    pupils: int
    by_purpose: dict[str, int]
    by_channel: dict[str, int]
    by_site: dict[str, int]
    entries: int
    group_entries: int
    protected: bool
    k: int


def _parse(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_day(value, name)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


@router.get(
    "/stats/summary",
    auth=bearer,
    response={200: SummaryOut, 400: Message, 401: Message, 403: Message, 404: Message},
    summary="Chiffres de la période",
)
def stats_summary(
    request,
    date_from: str = Query("", alias="from", description="début de période, AAAA-MM-JJ"),
    date_to: str = Query("", alias="to", description="fin de période incluse, AAAA-MM-JJ"),
    site: str = Query("", description="identifiant d'un espace"),
):
    """Comptes agrégés de la période (`from`, `to` au format AAAA-MM-JJ, bornes incluses ;
    `site` : identifiant d'un espace). `visitors` compte les personnes du public (un groupe de
    N compte N) ; `professionnel_accompagnement` est compté à part dans `professionals`. Chaque
    ventilation (`by_public_category`, `by_gender`, `by_age_band`, `qpv`, `by_purpose`,
    `by_channel`, `by_site`) porte sur les visiteurs du public et a pour total `visitors`.
    `sessions` : séances tenues ; `school_interventions` : classes rencontrées ; `schools` :
    établissements distincts. Aucune donnée personnelle.

    Pour un financeur (`protected`: true) : mois entiers et terminés, tout le territoire (pas de
    `site`), et dans chaque mois un nombre inférieur à `k` n'est pas compté (chaque chiffre est
    un minimum ; docs/stats.md, « Disclosure control »)."""
    require_role(request, Role.ADMIN, Role.COORDINATOR, Role.FUNDER)
    territory = request.territory
    if territory is None:
        raise HttpError(404, "Territoire inconnu.")
    date_from = _parse(date_from, "from")
    date_to = _parse(date_to, "to")
    if date_from and date_to and date_from > date_to:
        raise HttpError(400, "La date de fin (to) doit suivre la date de début (from).")
    site_obj = None
    if site:
        site_obj = Site.objects.filter(territory=territory, slug=site).first()
        if site_obj is None:
            known = ", ".join(
                Site.objects.filter(territory=territory).values_list("slug", flat=True)
            )
            raise HttpError(404, f"Espace « {site} » inconnu. Espaces : {known}.")
    exact = sees_exact_figures(request.user)
    if not exact and site_obj is not None:
        raise HttpError(
            403,
            "Les chiffres par Espace sont réservés à la coordination : sans le paramètre site, "
            "vous obtenez ceux de tout le territoire.",
        )
    filters = StatsFilter(
        date_from=date_from or history_start(territory=territory),
        date_to=date_to or timezone.localdate(),
        site=site_obj,
    )
    if filters.date_from > filters.date_to:
        filters = replace(filters, date_from=filters.date_to)
    summary, used = protected(
        lambda f: summary_figures(territory=territory, filters=f), filters=filters, exact=exact
    )
    period = (
        {
            "from": date_from.isoformat() if date_from else None,
            "to": date_to.isoformat() if date_to else None,
        }
        if exact
        else {"from": used.date_from.isoformat(), "to": used.date_to.isoformat()}
    )
    return {
        "period": period,
        "site": site_obj.slug if site_obj else None,
        "protected": not exact,
        "k": disclosure_k(),
        **summary,
    }
