"""Pack sections `structures` and `services` (docs/packs.md): data·inclusion v1 field names,
reference lists checked against the `data-inclusion-schema` package."""

import datetime as dt
import re
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from pydantic import AfterValidator, BeforeValidator, Field, HttpUrl

from espaces.territories.models import Commune, Partner, Source
from espaces.territories.pack import known_communes
from espaces.territories.packs.links import check_url
from espaces.territories.packs.registry import (
    SLUG_PATTERN,
    BlankIsNone,
    PackRecord,
    PackSection,
    VerifiedOn,
    register_section,
)
from espaces.territories.packs.translations import (
    TranslationsIn,
    check_translations,
    stored_translations,
)

from .enums import (
    CATEGORIES,
    THEMATIQUES,
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    ServiceTag,
    TypeService,
    category_of,
    thematiques_of_category,
)
from .models import DEFAULT_REVIEW_MONTHS, Service, Structure, native_source

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=100)]
Url = Annotated[HttpUrl | None, BlankIsNone]


def _code_to_text(value):
    """YAML reads 59183 (unquoted) as a number: codes are text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None if value == "" else value


def _email(value):
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError(f"adresse électronique « {value} » invalide") from exc
    return value or ""


def _description(value: str) -> str:
    if value and len(value) < 5:
        raise ValueError("description trop courte (5 caractères au moins)")
    return value


Code = BeforeValidator(_code_to_text)
InseeCode = Annotated[Annotated[str, Field(pattern=r"^\w{5}$")] | None, Code]
PostalCode = Annotated[Annotated[str, Field(pattern=r"^\d{5}$")] | None, Code]
ZoneCode = Annotated[str, Code]
Email = Annotated[str, AfterValidator(_email)]
Description = Annotated[str, AfterValidator(_description)]


def _no_final_full_stop(value: str) -> str:
    if value.endswith(".") and not value.endswith("etc."):
        raise ValueError("le nom ne doit pas se terminer par un point")
    return value


Nom = Annotated[str, Field(min_length=3, max_length=150), AfterValidator(_no_final_full_stop)]


class StructureIn(PackRecord):
    slug: Slug
    nom: Nom
    description: Description = ""
    commune: str = ""
    code_insee: InseeCode = None
    code_postal: PostalCode = None
    adresse: str = ""
    complement_adresse: str = ""
    telephone: str = ""
    courriel: Email = ""
    site_web: Url = None
    horaires_accueil: str = ""
    accessibilite_lieu: Url = None
    siret: Annotated[Annotated[str, Field(pattern=r"^\d{14}$")] | None, Code] = None
    partner: Slug | None = None
    sources: list[Slug] = []
    verified_on: VerifiedOn = None
    editor_note: str = ""
    translations: TranslationsIn = {}


class ServiceIn(PackRecord):
    slug: Slug
    structure: Slug
    nom: Nom
    description: Annotated[str, Field(min_length=5, max_length=10000)]
    type: TypeService | None = None
    thematiques: list[str] = []
    publics: list[Public] = []
    publics_precisions: str = ""
    conditions_acces: str = ""
    frais: Frais | None = None
    frais_precisions: str = ""
    modes_accueil: list[ModeAccueil] = []
    modes_mobilisation: list[ModeMobilisation] = []
    mobilisable_par: list[PersonneMobilisatrice] = []
    mobilisation_precisions: str = ""
    lien_mobilisation: Url = None
    zone_eligibilite: list[ZoneCode] = []
    commune: str = ""
    code_insee: InseeCode = None
    code_postal: PostalCode = None
    adresse: str = ""
    complement_adresse: str = ""
    telephone: str = ""
    courriel: Email = ""
    horaires_accueil: str = ""
    contact_nom_prenom: str = ""
    volume_horaire_hebdomadaire: Annotated[float, Field(ge=0)] | None = None
    nombre_semaines: Annotated[int, Field(ge=1)] | None = None
    tags: list[ServiceTag] = []
    sources: list[Slug] = []
    last_verified_on: dt.date | None = None
    review_every_months: Annotated[int, Field(ge=1, le=120)] = DEFAULT_REVIEW_MONTHS
    editor_note: str = ""
    translations: TranslationsIn = {}


# --- checks shared with the import -------------------------------------------------------------
DEPARTEMENT = re.compile(r"^(\d{2}|2A|2B|\d{3})$")
EPCI = re.compile(r"^\d{9}$")


def thematique_problem(value: str) -> str | None:
    """None when `value` is a data·inclusion v1 thématique, else a French message naming the
    allowed values (those of its category when the category is known)."""
    if value in THEMATIQUES:
        return None
    category = category_of(value)
    if category in CATEGORIES:
        allowed = ", ".join(thematiques_of_category(category))
        hint = (
            "une catégorie seule ne suffit pas, choisissez une thématique précise"
            if value == category
            else "thématique inconnue"
        )
        return f"valeur « {value} » : {hint}. Valeurs permises pour « {category} » : {allowed}."
    return (
        f"thématique « {value} » inconnue. Une thématique s'écrit « catégorie--sous-thème » ; "
        f"catégories permises : {', '.join(sorted(CATEGORIES))}."
    )


def zone_problem(code: str, communes: set[str]) -> str | None:
    if code in ("france", "99100") or EPCI.match(code) or DEPARTEMENT.match(code):
        return None
    if len(code) == 5:
        if code in communes:
            return None
        return f"commune « {code} » inconnue du territoire. Valeurs permises : " + ", ".join(
            sorted(communes)
        )
    return (
        f"code « {code} » invalide : code INSEE d'une commune, département (59), "
        "EPCI (9 chiffres) ou « france » attendu"
    )


def publics_problem(publics: list[str]) -> str | None:
    if Public.TOUS_PUBLICS.value in publics and len(set(publics)) > 1:
        return (
            "« tous-publics » ne peut pas être utilisé avec d'autres valeurs : gardez "
            "« tous-publics » seul, ou seulement les publics visés (précisez-les dans "
            "« publics_precisions »)"
        )
    return None


def unique(values) -> list:
    """Data·inclusion lists are sets: drop repeats, keep the order of the file."""
    return list(dict.fromkeys(values or []))


# --- structures ----------------------------------------------------------------------------
def check_structures(ctx, records):
    communes = known_communes(ctx)
    sources = ctx.known_slugs("sources", Source)
    partners = ctx.known_slugs("partners", Partner)
    for record in records:
        d = record.data
        if d.code_insee:
            ctx.check_refs(record, "code_insee", d.code_insee, communes, "commune")
        if d.partner:
            ctx.check_refs(record, "partner", d.partner, partners, "partenaire")
        ctx.check_refs(record, "sources", d.sources, sources, "source")
        if d.site_web:
            check_url(ctx, record, "site_web", str(d.site_web), aggregators=False)
        check_translations(ctx, record, Structure.TRANSLATABLE_FIELDS)


def _commune_name(communes: dict, code: str | None, name: str) -> str:
    if name or not code:
        return name
    commune = communes.get(code)
    return commune.name if commune else ""


def apply_structures(ctx, records):
    communes = ctx.lookup(Commune, "insee")
    sources = ctx.lookup(Source)
    partners = ctx.lookup(Partner)
    source_system = native_source(ctx.territory)
    for record in records:
        d = record.data
        ctx.upsert(
            "structures",
            Structure,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "nom": d.nom,
                "description": d.description,
                "commune": _commune_name(communes, d.code_insee, d.commune),
                "code_insee": d.code_insee or "",
                "code_postal": d.code_postal or "",
                "adresse": d.adresse,
                "complement_adresse": d.complement_adresse,
                "telephone": d.telephone,
                "courriel": d.courriel,
                "site_web": str(d.site_web) if d.site_web else "",
                "horaires_accueil": d.horaires_accueil,
                "accessibilite_lieu": str(d.accessibilite_lieu) if d.accessibilite_lieu else "",
                "siret": d.siret or "",
                "partner_id": partners[d.partner].pk if d.partner else None,
                "source_system": source_system,
                "external_id": "",
                "verified_on": d.verified_on,
                "editor_note": d.editor_note,
                "translations": stored_translations(d.translations, Structure.TRANSLATABLE_FIELDS),
            },
            m2m={"sources": [sources[s] for s in unique(d.sources)]},
        )


def export_structures(territory) -> list[dict]:
    """Structures written by the team (not those of `import_services`), plus any structure that
    an exported service needs."""
    from espaces.territories.packs.export import compact, slugs

    needed = Service.objects.filter(territory=territory, external_id="").values("structure_id")
    structures = (
        Structure.objects.filter(territory=territory)
        .filter(Q(external_id="") | Q(pk__in=needed))
        .select_related("partner")
        .prefetch_related("sources")
        .order_by("slug")
    )
    return [
        compact(
            {
                "slug": s.slug,
                "nom": s.nom,
                "description": s.description,
                "commune": s.commune,
                "code_insee": s.code_insee,
                "code_postal": s.code_postal,
                "adresse": s.adresse,
                "complement_adresse": s.complement_adresse,
                "telephone": s.telephone,
                "courriel": s.courriel,
                "site_web": s.site_web,
                "horaires_accueil": s.horaires_accueil,
                "accessibilite_lieu": s.accessibilite_lieu,
                "siret": s.siret,
                "partner": s.partner.slug if s.partner else None,
                "sources": slugs(s.sources.all()),
                "verified_on": s.verified_on,
                "editor_note": s.editor_note,
                "translations": stored_translations(s.translations, Structure.TRANSLATABLE_FIELDS),
            }
        )
        for s in structures
    ]


register_section(
    PackSection(
        kind="structures",
        order=70,
        schema=StructureIn,
        check=check_structures,
        apply=apply_structures,
        export=export_structures,
    )
)


# --- services ------------------------------------------------------------------------------
def check_services(ctx, records):
    communes = known_communes(ctx)
    sources = ctx.known_slugs("sources", Source)
    structures = ctx.known_slugs("structures", Structure)
    today = timezone.localdate()
    for record in records:
        d = record.data
        ctx.check_refs(record, "structure", d.structure, structures, "structure")
        ctx.check_refs(record, "sources", d.sources, sources, "source")
        if d.code_insee:
            ctx.check_refs(record, "code_insee", d.code_insee, communes, "commune")
        if not d.thematiques:
            ctx.error(
                record,
                "thematiques",
                "au moins une thématique est nécessaire (sinon le service ne peut pas être "
                "trouvé), par exemple « mobilite--preparer-un-permis »",
            )
        for value in d.thematiques:
            problem = thematique_problem(value)
            if problem:
                ctx.error(record, "thematiques", problem)
        problem = publics_problem(d.publics)
        if problem:
            ctx.error(record, "publics", problem)
        for code in d.zone_eligibilite:
            problem = zone_problem(code, communes)
            if problem:
                ctx.error(record, "zone_eligibilite", problem)
        if d.last_verified_on and d.last_verified_on > today:
            ctx.error(
                record,
                "last_verified_on",
                f"date {d.last_verified_on.isoformat()} dans le futur : indiquez le jour "
                "où la fiche a réellement été vérifiée",
            )
        if d.lien_mobilisation:
            check_url(ctx, record, "lien_mobilisation", str(d.lien_mobilisation), aggregators=False)
        check_translations(ctx, record, Service.TRANSLATABLE_FIELDS)


def service_values(d: ServiceIn, *, structure_id: int, communes: dict, source_system: str):
    return {
        "structure_id": structure_id,
        "nom": d.nom,
        "description": d.description,
        "type": d.type or "",
        "thematiques": unique(d.thematiques),
        "publics": unique(d.publics),
        "publics_precisions": d.publics_precisions,
        "conditions_acces": d.conditions_acces,
        "frais": d.frais or "",
        "frais_precisions": d.frais_precisions,
        "modes_accueil": unique(d.modes_accueil),
        "modes_mobilisation": unique(d.modes_mobilisation),
        "mobilisable_par": unique(d.mobilisable_par),
        "mobilisation_precisions": d.mobilisation_precisions,
        "lien_mobilisation": str(d.lien_mobilisation) if d.lien_mobilisation else "",
        "zone_eligibilite": unique(d.zone_eligibilite),
        "commune": _commune_name(communes, d.code_insee, d.commune),
        "code_insee": d.code_insee or "",
        "code_postal": d.code_postal or "",
        "adresse": d.adresse,
        "complement_adresse": d.complement_adresse,
        "telephone": d.telephone,
        "courriel": d.courriel,
        "horaires_accueil": d.horaires_accueil,
        "contact_nom_prenom": d.contact_nom_prenom,
        "volume_horaire_hebdomadaire": d.volume_horaire_hebdomadaire,
        "nombre_semaines": d.nombre_semaines,
        "tags": unique(d.tags),
        "last_verified_on": d.last_verified_on,
        "review_every_months": d.review_every_months,
        "editor_note": d.editor_note,
        "source_system": source_system,
        "external_id": "",
        "translations": stored_translations(d.translations, Service.TRANSLATABLE_FIELDS),
    }


def apply_services(ctx, records):
    communes = ctx.lookup(Commune, "insee")
    sources = ctx.lookup(Source)
    structures = ctx.lookup(Structure)
    source_system = native_source(ctx.territory)
    for record in records:
        d = record.data
        ctx.upsert(
            "services",
            Service,
            {"territory": ctx.territory, "slug": d.slug},
            service_values(
                d,
                structure_id=structures[d.structure].pk,
                communes=communes,
                source_system=source_system,
            ),
            m2m={"sources": [sources[s] for s in unique(d.sources)]},
        )


def export_services(territory) -> list[dict]:
    """Services written by the team; imported ones come back with `import_services`."""
    from espaces.territories.packs.export import compact, slugs

    services = (
        Service.objects.filter(territory=territory, external_id="")
        .select_related("structure")
        .prefetch_related("sources")
        .order_by("slug")
    )
    return [
        compact(
            {
                "slug": s.slug,
                "structure": s.structure.slug,
                "nom": s.nom,
                "description": s.description,
                "type": s.type,
                "thematiques": list(s.thematiques),
                "publics": list(s.publics),
                "publics_precisions": s.publics_precisions,
                "conditions_acces": s.conditions_acces,
                "frais": s.frais,
                "frais_precisions": s.frais_precisions,
                "modes_accueil": list(s.modes_accueil),
                "modes_mobilisation": list(s.modes_mobilisation),
                "mobilisable_par": list(s.mobilisable_par),
                "mobilisation_precisions": s.mobilisation_precisions,
                "lien_mobilisation": s.lien_mobilisation,
                "zone_eligibilite": list(s.zone_eligibilite),
                "commune": s.commune,
                "code_insee": s.code_insee,
                "code_postal": s.code_postal,
                "adresse": s.adresse,
                "complement_adresse": s.complement_adresse,
                "telephone": s.telephone,
                "courriel": s.courriel,
                "horaires_accueil": s.horaires_accueil,
                "contact_nom_prenom": s.contact_nom_prenom,
                "volume_horaire_hebdomadaire": s.volume_horaire_hebdomadaire,
                "nombre_semaines": s.nombre_semaines,
                "tags": list(s.tags),
                "sources": slugs(s.sources.all()),
                "last_verified_on": s.last_verified_on,
                "review_every_months": s.review_every_months,
                "editor_note": s.editor_note,
                "translations": stored_translations(s.translations, Service.TRANSLATABLE_FIELDS),
            }
        )
        for s in services
    ]


register_section(
    PackSection(
        kind="services",
        order=75,
        schema=ServiceIn,
        check=check_services,
        apply=apply_services,
        export=export_services,
    )
)
