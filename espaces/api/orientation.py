"""GET /orientation/questionnaire and POST /orientation (docs/orientation.md)."""

import json

from django.urls import NoReverseMatch, reverse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from espaces.common.public_url import absolute_url
from espaces.ops.rate_limit import allow, client_key, fingerprint, first_time
from espaces.orientation.enums import Mode
from espaces.orientation.presentation import results_title, wish_label
from espaces.orientation.selectors import (
    current_questionnaire,
    rome_fiche_url,
    services_for_barriers,
    site_for,
)
from espaces.orientation.services import OrientationError, orientation_complete
from espaces.services.selectors import communes_of

from .schemas import Message
from .territories import territory_or_404

router = Router(tags=["orientation"])


class OptionOut(Schema):
    value: str | int
    label: str
    pictogram: str | None = None


class QuestionOut(Schema):
    id: str
    text: str
    kind: str
    dimension: str
    options: list[OptionOut]
    help: str
    prompt: str
    max_choices: int | None
    skippable: bool


class QuestionnaireOut(Schema):
    version: str
    title: str
    intro: str
    questions: list[QuestionOut]


class ErrorDetail(Schema):
    question: str
    message: str


class ValidationOut(Schema):
    message: str
    erreurs: list[ErrorDetail]


class MetierRef(Schema):
    slug: str
    title: str
    rome_codes: list[str]


class OrientationTrainingOut(Schema):
    title: str
    body: str
    duration: str
    level: str
    url: str


class ResultOut(Schema):
    metier: MetierRef
    score: int
    resemblance: int
    reasons: list[str]
    cautions: list[str]
    barriers: list[str]
    trainings: list[OrientationTrainingOut]


class FicheRef(Schema):
    rome_code: str
    title: str  # the ROME appellation recognised
    fiche: str = ""  # the label of its ROME fiche


class PasserelleTarget(Schema):
    kind: str
    slug: str | None = None
    code: str | None = None
    title: str
    rome_codes: list[str]
    url: str


class PasserelleOut(Schema):
    from_: FicheRef = Field(..., alias="from")
    to: PasserelleTarget
    shared_skills: list[str]
    missing_skills: list[str]
    mobility: bool
    learn_with: list[OrientationTrainingOut]

    model_config = {"populate_by_name": True}


class NationalOut(Schema):
    kind: str
    code: str
    title: str
    rome_codes: list[str]
    url: str
    score: int
    reasons: list[str]


class BarrierServiceOut(Schema):
    slug: str
    nom: str
    structure: str
    commune: str
    telephone: str
    lien_mobilisation: str
    url: str
    gratuit: bool
    public_note: str


class BarrierOut(Schema):
    thematique: str
    label: str
    reasons: list[str]
    metiers: list[str]
    tags: list[str] = []
    services: list[BarrierServiceOut]


class ExcludedOut(Schema):
    slug: str
    title: str
    reason: str


class OrientationOut(Schema):
    code: str
    url: str
    questionnaire_version: str
    criteria: list[str]
    title: str
    confidence: float
    results: list[ResultOut]
    barriers: list[BarrierOut]
    excluded: list[ExcludedOut]
    passerelles: list[PasserelleOut]
    uncovered_wishes: list[str]
    national: list[NationalOut]
    espaces_url: str


def _questionnaire_or_404(territory):
    questionnaire = current_questionnaire(territory=territory)
    if questionnaire is None:
        raise HttpError(404, "Aucun questionnaire d'orientation n'est chargé pour ce territoire.")
    return questionnaire


