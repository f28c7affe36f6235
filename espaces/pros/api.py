"""POST /requests (public), POST /referrals/inbound and GET /referrals/inbound/{id}
(prescriber token) — docs/api.md, docs/pros.md."""

import json

from ninja import Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from espaces.accounts.enums import Role
from espaces.api.auth import bearer, require_role
from espaces.api.schemas import Message
from espaces.api.territories import territory_or_404
from espaces.territories.models import Site

from . import ratelimit
from .enums import ReferralStatus
from .selectors import referral_of
from .services import ProsError, inbound_referral_create, request_create

router = Router(tags=["professionnels"])

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "bool_type": "true ou false attendu",
    "bool_parsing": "true ou false attendu",
    "list_type": "liste attendue",
    "dict_type": "objet attendu",
    "date_from_datetime_parsing": "date attendue (AAAA-MM-JJ)",
    "date_parsing": "date attendue (AAAA-MM-JJ)",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "string_too_long": "texte trop long",
    "too_long": "trop d'éléments",
}


class ProsErrorOut(Schema):
    message: str
    erreurs: list[dict] = []


class PeriodIn(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from", max_length=10)
    to: str = Field(max_length=10)


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    kind: str = Field(max_length=10)
    organisation_name: str = Field("", max_length=200)
    uai: str = Field("", max_length=20)
    level: str = Field("", max_length=60)
    participants: int
    wished_periods: list[PeriodIn] = Field(max_length=6)
    place: str = Field(max_length=10)
    topics: str = Field("", max_length=2000)
    accessibility_needs: str = Field("", max_length=2000)
    structure_kind: str = Field("", max_length=20)
    site: str = Field("", max_length=100)
    contact_name: str = Field(max_length=150)
    contact_email: str = Field(max_length=254)
    contact_phone: str = Field("", max_length=30)
    consent: bool


class ReferralIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    first_name: str = Field(max_length=150)
    contact_phone: str = Field("", max_length=30)
    contact_email: str = Field("", max_length=254)
    site: str = Field(max_length=100)
    needs: list[str] = Field(default_factory=list, max_length=30)
    reason: str = Field("", max_length=2000)
    preferred_times: str = Field("", max_length=300)
    referrer_name: str = Field("", max_length=150)
    consent: bool


class ProsCreatedOut(Schema):
    id: int
    reference: str
    status: str


class InboundReferralStatusOut(Schema):
    id: int
    reference: str
    status: str
    status_label: str
    oriented_to: str
    site: str
    created_at: str
    updated_at: str
    history: list[dict]


def _body(required: list[str], properties: dict, example: dict) -> dict:
    """The JSON body as documented in OpenAPI (the view parses it itself, to answer in French)."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"type": "object", "required": required, "properties": properties},
                    "example": example,
                }
            },
        }
    }


_TEXT = {"type": "string"}
REQUEST_BODY = _body(
    ["kind", "participants", "wished_periods", "place", "contact_name", "contact_email", "consent"],
    {
        "kind": {"type": "string", "enum": ["school", "group"]},
        "organisation_name": _TEXT,
        "uai": {"type": "string", "description": "7 chiffres et une lettre (établissements)"},
        "level": _TEXT,
        "participants": {"type": "integer", "minimum": 1, "maximum": 200},
        "wished_periods": {
            "type": "array",
            "maxItems": 6,
            "items": {
                "type": "object",
                "required": ["from", "to"],
                "properties": {
                    "from": {"type": "string", "format": "date"},
                    "to": {"type": "string", "format": "date"},
                },
            },
        },
        "place": {"type": "string", "enum": ["espace", "classe"]},
        "topics": _TEXT,
        "accessibility_needs": _TEXT,
        "structure_kind": _TEXT,
        "site": _TEXT,
        "contact_name": _TEXT,
        "contact_email": _TEXT,
        "contact_phone": _TEXT,
        "consent": {"type": "boolean", "description": "doit valoir true"},
    },
    {
        "kind": "school",
        "uai": "0590073J",
        "level": "3e",
        "participants": 24,
        "wished_periods": [{"from": "2027-03-01", "to": "2027-03-19"}],
        "place": "espace",
        "topics": "métiers de l'industrie",
        "contact_name": "Claire Martin",
        "contact_email": "claire.martin@example.org",
        "consent": True,
    },
)
REFERRAL_BODY = _body(
    ["first_name", "site", "consent"],
    {
        "first_name": _TEXT,
        "contact_phone": {"type": "string", "description": "téléphone ou courriel"},
        "contact_email": _TEXT,
        "site": {"type": "string", "description": "identifiant de l'Espace"},
        "needs": {"type": "array", "items": _TEXT, "description": "thématiques data·inclusion"},
        "reason": _TEXT,
        "preferred_times": _TEXT,
        "referrer_name": _TEXT,
        "consent": {"type": "boolean", "description": "doit valoir true"},
    },
    {
        "first_name": "Samira",
        "contact_phone": "06 12 34 56 78",
        "site": "espace-saint-pol",
        "needs": ["mobilite--preparer-un-permis"],
        "reason": "Recherche un emploi dans la logistique",
        "consent": True,
    },
)


def _error(status: int, message: str, field: str | None = None):
    return Status(
        status,
        {"message": message, "erreurs": [{"champ": field, "message": message}] if field else []},
    )


def _parse(request, schema):
    """(data, None) or (None, error response) with a French message."""
    try:
        raw = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None, _error(400, "Corps de requête illisible : un objet JSON est attendu.")
    if not isinstance(raw, dict):
        return None, _error(400, 'Un objet JSON est attendu, par exemple {"kind": "school", …}.')
    try:
        return schema.model_validate(raw), None
    except ValidationError as exc:
        erreurs = [
            {
                "champ": ".".join(str(p) for p in e["loc"]).replace("from_", "from"),
                "message": _MESSAGES.get(e["type"], "valeur invalide"),
            }
            for e in exc.errors()
        ]
        message = "Données invalides : " + " ; ".join(
            f"{e['champ']} : {e['message']}" for e in erreurs
        )
        return None, Status(422, {"message": message, "erreurs": erreurs})


def _site(territory, slug: str):
    site = Site.objects.filter(territory=territory, slug=slug).first() if slug else None
    if slug and site is None:
        known = ", ".join(Site.objects.filter(territory=territory).values_list("slug", flat=True))
        raise ProsError(
            f"site : Espace « {slug} » inconnu. Valeurs permises : {known}.", field="site"
        )
    return site


@router.post(
    "/requests",
    response={
        201: ProsCreatedOut,
        400: ProsErrorOut,
        404: Message,
        422: ProsErrorOut,
        429: ProsErrorOut,
    },
    summary="Demander une intervention ou une visite (établissement, structure)",
    openapi_extra=REQUEST_BODY,
)
def request_post(request):
    """Enregistre la demande d'un établissement scolaire (`kind` = `school`, `uai` obligatoire)
    ou d'une structure (`group`). `wished_periods` : `[{"from": "AAAA-MM-JJ", "to": …}]`,
    `place` : `espace` ou `classe`, `consent` : true. Réponse 201 `{id, status: "received"}` ;
    422 en français si une donnée manque ou est invalide ; 429 au-delà de
    ESPACES_REQUEST_RATE_LIMIT demandes par heure et par adresse."""
    territory = territory_or_404(request)
    data, error = _parse(request, RequestIn)
    if error:
        return error
    if not ratelimit.allow(request, "request"):
        return _error(429, "Trop de demandes depuis cette adresse : réessayez dans une heure.")
    try:
        pro_request = request_create(
            territory=territory,
            kind=data.kind,
            organisation_name=data.organisation_name,
            uai=data.uai,
            level=data.level,
            participants=data.participants,
            wished_periods=[{"from": p.from_, "to": p.to} for p in data.wished_periods],
            place=data.place,
            topics=data.topics,
            accessibility_needs=data.accessibility_needs,
            structure_kind=data.structure_kind,
            site=_site(territory, data.site),
            contact_name=data.contact_name,
            contact_email=data.contact_email,
            contact_phone=data.contact_phone,
            consent=data.consent,
        )
    except ProsError as exc:
        return _error(exc.status, exc.message, exc.field)
    return Status(
        201,
        {"id": pro_request.pk, "reference": pro_request.reference, "status": pro_request.status},
    )


@router.post(
    "/referrals/inbound",
    auth=bearer,
    response={
        201: ProsCreatedOut,
        400: ProsErrorOut,
        401: Message,
        403: Message,
        404: Message,
        422: ProsErrorOut,
    },
    summary="Orienter une personne vers un Espace (prescripteur)",
    openapi_extra=REFERRAL_BODY,
)
def referral_post(request):
    """Un·e prescripteur·rice oriente une personne, avec son accord (`consent` : true) :
    `first_name`, `contact_phone` ou `contact_email`, `site` (identifiant de l'Espace),
    `needs` (thématiques data·inclusion), `reason`. Réponse 201 `{id, status}`."""
    user = require_role(request, Role.PRESCRIBER)
    territory = territory_or_404(request)
    data, error = _parse(request, ReferralIn)
    if error:
        return error
    try:
        site = _site(territory, data.site)
        if site is None:
            raise ProsError("site : indiquez l'Espace où recevoir la personne.", field="site")
        referral = inbound_referral_create(
            territory=territory,
            organisation=user.organisation,
            referrer=user,
            site=site,
            first_name=data.first_name,
            contact_email=data.contact_email,
            contact_phone=data.contact_phone,
            needs=data.needs,
            reason=data.reason,
            preferred_times=data.preferred_times,
            referrer_name=data.referrer_name,
            consent=data.consent,
        )
    except ProsError as exc:
        message = exc.message
        if exc.field == "consent":
            message = "consent : l'accord de la personne est obligatoire (true attendu)."
        return _error(exc.status, message, exc.field)
    return Status(
        201, {"id": referral.pk, "reference": referral.reference, "status": referral.status}
    )


@router.get(
    "/referrals/inbound/{referral_id}",
    auth=bearer,
    response={
        200: InboundReferralStatusOut,
        401: Message,
        403: Message,
        404: Message,
        422: ProsErrorOut,
    },
    summary="Où en est une orientation (son auteur seulement)",
)
def referral_get(request, referral_id: int):
    """Le statut d'une orientation envoyée par ce compte : `received`, `appointment`, `came`,
    `oriented` (avec `oriented_to`), `closed`, et l'historique des changements. Jamais le
    contenu du dossier. Une orientation d'un autre compte répond 404."""
    user = require_role(request, Role.PRESCRIBER)
    referral = referral_of(user=user, pk=referral_id) if 0 < referral_id < 2**63 else None
    if referral is None:
        return Status(404, {"message": f"Orientation {referral_id} introuvable."})
    return {
        "id": referral.pk,
        "reference": referral.reference,
        "status": referral.status,
        "status_label": str(ReferralStatus(referral.status).label),
        "oriented_to": referral.oriented_to,
        "site": referral.site.name,
        "created_at": referral.created_at.isoformat(),
        "updated_at": referral.updated_at.isoformat(),
        "history": [
            {"status": e.status, "at": e.created_at.isoformat()}
            for e in referral.events.order_by("created_at", "pk")
        ],
    }
