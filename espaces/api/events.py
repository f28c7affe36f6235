"""GET /events and POST /sessions/{id}/registrations (docs/events.md)."""

import datetime as dt
import json

from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from espaces.common.dates import parse_day
from espaces.common.public_url import absolute_url
from espaces.events.enums import EventKind, RegistrationChannel, SessionStatus
from espaces.events.models import EventType, Session
from espaces.events.selectors import agenda_sessions
from espaces.events.services import EventError, registration_create
from espaces.events.tokens import cancel_url, registration_url
from espaces.messaging import conf as messaging_conf
from espaces.messaging.services import contact_allowed
from espaces.territories.models import Site

from .schemas import Message
from .territories import territory_or_404

router = Router(tags=["événements"])

MAX_LIMIT = 500


class EventFilters(Schema):
    from_: str = Field(
        "", alias="from", description="date de début AAAA-MM-JJ (par défaut : maintenant)"
    )
    to: str = Field("", description="date de fin AAAA-MM-JJ (incluse)")
    site: str = Field("", description="identifiant d'Espace (`GET /territory`)")
    type: str = Field(
        "",
        description="identifiant de type d'événement, ou catégorie : "
        + ", ".join(EventKind.values),
    )
    metier: str = Field("", description="identifiant de métier (`GET /metiers`)")
    limit: str = Field("", description=f"nombre de séances, 1 à {MAX_LIMIT} (200 par défaut)")


class NamedRef(Schema):
    slug: str
    name: str


class EventTypeOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str


class WaitlistOut(Schema):
    enabled: bool = Field(description="la séance a une liste d'attente")
    open: bool = Field(description="une demande maintenant irait sur la liste d'attente")
    count: int = Field(description="personnes en attente")


class EventOut(Schema):
    id: int
    title: str
    type: EventTypeOut
    site: NamedRef | None
    place: str
    outside: bool
    start: dt.datetime
    end: dt.datetime
    capacity: int
    seats_left: int
    waitlist: WaitlistOut
    registration_open: bool
    status: str
    audience: str
    accessibility: str
    description: str
    metiers: list[NamedRef]
    partners: list[NamedRef]
    url: str
    ics_url: str
    registrations_url: str


def _bad(message: str):
    raise HttpError(422, message)


def _date(name: str, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_day(value, name)
    except ValueError:
        _bad(
            f"{name} : date attendue au format AAAA-MM-JJ entre 2000-01-01 et 2100-12-31 "
            f"(reçu « {value} »)."
        )


def _limit(value: str) -> int:
    if not value:
        return 200
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        _bad(f"limit : nombre entier attendu entre 1 et {MAX_LIMIT} (reçu « {value} »).")
    return limit


def event_out(request, session: Session) -> dict:
    url = reverse("events:session", args=[session.pk])
    return {
        "id": session.pk,
        "title": session.display_title,
        "type": {
            "slug": session.event_type.slug,
            "name": session.event_type.name,
            "kind": session.event_type.kind,
            "kind_label": session.event_type.get_kind_display(),
        },
        "site": {"slug": session.site.slug, "name": session.site.name} if session.site_id else None,
        "place": session.place_label,
        "outside": session.is_outside,
        "start": timezone.localtime(session.start),
        "end": timezone.localtime(session.end),
        "capacity": session.capacity,
        "seats_left": session.seats_left,
        "waitlist": {
            "enabled": session.waitlist_enabled,
            "open": session.waitlist_open,
            "count": session.waitlist_count,
        },
        "registration_open": session.registration_open(),
        "status": session.status,
        "audience": session.audience,
        "accessibility": session.accessibility,
        "description": session.description,
        "metiers": [{"slug": m.slug, "name": m.title} for m in session.metiers.all()],
        "partners": [{"slug": p.slug, "name": p.name} for p in session.partners.all()],
        "url": absolute_url(request=request, path=url),
        "ics_url": absolute_url(
            request=request, path=reverse("events:session_ics", args=[session.pk])
        ),
        "registrations_url": absolute_url(
            request=request, path=f"/api/v1/sessions/{session.pk}/registrations"
        ),
    }


@router.get(
    "/events",
    response={200: list[EventOut], 404: Message, 422: Message},
    summary="Séances à venir",
)
def event_list(request, filters: Query[EventFilters]):
    """Séances prévues (non annulées) pas encore terminées, les plus proches d'abord, avec les
    places restantes (`seats_left`) et la liste d'attente (`waitlist`)."""
    territory = territory_or_404(request)
    date_from, date_to = _date("from", filters.from_), _date("to", filters.to)
    if date_from and date_to and date_to < date_from:
        _bad("to : la date de fin est avant la date de début.")
    limit = _limit(filters.limit)
    site = event_type = metier = None
    if filters.site:
        site = Site.objects.filter(territory=territory, slug=filters.site).first()
        if site is None:
            known = ", ".join(
                Site.objects.filter(territory=territory).values_list("slug", flat=True)
            )
            _bad(f"site : espace « {filters.site} » inconnu. Valeurs permises : {known}.")
    sessions = agenda_sessions(
        territory=territory, site=site, date_from=date_from, date_to=date_to
    ).filter(status=SessionStatus.PLANNED)
    if filters.type:
        event_type = EventType.objects.filter(territory=territory, slug=filters.type).first()
        if event_type is not None:
            sessions = sessions.filter(event_type=event_type)
        elif filters.type in EventKind.values:
            sessions = sessions.filter(event_type__kind=filters.type)
        else:
            known = list(
                EventType.objects.filter(territory=territory).values_list("slug", flat=True)
            )
            _bad(
                f"type : type « {filters.type} » inconnu. Valeurs permises : "
                f"{', '.join(known + EventKind.values)}."
            )
    if filters.metier:
        from espaces.catalogue.models import Metier

        metier = Metier.objects.filter(territory=territory, slug=filters.metier).first()
        if metier is None:
            _bad(f"metier : métier « {filters.metier} » inconnu (voir GET /metiers).")
        sessions = sessions.filter(metiers=metier)
    return [event_out(request, s) for s in sessions[:limit]]


# --- registration ---------------------------------------------------------------------------
class RegistrationIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    first_name: str = Field(max_length=150)
    last_name: str = Field(max_length=150)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)
    public_category: str = ""
    consent: bool