@router.get(
    "/orientation/questionnaire",
    response={200: QuestionnaireOut, 404: Message},
    summary="Le questionnaire d'orientation",
)
def questionnaire_detail(request):
    """Les questions, dans l'ordre. `dimension` est une lettre RIASEC, `centre_interet` ou le
    nom d'une contrainte (`diploma`, `training_readiness`, `night_work`, `shift_work`,
    `weekend_work`, `physical_work`, `outdoor_work`, `driving`, `childcare`, `health`),
    `experience` pour les métiers déjà faits, `diploma_specialty` pour la spécialité du diplôme
    (texte libre) ou `situation` (pour classer les aides, jamais pour les métiers). Le genre,
    l'âge, la nationalité et l'adresse ne sont jamais demandés."""
    questionnaire = _questionnaire_or_404(territory_or_404(request))
    return {
        "version": questionnaire.version,
        "title": questionnaire.title,
        "intro": questionnaire.intro,
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "kind": q.kind,
                "dimension": q.dimension,
                "options": [
                    {"value": o.value, "label": o.label, "pictogram": o.pictogram}
                    for o in q.options
                ],
                "help": q.help,
                "prompt": q.prompt,
                "max_choices": q.max_choices,
                "skippable": q.skippable,
            }
            for q in questionnaire.questions
        ],
    }


def service_out(request, service) -> dict:
    try:
        url = absolute_url(request=request, path=reverse("services:detail", args=[service.slug]))
    except Exception:  # noqa: BLE001 - the services pages are optional
        url = ""
    return {
        "slug": service.slug,
        "nom": service.nom,
        "structure": service.structure.nom if service.structure_id else "",
        "commune": service.commune,
        "telephone": service.telephone,
        "lien_mobilisation": service.lien_mobilisation,
        "url": url,
        "gratuit": service.is_free,
        "public_note": getattr(service, "audience_note", ""),
    }


BODY_SCHEMA = {
    "type": "object",
    "required": ["answers"],
    "additionalProperties": False,
    "properties": {
        "answers": {
            "type": "object",
            "description": "{identifiant de question: valeur} ; une liste pour « multi ».",
            "additionalProperties": {
                "anyOf": [
                    {"type": "integer"},
                    {"type": "string"},
                    {
                        "type": "array",
                        "items": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
                    },
                    {"type": "null"},
                ]
            },
        }
    },
    "example": {"answers": {"reparer-appareil": 3, "envies": [14, 6], "permis": "sans_permis"}},
}


def _invalid(message: str, question: str = "") -> Status:
    return Status(
        422,
        {
            "message": f"Données invalides : {message}",
            "erreurs": [{"question": question, "message": message}],
        },
    )


def conf_limit(name: str, default: int) -> int:
    from django.conf import settings

    return int(getattr(settings, f"ESPACES_ORIENTATION_{name}", default))


def _counts_once(client: str, answers: dict, site: str) -> bool:
    """The public counts take a completion once per client, place and set of answers within
    ESPACES_ORIENTATION_REPEAT_SECONDS (10 minutes: a kiosk is shared by people who may answer
    alike), and at most ESPACES_ORIENTATION_COUNTS_PER_DAY (30) completions per client and
    day: a script posting in a loop does not inflate them (the result is still returned)."""
    import json

    same = fingerprint(client + site + json.dumps(answers, sort_keys=True, default=str))
    if not first_time("orientation-answers", same, seconds=conf_limit("REPEAT_SECONDS", 600)):
        return False
    return allow("orientation-count", client, limit=conf_limit("COUNTS_PER_DAY", 30), seconds=86400)


def _answers_from(request) -> tuple[dict | None, Status | None]:
    """The `answers` of the JSON body, or a 422 naming what is wrong with the body."""
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None, _invalid("le corps n'est pas du JSON lisible")
    if not isinstance(body, dict) or "answers" not in body:
        return None, _invalid('le corps doit être un objet {"answers": {identifiant: valeur}}')
    extra = sorted(k for k in body if k != "answers")
    if extra:
        return None, _invalid(f"champ(s) inconnu(s) : {', '.join(extra)} (seul « answers » est lu)")
    if not isinstance(body["answers"], dict):
        return None, _invalid("« answers » doit être un objet {identifiant: valeur}", "answers")
    return body["answers"], None


