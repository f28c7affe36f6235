"""GET /metiers, /metiers/{slug}, /rome/search and /rome/{code}."""

from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from espaces.catalogue import search
from espaces.catalogue.enums import EntryLevel
from espaces.catalogue.selectors import (
    active_project_jobs,
    metier_detail,
    metiers_for,
    national_fiche,
    recruiting_volumes,
)
from espaces.common.partial_dates import serialize_partial_date
from espaces.common.public_url import absolute_url
from espaces.rome.models import RomeFiche
from espaces.rome.selectors import rome_release
from espaces.territories.models import Sector

from .schemas import Message, SourceOut
from .territories import source_out, territory_or_404

router = Router(tags=["métiers"])

MAX_LIMIT = 100
MAX_QUERY = 200


class MetierFilters(Schema):
    q: str = Field("", description="texte cherché (accents, fautes et synonymes tolérés)")
    sector: str = Field("", description="identifiant de secteur (`GET /territory`)")
    level: str = Field("", description="niveau d'entrée : " + ", ".join(EntryLevel.values))
    no_diploma: str = Field(
        "", description="`true` : seulement les métiers accessibles sans diplôme"
    )
    limit: str = Field("", description=f"nombre de résultats, 1 à {MAX_LIMIT} (20 par défaut)")


class MetierItem(Schema):
    kind: str = Field(
        "metier",
        description="`metier` : fiche locale du territoire ; `rome` : fiche nationale du ROME "
        "(après les fiches locales, quand elles ne suffisent pas)",
    )
    slug: str = Field(..., description="identifiant de la fiche locale ; code ROME pour `rome`")
    title: str
    url: str
    rome_codes: list[str]
    sectors: list[str]
    entry_level: str
    entry_level_label: str
    open_without_diploma: bool
    short_training_months: int | None
    conditions: list[str]
    summary: str
    recruiting_projects: int
    score: float | None = None


class MetierList(Schema):
    count: int
    items: list[MetierItem]
    suggestions: list[MetierItem] = []


def _bad(message: str):
    raise HttpError(422, message)


def _parse_limit(value: str, default: int = 20) -> int:
    if value in ("", None):
        return default
    try:
        limit = int(value)
    except ValueError:
        _bad(f"limit : nombre entier attendu entre 1 et {MAX_LIMIT} (reçu « {value} »).")
    if not 1 <= limit <= MAX_LIMIT:
        _bad(f"limit : nombre entier attendu entre 1 et {MAX_LIMIT} (reçu « {value} »).")
    return limit


def _parse_bool(name: str, value: str) -> bool | None:
    lowered = (value or "").strip().lower()
    if lowered == "":
        return None
    if lowered in ("true", "1", "oui", "yes"):
        return True
    if lowered in ("false", "0", "non", "no"):
        return False
    _bad(f"{name} : true ou false attendu (reçu « {value} »).")


def _item(request, metier, counts, score=None) -> dict:
    return {
        "kind": "metier",
        "slug": metier.slug,
        "title": metier.title,
        "url": absolute_url(request=request, path=reverse("catalogue:detail", args=[metier.slug])),
        "rome_codes": [f.code for f in metier.rome_fiches.all()],
        "sectors": [s.slug for s in metier.sectors.all()],
        "entry_level": metier.entry_level,
        "entry_level_label": metier.get_entry_level_display(),
        "open_without_diploma": metier.open_without_diploma,
        "short_training_months": metier.short_training_months,
        "conditions": [c.condition for c in metier.conditions.all()],
        "summary": metier.summary,
        "recruiting_projects": counts.get(metier.pk, 0),
        "score": score,
    }


def _rome_item(request, fiche, score=None) -> dict:
    """A national fiche in the list: the local-only fields are empty."""
    return {
        "kind": "rome",
        "slug": fiche.code,
        "title": fiche.label,
        "url": absolute_url(request=request, path=reverse("catalogue:rome", args=[fiche.code])),
        "rome_codes": [fiche.code],
        "sectors": [],
        "entry_level": "",
        "entry_level_label": "",
        "open_without_diploma": False,
        "short_training_months": None,
        "conditions": [],
        "summary": fiche.definition.split("\n", 1)[0],
        "recruiting_projects": 0,
        "score": score,
    }


