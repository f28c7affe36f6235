"""GET /services and /structures in the data·inclusion v1 shape (docs/services.md)."""

import datetime as dt

from django.urls import reverse
from ninja import Query, Router, Schema, Status

from espaces.common.public_url import absolute_url
from espaces.services.datainclusion import service_to_datainclusion, structure_to_datainclusion
from espaces.services.enums import CATEGORIES, THEMATIQUES
from espaces.services.selectors import (
    communes_of,
    services_for_thematiques,
    services_near,
    services_of,
    structures_of,
)

from .schemas import Message
from .territories import territory_or_404

router = Router(tags=["services"])


class ServiceOut(Schema):
    """A service in the data·inclusion schema v1 (package `data-inclusion-schema`)."""

    source: str
    structure_id: str
    id: str
    nom: str
    description: str
    lien_source: str | None
    date_maj: dt.date
    type: str | None
    thematiques: list[str] | None
    frais: str | None
    frais_precisions: str | None
    publics: list[str] | None
    publics_precisions: str | None
    conditions_acces: str | None
    commune: str | None
    code_postal: str | None
    code_insee: str | None
    adresse: str | None
    complement_adresse: str | None
    longitude: float | None
    latitude: float | None
    telephone: str | None
    courriel: str | None
    modes_accueil: list[str] | None
    zone_eligibilite: list[str] | None
    contact_nom_prenom: str | None
    lien_mobilisation: str | None
    modes_mobilisation: list[str] | None
    mobilisable_par: list[str] | None
    mobilisation_precisions: str | None
    volume_horaire_hebdomadaire: float | None
    nombre_semaines: int | None
    horaires_accueil: str | None


class StructureOut(Schema):
    source: str
    id: str
    nom: str
    date_maj: dt.date
    description: str | None
    lien_source: str | None
    siret: str | None
    commune: str | None
    code_postal: str | None
    code_insee: str | None
    adresse: str | None
    complement_adresse: str | None
    longitude: float | None
    latitude: float | None
    telephone: str | None
    courriel: str | None
    site_web: str | None
    horaires_accueil: str | None
    accessibilite_lieu: str | None


class ServiceFilters(Schema):
    thematique: str | None = None
    commune: str | None = None


class FieldError(Schema):
    champ: str
    message: str


class ValidationMessage(Schema):
    message: str
    erreurs: list[FieldError]


def _invalid(field: str, message: str):
    return Status(
        422,
        {
            "message": f"Données invalides : {field} : {message}",
            "erreurs": [{"champ": field, "message": message}],
        },
    )


@router.get(
    "/services",
    response={200: list[ServiceOut], 404: Message, 422: ValidationMessage},
    summary="Services pour lever les freins (data·inclusion v1)",
)
def service_list(request, filters: Query[ServiceFilters]):
    """Les services du territoire au format du schéma data·inclusion v1.

    `thematique` : une catégorie (`mobilite`) ou une thématique complète
    (`mobilite--preparer-un-permis`). `commune` : code INSEE d'une commune du territoire ; les
    services ouverts à ses habitants sont donnés, ceux situés dans la commune d'abord."""
    territory = territory_or_404(request)
    thematique = (filters.thematique or "").strip()
    commune = (filters.commune or "").strip()
    if thematique and thematique not in THEMATIQUES and thematique not in CATEGORIES:
        return _invalid(
            "thematique",
            f"valeur « {thematique} » inconnue. Valeurs permises : une catégorie ("
            + ", ".join(sorted(CATEGORIES))
            + ") ou une thématique complète de la forme « catégorie--sous-thème » (par exemple "
            "mobilite--preparer-un-permis ; liste complète dans le schéma data·inclusion v1).",
        )
    if commune:
        communes = {c.insee: c.name for c in communes_of(territory=territory)}
        if commune not in communes:
            allowed = ", ".join(f"{code} ({name})" for code, name in sorted(communes.items()))
            return _invalid(
                "commune",
                f"commune « {commune} » inconnue. Valeurs permises (codes INSEE) : {allowed}.",
            )
    if thematique:
        services = services_for_thematiques(
            territory=territory, thematiques=[thematique], commune=commune or None
        )
    elif commune:
        services = services_near(territory=territory, commune=commune)
    else:
        services = list(services_of(territory=territory).order_by("nom"))
    return Status(
        200,
        [
            service_to_datainclusion(
                s,
                lien_source=absolute_url(
                    request=request, path=reverse("services:detail", args=[s.slug])
                ),
            )
            for s in services
        ],
    )


@router.get(
    "/structures",
    response={200: list[StructureOut], 404: Message},
    summary="Structures qui portent les services (data·inclusion v1)",
)
def structure_list(request):
    """Les structures du territoire au format du schéma data·inclusion v1 ; `structure_id` des
    services renvoie à leur `id` (avec la même `source`)."""
    territory = territory_or_404(request)
    return Status(200, [structure_to_datainclusion(s) for s in structures_of(territory=territory)])
