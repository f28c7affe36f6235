"""GET /offres (public: the open offers) and POST /offres (an employer's or a coordinator's
token). docs/recruitment.md and docs/api.md."""

import datetime as dt

from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from espaces.accounts.enums import Role
from espaces.recruitment.enums import Contract, OfferSource
from espaces.recruitment.offer_rules import OfferRules
from espaces.recruitment.permissions import is_employer, may_publish_for
from espaces.recruitment.selectors import OfferFilters, public_offers
from espaces.recruitment.services import RecruitmentError, offer_create

from .auth import bearer, require_role
from .schemas import Message
from .territories import territory_or_404

router = Router(tags=["recrutement"])
MAX_LIMIT = 200


class OfferQuery(Schema):
    rome: str = Field(
        "", description="code ROME, ou début de code (H29), plusieurs séparés par « , »"
    )
    commune: str = Field("", description="code INSEE ou nom de la commune")
    contract: str = Field("", description="contrat : " + ", ".join(Contract.values))
    employer: str = Field("", description="identifiant de l'employeur (`slug`)")
    limit: str = Field("", description=f"nombre d'offres, 1 à {MAX_LIMIT} (100 par défaut)")


class OfferEmployerOut(Schema):
    slug: str
    name: str


class OfferOut(Schema):
    id: int
    title: str
    rome_codes: list[str]
    employer: OfferEmployerOut
    contract: str
    contract_label: str
    posts: int
    commune: str | None
    commune_name: str | None
    closing_on: dt.date | None
    start_on: dt.date | None
    open_without_diploma: bool
    funded_training: bool
    recruitment_method: str
    url: str


class OfferList(Schema):
    count: int
    items: list[OfferOut]


class OfferIn(Schema):
    title: str | None = None
    rome_codes: list[str] | str | None = None
    contract: str | None = None
    posts: int | str | None = 1
    commune: str | None = ""
    closing_on: str | None = ""
    start_on: str | None = ""
    description: str | None = ""
    requirements: str | None = ""
    hours: str | None = ""
    open_without_diploma: bool | str | None = False
    funded_training: bool | str | None = False
    recruitment_method: str | None = ""
    employer: str | None = ""
    publish: bool = True


class OfferErrorsOut(Schema):
    message: str
    erreurs: list[dict]


def offer_out(request, offer) -> dict:
    return {
        "id": offer.pk,
        "title": offer.title,
        "rome_codes": offer.rome_codes,
        "employer": {"slug": offer.employer.slug, "name": offer.employer.name},
        "contract": offer.contract,
        "contract_label": offer.get_contract_display(),
        "posts": offer.posts,
        "commune": offer.commune.insee if offer.commune else None,
        "commune_name": offer.commune.name if offer.commune else None,
        "closing_on": offer.closing_on,
        "start_on": offer.start_on,
        "open_without_diploma": offer.open_without_diploma,
        "funded_training": offer.funded_training,
        "recruitment_method": offer.recruitment_method,
        "url": request.build_absolute_uri(reverse("recruitment:offer_detail", args=[offer.pk])),
    }


def _unprocessable(message: str):
    raise HttpError(422, message)


@router.get(
    "/offres",
    response={200: OfferList, 404: Message, 422: Message},
    summary="Offres ouvertes des employeurs",
)
def offer_list(request, filters: Query[OfferQuery]):
    """Les besoins de recrutement ouverts (date de clôture non passée), les plus récents d'abord.
    Pour postuler, le public vient à l'Espace : il n'y a pas de candidature directe."""
    territory = territory_or_404(request)
    if filters.contract and filters.contract not in Contract.values:
        _unprocessable(
            f"contract : valeur « {filters.contract[:30]} » inconnue. Valeurs permises : "
            + ", ".join(Contract.values)
            + "."
        )
    limit = 100
    if filters.limit:
        try:
            limit = int(filters.limit)
        except ValueError:
            _unprocessable("limit : nombre entier attendu.")
        if not 1 <= limit <= MAX_LIMIT:
            _unprocessable(f"limit : entre 1 et {MAX_LIMIT}.")
    rome = filters.rome.strip()[:60]
    if rome and not all(
        c.strip()[:1].isalpha() and c.strip()[1:].isdigit() for c in rome.split(",") if c.strip()
    ):
        _unprocessable("rome : code ROME attendu (une lettre et des chiffres, ex. H2913).")
    offers = public_offers(
        territory=territory,
        filters=OfferFilters(
            rome=rome,
            commune=filters.commune.strip()[:100],
            contract=filters.contract,
            employer=filters.employer.strip()[:100],
        ),
    )
    count = offers.count()
    return {"count": count, "items": [offer_out(request, o) for o in offers[:limit]]}


@router.post(
    "/offres",
    auth=bearer,
    response={
        201: OfferOut,
        400: Message,
        401: Message,
        403: Message,
        404: Message,
        422: OfferErrorsOut,
    },
    summary="Publier une offre",
)
def offer_post(request, payload: OfferIn):
    """Publie un besoin de recrutement. Un compte employeur publie pour son organisation
    seulement (`employer` absent, ou égal à la sienne) ; la coordination publie pour tout
    employeur du territoire (`employer` obligatoire). `commune` : code INSEE. `publish: false`
    l'enregistre en brouillon."""
    user = require_role(request, Role.ADMIN, Role.COORDINATOR, Role.EMPLOYER)
    territory = territory_or_404(request)
    rules = OfferRules(territory)
    raw = payload.dict()
    errors: dict[str, str] = {}
    employer = None
    slug = (raw.pop("employer") or "").strip()
    if is_employer(user):
        employer = user.organisation
        if slug and slug != employer.slug:
            raise HttpError(
                403, f"Votre compte publie seulement pour « {employer.slug} », pas pour « {slug} »."
            )
    else:
        try:
            employer = rules.resolve_employer(slug)
        except ValueError as exc:
            errors["employer"] = str(exc)
    if employer is not None and not may_publish_for(user, employer):
        raise HttpError(403, "Votre compte ne publie pas pour cet employeur.")
    publish = raw.pop("publish")
    raw = {
        k: v for k, v in raw.items() if v is not None or k in ("title", "rome_codes", "contract")
    }
    values, problems = rules.clean(raw)
    errors.update(problems)
    if errors:
        details = [{"champ": name, "message": message} for name, message in errors.items()]
        return Status(
            422,
            {
                "message": "Offre refusée : "
                + " ; ".join(f"{d['champ']} : {d['message']}" for d in details),
                "erreurs": details,
            },
        )
    try:
        offer = offer_create(
            territory=territory,
            employer=employer,
            values=values,
            user=user,
            publish=publish,
            source=OfferSource.API,
        )
    except RecruitmentError as exc:
        return Status(422, {"message": str(exc), "erreurs": []})
    offer = public_offers_any(offer)
    return Status(201, offer_out(request, offer))


def public_offers_any(offer):
    """The offer with what its answer needs (employer, commune, ROME codes)."""
    from espaces.recruitment.models import Offer

    return (
        Offer.objects.select_related("employer", "commune")
        .prefetch_related("rome_links")
        .get(pk=offer.pk)
    )