@router.get(
    "/metiers",
    response={200: MetierList, 404: Message, 422: Message},
    summary="Métiers du territoire",
)
def metier_list(request, filters: Query[MetierFilters]):
    """Fiches métiers, filtrées par secteur, niveau et accès sans diplôme. Avec `q`, la
    meilleure correspondance vient d'abord (accents, fautes de frappe, verbes et synonymes
    tolérés), les fiches locales (`kind: metier`) puis, sans autre filtre, les fiches
    nationales du ROME qui contiennent tous les mots cherchés (`kind: rome`, titre et 13 120
    appellations) ; `count` compte les deux. Sans résultat, `suggestions` donne les métiers
    locaux les plus proches. Sans `q`, `count` compte les fiches locales."""
    territory = territory_or_404(request)
    limit = _parse_limit(filters.limit)
    q = " ".join(filters.q.split())
    if len(q) > MAX_QUERY:
        _bad(f"q : {MAX_QUERY} caractères au plus.")
    level = filters.level.strip()
    if level and level not in EntryLevel.values:
        _bad(
            f"level : valeur « {level} » inconnue. Valeurs permises : {', '.join(EntryLevel.values)}."
        )
    sector = filters.sector.strip()
    if sector and not Sector.objects.filter(territory=territory, slug=sector).exists():
        known = Sector.objects.filter(territory=territory).values_list("slug", flat=True)
        _bad(f"sector : secteur « {sector} » inconnu. Valeurs permises : {', '.join(known)}.")
    no_diploma = _parse_bool("no_diploma", filters.no_diploma)

    qs = metiers_for(territory=territory)
    if sector:
        qs = qs.filter(sectors__slug=sector)
    if level:
        qs = qs.filter(entry_level=level)
    if no_diploma is not None:
        qs = qs.filter(open_without_diploma=no_diploma)
    _, counts = recruiting_volumes(territory=territory)
    suggestions = []
    if q:
        hits = search.search_metiers(territory=territory, query=q)
        allowed = set(qs.values_list("pk", flat=True))
        hits = [h for h in hits if h.key in allowed]
        national = []
        if not (sector or level or no_diploma is not None):
            # National fiches have no sector, level or diploma: only without those filters.
            national = search.search_rome(q, exclude=search.rome_codes_of([h.key for h in hits]))
        # Local sheets matching every word, then national fiches (which match every word),
        # then local sheets matching only some words.
        ranked = search.merge_local_and_national(hits, national)
        page = ranked[:limit]
        objects = qs.in_bulk([h.key for kind, h in page if kind == "metier"])
        fiches = RomeFiche.objects.only("code", "label", "definition").in_bulk(
            [h.key for kind, h in page if kind == "rome"]
        )
        items = [
            _item(request, objects[h.key], counts, h.score)
            if kind == "metier"
            else _rome_item(request, fiches[h.key], h.score)
            for kind, h in page
        ]
        count = len(ranked)
        if not hits and not national:
            closest = search.closest_metiers(territory=territory, query=q, limit=5)
            by_pk = metiers_for(territory=territory).in_bulk(closest)
            suggestions = [_item(request, by_pk[pk], counts) for pk in closest if pk in by_pk]
    else:
        count = qs.count()
        items = [_item(request, m, counts) for m in qs.order_by("title")[:limit]]
    return {"count": count, "items": items, "suggestions": suggestions}


class TrainingOut(Schema):
    title: str
    body: str
    duration: str
    level: str
    funding: list[str]
    url: str
    note: str


class SalaryOut(Schema):
    min: int
    max: int | None
    period: str
    basis: str
    as_of: str | None
    source: SourceOut | None


class ProjectLinkOut(Schema):
    slug: str
    name: str
    status: str
    note: str
    jobs: int | None
    jobs_kind: str | None
    jobs_as_of: str | None
    jobs_source: SourceOut | None


class RoleModelOut(Schema):
    name: str
    text: str
    illustrative: bool


class RomeOut(Schema):
    code: str
    label: str
    riasec: str
    transition_eco: str
    appellations: list[str]


