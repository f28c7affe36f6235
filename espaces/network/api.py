"""GET /network/stats: the anonymous indicators of every territory of the deployment."""

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from espaces.api.schemas import Message

from .forms import parse_iso
from .selectors import INDICATORS, network_stats

router = Router(tags=["réseau"])


class NetworkIndicatorOut(Schema):
    key: str
    label: str


class NetworkTerritoryOut(Schema):
    slug: str
    name: str
    indicators: dict[str, int | None]
    suppressed: list[str]


class NetworkTotalOut(Schema):
    key: str
    label: str
    published_total: int
    territories_withheld: int


class NetworkStatsOut(Schema):
    period: dict
    k: int
    indicators: list[NetworkIndicatorOut]
    territories: list[NetworkTerritoryOut]
    totals: list[NetworkTotalOut]


@router.get(
    "/network/stats",
    response={200: NetworkStatsOut, 400: Message},
    summary="Indicateurs anonymes de tous les territoires",
)
def network_stats_api(
    request,
    date_from: str = Query("", alias="from", description="début de période, AAAA-MM-JJ"),
    date_to: str = Query("", alias="to", description="fin de période incluse, AAAA-MM-JJ"),
):
    """Pour chaque territoire du déploiement : visiteurs, professionnels, séances tenues,
    interventions en classe et questionnaires d'orientation remplis sur la période (bornes
    incluses, facultatives). Un nombre inférieur à `k` (5) est retenu : sa valeur est `null` et
    sa clé figure dans `suppressed`. `totals` additionne seulement les nombres publiés et dit
    combien de territoires ont été retenus. Aucune donnée personnelle, sans authentification."""
    try:
        start = parse_iso(date_from, "from")
        end = parse_iso(date_to, "to")
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    if start and end and start > end:
        raise HttpError(400, "La date de fin (to) doit suivre la date de début (from).")
    stats = network_stats(date_from=start, date_to=end)
    return {
        "period": {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
        },
        "k": stats.k,
        "indicators": [{"key": key, "label": str(label)} for key, label in INDICATORS],
        "territories": [
            {
                "slug": row.slug,
                "name": row.name,
                "indicators": {c.key: c.value for c in row.cells},
                "suppressed": row.suppressed,
            }
            for row in stats.rows
        ],
        "totals": [{**total, "label": str(total["label"])} for total in stats.totals()],
    }