@router.post(
    "/orientation",
    response={200: OrientationOut, 404: Message, 422: ValidationOut, 429: Message, 503: Message},
    summary="Calculer les métiers proches de réponses",
    by_alias=True,
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": BODY_SCHEMA}}}
    },
)
def orientation_create(request, site: str | None = None, commune: str | None = None):
    """Corps : `{"answers": {identifiant de question: valeur}}`. Les réponses partielles sont
    acceptées (une question absente ou `null` est passée). Renvoie un code court pour rouvrir
    le résultat, les 10 métiers les plus proches avec un score de 0 à 100 (pondéré par la part
    du questionnaire répondue : `confidence`) et leurs raisons, les freins repérés avec les
    services qui les lèvent (les mieux adaptés d'abord), les passerelles depuis les métiers
    déjà faits, et les fiches nationales pour les envies que le territoire ne couvre pas.
    `?site=` : l'Espace d'une borne ; `?commune=` : code INSEE de la commune de la personne,
    pour classer les services (jamais utilisé pour les métiers, jamais enregistré)."""
    territory = territory_or_404(request)
    questionnaire = _questionnaire_or_404(territory)
    client = client_key(request)
    if not allow("orientation-api", client, limit=conf_limit("API_PER_HOUR", 60), seconds=3600):
        return Status(
            429,
            {
                "message": "Trop de questionnaires envoyés depuis cette adresse : réessayez dans une heure."
            },
        )
    raw, problem = _answers_from(request)
    if problem:
        return problem
    commune = (commune or "").strip()
    if commune:
        communes = {c.insee: c.name for c in communes_of(territory=territory)}
        if commune not in communes:
            allowed = ", ".join(f"{code} ({name})" for code, name in sorted(communes.items()))
            return _invalid(
                f"commune « {commune} » inconnue. Valeurs permises (codes INSEE) : {allowed}.",
                "commune",
            )
    answers, errors = questionnaire.validate(raw)
    if errors:
        message = "Réponses invalides : " + " ; ".join(e["message"] for e in errors)
        return Status(422, {"message": message, "erreurs": errors})
    interest = any(q.is_interest for q in questionnaire.questions if q.id in answers)
    try:
        completed = orientation_complete(
            territory=territory,
            questionnaire=questionnaire,
            answers=answers,
            mode=Mode.COMPLET if interest or not answers else Mode.RAPIDE,
            site=site_for(territory=territory, slug=site),
            count=_counts_once(client, answers, site or ""),
        )
    except OrientationError as exc:
        return Status(503, {"message": str(exc)})
    result = completed.result
    summary = result.summary or {}
    services = services_for_barriers(
        territory=territory,
        barriers=result.barriers,
        situation=summary.get("situation"),
        commune=commune or None,
    )
    return Status(
        200,
        {
            "code": result.code,
            "url": absolute_url(
                request=request, path=reverse("orientation:result", args=[result.code])
            ),
            "questionnaire_version": result.questionnaire_version,
            "criteria": result.components,
            "title": results_title(summary),
            "confidence": summary.get("confidence", 1.0),
            "results": [
                {
                    "metier": {
                        "slug": r["slug"],
                        "title": r["title"],
                        "rome_codes": r["rome_codes"],
                    },
                    "score": r["score"],
                    "resemblance": r.get("resemblance", r["score"]),
                    "reasons": r["reasons"],
                    "cautions": r["cautions"],
                    "barriers": r["barriers"],
                    "trainings": r.get("trainings", []),
                }
                for r in result.results
            ],
            "barriers": [
                {
                    **b,
                    "services": [
                        service_out(request, s) for s in services.get(b["thematique"], [])
                    ],
                }
                for b in result.barriers
            ],
            "excluded": result.excluded,
            "passerelles": [_absolute(request, p) for p in result.passerelles],
            "uncovered_wishes": [
                wish_label(questionnaire, code) for code in summary.get("uncovered", [])
            ],
            "national": [
                {
                    "kind": "rome",
                    "code": n["rome_codes"][0],
                    "title": n["title"],
                    "rome_codes": n["rome_codes"],
                    "url": _absolute_url(request, rome_fiche_url(n["rome_codes"][0])),
                    "score": n["score"],
                    "reasons": n["reasons"],
                }
                for n in summary.get("national", [])
            ],
            "espaces_url": _absolute_url(request, _sites_url()),
        },
    )


def _absolute_url(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _absolute(request, bridge: dict) -> dict:
    return {**bridge, "to": {**bridge["to"], "url": _absolute_url(request, bridge["to"]["url"])}}


def _sites_url() -> str:
    try:
        return reverse("territories:home")
    except NoReverseMatch:
        return ""