class MetierDetailOut(MetierItem):
    day_tasks: list[str]
    likes: list[str]
    hard: list[str]
    conditions_labels: list[str]
    trainings: list[TrainingOut]
    salary: SalaryOut | None
    projects: list[ProjectLinkOut]
    employers: list[str]
    keywords: list[str]
    role_models: list[RoleModelOut]
    rome: list[RomeOut]
    reviewed_on: str | None
    offres: list[dict] = []


@router.get(
    "/metiers/{slug}",
    response={200: MetierDetailOut, 404: Message},
    summary="Une fiche métier",
)
def metier_detail_api(request, slug: str):
    """Toute la fiche : journée de travail, conditions, formations, salaire sourcé (ou vide),
    projets qui recrutent avec leur dernier chiffre daté et sourcé, codes ROME."""
    territory = territory_or_404(request)
    metier = metier_detail(territory=territory, slug=slug)
    if metier is None:
        raise HttpError(404, f"Aucune fiche métier « {slug} » dans ce territoire.")
    active = active_project_jobs(territory=territory)
    counts = {metier.pk: sum(1 for link in metier.project_links.all() if link.project_id in active)}
    out = _item(request, metier, counts)
    projects = []
    for link in metier.project_links.all():
        figure = link.project.headline_jobs
        projects.append(
            {
                "slug": link.project.slug,
                "name": link.project.name,
                "status": link.project.status,
                "note": link.note,
                "jobs": figure.value if figure else None,
                "jobs_kind": figure.kind if figure else None,
                "jobs_as_of": serialize_partial_date(figure.as_of, figure.as_of_precision)
                if figure
                else None,
                "jobs_source": source_out(figure.source) if figure else None,
            }
        )
    out.update(
        {
            "day_tasks": metier.day_tasks,
            "likes": metier.likes,
            "hard": metier.hard,
            "conditions_labels": [c.get_condition_display() for c in metier.conditions.all()],
            "trainings": [
                {
                    "title": t.title,
                    "body": t.body,
                    "duration": t.duration,
                    "level": t.level,
                    "funding": t.funding,
                    "url": t.url,
                    "note": t.note,
                }
                for t in metier.trainings.all()
            ],
            "salary": {
                "min": metier.salary_min,
                "max": metier.salary_max,
                "period": metier.salary_period,
                "basis": metier.salary_basis,
                "as_of": serialize_partial_date(metier.salary_as_of, metier.salary_as_of_precision),
                "source": source_out(metier.salary_source),
            }
            if metier.has_salary
            else None,
            "projects": projects,
            "employers": [e.slug for e in metier.employers.all()],
            "keywords": metier.keywords,
            "role_models": [
                {"name": r.name, "text": r.text, "illustrative": r.illustrative}
                for r in metier.role_models.all()
            ],
            "rome": [
                {
                    "code": f.code,
                    "label": f.label,
                    "riasec": f.riasec,
                    "transition_eco": f.transition_eco,
                    "appellations": [a.label for a in f.appellations.all()],
                }
                for f in metier.rome_fiches.all()
            ],
            "reviewed_on": metier.reviewed_on.isoformat() if metier.reviewed_on else None,
            "offres": _offres(request, metier),
        }
    )
    return out


def _offres(request, metier) -> list[dict]:
    """The open offers sharing a ROME code with the sheet (items of `GET /offres`)."""
    from espaces.recruitment.selectors import offers_for_rome_codes

    from .recruitment import offer_out

    offers = offers_for_rome_codes(
        territory_id=metier.territory_id, codes=metier.rome_codes, metier=metier
    )
    return [offer_out(request, o) for o in offers]


class AppellationFilters(Schema):
    q: str = Field(..., description="texte cherché dans les appellations du ROME")
    limit: str = Field("", description=f"nombre de résultats, 1 à {MAX_LIMIT} (20 par défaut)")


class AppellationOut(Schema):
    label: str
    code_ogr: str | None
    classification: str
    fiche_code: str
    fiche_label: str


class AppellationList(Schema):
    count: int
    items: list[AppellationOut]


