"""POST /visits: record one visit (mediators for their sites, coordinators for the territory)."""

import datetime as dt

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from espaces.accounts.enums import Role
from espaces.reception.enums import VisitSource
from espaces.reception.selectors import desk_sites_for
from espaces.reception.services import visit_create
from espaces.reception.visit_rules import visit_rules_for

from .auth import bearer, require_role
from .schemas import Message

router = Router(tags=["accueil"])


class VisitIn(Schema):
    date: str | None = None
    site: str
    public_category: str
    gender: str = ""
    age_band: str = ""
    qpv: str = ""
    commune: str = ""
    channel: str = ""
    purpose: str = ""
    group_size: int | str | None = 1


class VisitOut(Schema):
    id: int
    date: dt.date
    site: str
    public_category: str
    gender: str
    age_band: str
    qpv: str
    commune: str | None
    channel: str
    purpose: str
    group_size: int


class ErrorsOut(Schema):
    message: str
    erreurs: list[dict]


@router.post(
    "/visits",
    auth=bearer,
    response={
        201: VisitOut,
        400: Message,
        401: Message,
        403: Message,
        404: Message,
        422: ErrorsOut,
    },
    summary="Enregistrer une visite",
)
def visit_post(request, payload: VisitIn):
    """Enregistre une visite (champs du format CSV des visites). Un groupe de N personnes compte
    N visiteurs. Les médiateurs saisissent pour leurs espaces, la coordination pour tout le
    territoire. Les valeurs inconnues sont refusées avec la liste des valeurs permises."""
    user = require_role(request, Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)
    territory = request.territory
    if territory is None:
        raise HttpError(404, "Territoire inconnu.")
    rules = visit_rules_for(territory)
    values, errors = rules.clean(payload.dict())
    site = values.get("site")
    if (
        site is not None
        and not desk_sites_for(user=user, territory=territory).filter(pk=site.pk).exists()
    ):
        raise HttpError(
            403, f"Votre compte ne saisit pas de visites pour l'espace « {site.slug} »."
        )
    if errors:
        details = [{"champ": field, "message": message} for field, message in errors.items()]
        return Status(
            422,
            {
                "message": "Visite refusée : "
                + " ; ".join(f"{d['champ']} : {d['message']}" for d in details),
                "erreurs": details,
            },
        )
    visit = visit_create(
        territory=territory, values=values, recorded_by=user, source=VisitSource.API
    )
    return Status(
        201,
        {
            "id": visit.pk,
            "date": visit.date,
            "site": visit.site.slug,
            "public_category": visit.public_category,
            "gender": visit.gender,
            "age_band": visit.age_band,
            "qpv": visit.qpv,
            "commune": visit.commune.insee if visit.commune else None,
            "channel": visit.channel,
            "purpose": visit.purpose,
            "group_size": visit.group_size,
        },
    )
