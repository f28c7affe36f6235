"""The /api/v1 API (docs/api.md): one router module per domain, errors as JSON in French."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from . import catalogue, services, territories

api = NinjaAPI(
    title="API Espaces 20 000 emplois",
    version="1",
    description=(
        "Territoire, projets, métiers, orientation, services, événements et statistiques des "
        "Espaces 20 000 emplois. Les appels authentifiés envoient `Authorization: Bearer <jeton>`. "
        "Le territoire vient du nom d'hôte ou du paramètre `?territory=<identifiant>`."
    ),
    urls_namespace="api-v1",
)


def _message_for(error: dict) -> str:
    loc = ".".join(str(p) for p in error.get("loc", []) if p not in ("body", "query", "path"))
    kind = error.get("type", "")
    if kind == "missing":
        text = "champ obligatoire manquant"
    elif kind in ("int_parsing", "int_type"):
        text = "nombre entier attendu"
    elif kind.startswith("date"):
        text = "date attendue (AAAA-MM-JJ)"
    elif kind in ("bool_parsing", "bool_type"):
        text = "true ou false attendu"
    elif kind in ("json_invalid",):
        text = "JSON invalide"
    elif kind in ("enum", "literal_error"):
        text = f"valeur inconnue (valeurs permises : {error.get('ctx', {}).get('expected', '')})"
    else:
        text = error.get("msg", "valeur invalide")
    return f"{loc} : {text}" if loc else text


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    details = [
        {"champ": ".".join(map(str, e.get("loc", []))), "message": _message_for(e)}
        for e in exc.errors
    ]
    message = "Données invalides : " + " ; ".join(_message_for(e) for e in exc.errors)
    return api.create_response(request, {"message": message, "erreurs": details}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(
        request,
        {
            "message": "Authentification requise : envoyez un jeton valide (Authorization: Bearer <jeton>)."
        },
        status=401,
    )


# Messages django-ninja raises itself, in English, and what the API says instead.
NINJA_MESSAGES = {
    "Cannot parse request body": "Corps de la requête illisible : envoyez du JSON valide "
    "(Content-Type: application/json).",
}


@api.exception_handler(HttpError)
def http_error(request, exc):
    message = str(exc)
    for english, french in NINJA_MESSAGES.items():
        if message.startswith(english):
            message = french
    return api.create_response(request, {"message": message}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    message = (
        str(exc)
        if str(exc) and "matches the given query" not in str(exc)
        else "Ressource introuvable."
    )
    return api.create_response(request, {"message": message}, status=404)


@api.exception_handler(Exception)
def server_error(request, exc):  # pragma: no cover - last resort, logged by Django
    import logging

    logging.getLogger("espaces.api").exception("Erreur API sur %s", request.path)
    return api.create_response(
        request, {"message": "Erreur interne : réessayez plus tard."}, status=500
    )


api.add_router("/", territories.router)
api.add_router("/", "espaces.api.reception.router")
api.add_router("/", "espaces.api.stats.router")
api.add_router("/", "espaces.api.impact.router")
api.add_router("/", catalogue.router)
api.add_router("/", services.router)
api.add_router("/", "espaces.api.orientation.router")
api.add_router("/", "espaces.api.events.router")
api.add_router("/", "espaces.api.recruitment.router")
api.add_router("/", "espaces.network.api.router")
api.add_router("/", "espaces.pros.api.router")
api.add_router("/", "espaces.gains.api.router")


# Answers every operation may give before reaching its code (espaces/ops/hostile_input.py and
# the rate limits of espaces/ops/rate_limit.py), documented once for all in the OpenAPI schema.
REFUSALS = {
    "400": "Requête refusée : caractère nul ou invalide, JSON trop profond ou illisible.",
    "413": "Corps de la requête trop gros.",
}
POST_REFUSALS = {"429": "Trop de requêtes : réessayez plus tard."}
_generated_schema = api.get_openapi_schema


def _schema_with_refusals(**kwargs):
    schema = _generated_schema(**kwargs)
    message = {"$ref": "#/components/schemas/Message"}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            refusals = {**REFUSALS, **(POST_REFUSALS if method == "post" else {})}
            responses = operation.setdefault("responses", {})
            for code, text in refusals.items():
                responses.setdefault(
                    code,
                    {"description": text, "content": {"application/json": {"schema": message}}},
                )
    return schema


api.get_openapi_schema = _schema_with_refusals