@router.get(
    "/rome/search",
    response={200: AppellationList, 422: Message},
    summary="Chercher dans les appellations du ROME",
)
def rome_search(request, filters: Query[AppellationFilters]):
    """Les appellations du ROME 4.0 (toutes, une fois `espaces import_rome` lancé ; sinon
    celles des packs) avec le code et le libellé de leur fiche, la meilleure d'abord."""
    limit = _parse_limit(filters.limit)
    q = " ".join(filters.q.split())
    if not q:
        _bad("q : indiquez un texte à chercher.")
    if len(q) > MAX_QUERY:
        _bad(f"q : {MAX_QUERY} caractères au plus.")
    rows = search.search_appellations(q, limit=limit)
    return {
        "count": len(rows),
        "items": [
            {
                "label": a.label,
                "code_ogr": a.code_ogr,
                "classification": a.classification,
                "fiche_code": a.fiche.code,
                "fiche_label": a.fiche.label,
            }
            for a in rows
        ],
    }


class ContextOut(Schema):
    type: str
    label: str


class SkillOut(Schema):
    code_ogr: str
    label: str
    core: bool = Field(..., description="compétence « cœur de métier » de la fiche")


class SkillsOut(Schema):
    savoir_faire: list[SkillOut]
    savoir_etre: list[SkillOut]
    savoirs: list[SkillOut]


class CentreOut(Schema):
    code: int
    label: str
    principal: bool


class MobilityOut(Schema):
    code: str
    title: str
    order: int
    url: str


class LocalSheetOut(Schema):
    slug: str
    title: str
    url: str


class RomeFicheOut(Schema):
    kind: str = "rome"
    code: str
    title: str
    url: str
    domain: str
    definition: str
    access: str
    transition_eco: str
    riasec: str
    riasec_labels: list[str]
    work_contexts: list[ContextOut]
    conditions: list[str] = Field(
        ...,
        description="conditions de travail déduites des contextes (mêmes valeurs que les fiches)",
    )
    skills: SkillsOut
    centres_interet: list[CentreOut]
    mobilities: list[MobilityOut]
    appellations: list[str]
    local_sheets: list[LocalSheetOut] = Field(
        ..., description="fiches locales du territoire qui portent ce code ROME"
    )
    source: str


def _skills(skills) -> list[dict]:
    return [
        {"code_ogr": s.code_ogr, "label": s.label, "core": s.core == "principale"} for s in skills
    ]


@router.get(
    "/rome/{code}",
    response={200: RomeFicheOut, 404: Message},
    summary="Une fiche nationale du ROME",
)
def rome_fiche(request, code: str):
    """La fiche nationale du ROME 4.0 de ce code (par exemple H2913) : définition, accès,
    contextes de travail, compétences, RIASEC, centres d'intérêt, mobilités, appellations, et
    les fiches locales du territoire qui portent ce code."""
    territory = territory_or_404(request)
    fiche = national_fiche(territory=territory, code=code.strip().upper())
    if fiche is None:
        raise HttpError(
            404,
            f"Fiche ROME « {code} » inconnue : un code ROME a une lettre et 4 chiffres "
            "(par exemple H2913).",
        )
    d = fiche.detail
    f = d.fiche
    return {
        "code": f.code,
        "title": f.label,
        "url": absolute_url(request=request, path=reverse("catalogue:rome", args=[f.code])),
        "domain": f.domain_label,
        "definition": f.definition,
        "access": f.access,
        "transition_eco": f.transition_eco,
        "riasec": f.riasec,
        "riasec_labels": d.riasec_labels,
        "work_contexts": [
            {"type": kind, "label": label}
            for kind, labels in d.contexts.items()
            for label in labels
        ],
        "conditions": fiche.conditions,
        "skills": {
            "savoir_faire": _skills(d.savoir_faire),
            "savoir_etre": _skills(d.savoir_etre),
            "savoirs": _skills(d.savoirs),
        },
        "centres_interet": [
            {"code": c.code, "label": c.label, "principal": c.principal} for c in d.centres
        ],
        "mobilities": [
            {
                "code": m.code,
                "title": m.label,
                "order": m.order,
                "url": absolute_url(request=request, path=reverse("catalogue:rome", args=[m.code])),
            }
            for m in d.mobilities
        ],
        "appellations": [a.label for a in d.appellations],
        "local_sheets": [
            {
                "slug": m.slug,
                "title": m.title,
                "url": absolute_url(
                    request=request, path=reverse("catalogue:detail", args=[m.slug])
                ),
            }
            for m in fiche.local_sheets
        ],
        "source": rome_release().attribution,
    }
