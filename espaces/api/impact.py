"""GET /stats/indicators: the ESF+ / JTF participant indicators of a period (coordinators and
funders), with their consistency checks (docs/indicators.md)."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from espaces.accounts.enums import Role
from espaces.common.dates import parse_day
from espaces.stats.disclosure import k as disclosure_k
from espaces.stats.disclosure import sees_exact_figures
from espaces.stats.indicators import GENDER_COLUMNS, indicators_for
from espaces.stats.selectors import StatsFilter
from espaces.territories.models import Site

from .auth import bearer, require_role
from .schemas import Message

router = Router(tags=["statistiques"])


def _parse(value: str, name: str) -> dt.date:
    try:
        return parse_day(value, name)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


class IndicatorOut(Schema):
    code: str
    label: str
    kind: str
    data: str
    femmes: int | str
    hommes: int | str
    non_binaires: int | str
    non_renseigne: int | str
    total: int | str


class CheckOut(Schema):
    label: str
    passed: bool
    detail: str


class IndicatorsOut(Schema):
    period: dict
    protected: bool
    k: int
    site: str | None
    regulation: str
    participants: int
    anonymous_visitors: int
    professionals: int
    columns: list[str]
    indicators: list[IndicatorOut]
    checks: list[CheckOut]
    all_checks_passed: bool


@router.get(
    "/stats/indicators",
    auth=bearer,
    response={
        200: IndicatorsOut,
        400: Message,
        401: Message,
        403: Message,
        404: Message,
        422: Message,
    },
    summary="Indicateurs FSE+ / FTJ de la période",
)
def stats_indicators(
    request,
    date_from: str = Query(..., alias="from", description="début de période, AAAA-MM-JJ"),
    date_to: str = Query(..., alias="to", description="fin de période incluse, AAAA-MM-JJ"),
    site: str = Query("", description="identifiant d'un espace"),
):
    """Indicateurs communs sur les participants (règlement (UE) 2021/1057, annexes I et II),
    EECO01 à EECO17 et EECR01 à EECR06, par genre (`femmes`, `hommes`, `non_binaires`,
    `non_renseigne`) : personnes identifiées dont le dossier de suivi a été ouvert dans la
    période. Un indicateur que les Espaces ne collectent pas vaut « non collecté ». Les
    visiteurs anonymes sont comptés à part (`anonymous_visitors`, `professionals`)."""
    require_role(request, Role.ADMIN, Role.COORDINATOR, Role.FUNDER)
    territory = request.territory
    if territory is None:
        raise HttpError(404, "Territoire inconnu.")
    start, end = _parse(date_from, "from"), _parse(date_to, "to")
    if end < start:
        raise HttpError(400, "La date de fin (to) doit suivre la date de début (from).")
    site_obj = None
    if site:
        site_obj = Site.objects.filter(territory=territory, slug=site).first()
        if site_obj is None:
            known = ", ".join(
                Site.objects.filter(territory=territory)
                .order_by("slug")
                .values_list("slug", flat=True)
            )
            raise HttpError(404, f"Espace « {site} » inconnu. Espaces : {known}.")
    exact = sees_exact_figures(request.user)
    if not exact and site_obj is not None:
        raise HttpError(
            403,
            "Les chiffres par Espace sont réservés à la coordination : sans le paramètre site, "
            "vous obtenez ceux de tout le territoire.",
        )
    result, used = indicators_for(
        territory=territory,
        filters=StatsFilter(date_from=start, date_to=end, site=site_obj),
        exact=exact,
    )
    return {
        "period": {"from": used.date_from.isoformat(), "to": used.date_to.isoformat()},
        "protected": not exact,
        "k": disclosure_k(),
        "site": site_obj.slug if site_obj else None,
        "regulation": "Règlement (UE) 2021/1057, annexes I et II",
        "participants": result.participants,
        "anonymous_visitors": result.anonymous_visitors,
        "professionals": result.professionals,
        "columns": [key for key, _, _ in GENDER_COLUMNS],
        "indicators": [value.as_dict() for value in result.values],
        "checks": [check.as_dict() for check in result.checks],
        "all_checks_passed": result.all_passed,
    }