REGISTRATION_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["first_name", "last_name", "consent"],
                    "properties": {
                        "first_name": {"type": "string", "maxLength": 150},
                        "last_name": {"type": "string", "maxLength": 150},
                        "email": {"type": "string", "description": "e-mail ou téléphone"},
                        "phone": {"type": "string", "description": "ex. 06 12 34 56 78"},
                        "public_category": {
                            "type": "string",
                            "description": "facultatif : catégorie de public (docs/interfaces.md)",
                        },
                        "consent": {"type": "boolean", "description": "doit valoir true"},
                    },
                },
                "example": {
                    "first_name": "Camille",
                    "last_name": "Martin",
                    "email": "camille.martin@example.org",
                    "consent": True,
                },
            }
        },
    }
}

_PYDANTIC_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "bool_type": "true ou false attendu",
    "bool_parsing": "true ou false attendu",
    "string_too_long": "texte trop long",
}


class RegistrationOut(Schema):
    id: int
    session: int
    status: str
    status_label: str
    waitlist_position: int | None
    seats_left: int
    registration_url: str
    cancel_url: str


class ErrorOut(Schema):
    message: str
    erreurs: list[dict] = []


def _error(status: int, message: str, field: str | None = None):
    erreurs = [{"champ": field, "message": message}] if field else []
    return Status(status, {"message": message, "erreurs": erreurs})


@router.post(
    "/sessions/{session_id}/registrations",
    response={
        201: RegistrationOut,
        400: ErrorOut,
        404: Message,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="S'inscrire à une séance",
    openapi_extra=REGISTRATION_BODY,
)
def registration_post(request, session_id: int):
    """Inscrit une personne : `201` avec `status` = `confirmed` (place réservée) ou `waitlisted`
    (séance complète, liste d'attente) ; `409` si la séance est complète sans liste d'attente,
    annulée ou commencée, ou si ces coordonnées sont déjà inscrites ; `400`/`422` si les
    données sont invalides (noms vides, ni e-mail ni téléphone, accord absent)."""
    territory = territory_or_404(request)
    session = Session.objects.filter(territory=territory, public=True, pk=session_id).first()
    if session is None:
        return Status(404, {"message": f"Séance {session_id} introuvable."})
    try:
        raw = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "Corps de requête illisible : un objet JSON est attendu.")
    if not isinstance(raw, dict):
        return _error(400, 'Un objet JSON est attendu, par exemple {"first_name": …}.')
    try:
        data = RegistrationIn.model_validate(raw)
    except ValidationError as exc:
        erreurs = []
        for e in exc.errors():
            field = ".".join(str(p) for p in e["loc"])
            erreurs.append(
                {"champ": field, "message": _PYDANTIC_MESSAGES.get(e["type"], "valeur invalide")}
            )
        message = "Données invalides : " + " ; ".join(
            f"{e['champ']} : {e['message']}" for e in erreurs
        )
        if any(e["champ"] == "consent" and "manquant" in e["message"] for e in erreurs):
            message += " (consent doit valoir true : l'accord de la personne est obligatoire)"
        return Status(422, {"message": message, "erreurs": erreurs})
    if not contact_allowed(
        "events-registration",
        email=data.email,
        phone=data.phone,
        limit=messaging_conf.registration_limit_per_contact(),
    ):
        return _error(
            429,
            "Trop d'inscriptions aujourd'hui avec cette adresse ou ce numéro : réessayez demain.",
        )
    try:
        registration = registration_create(
            session=session,
            channel=RegistrationChannel.API,
            first_name=data.first_name,
            last_name=data.last_name,
            email=data.email,
            phone=data.phone,
            public_category=data.public_category,
            consent=data.consent,
        )
    except EventError as exc:
        message = exc.message
        if exc.field == "consent":
            message = "consent : l'accord de la personne est obligatoire (true attendu)."
        return _error(exc.status, message, exc.field)
    fresh = Session.objects.with_counts().get(pk=session.pk)
    return Status(
        201,
        {
            "id": registration.pk,
            "session": session.pk,
            "status": registration.status,
            "status_label": registration.get_status_display(),
            "waitlist_position": registration.waitlist_position,
            "seats_left": fresh.seats_left,
            "registration_url": registration_url(registration),
            "cancel_url": cancel_url(registration),
        },
    )
