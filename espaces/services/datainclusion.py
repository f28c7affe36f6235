"""The data·inclusion v1 shape: export of our rows, validation of files to import.

Validation uses the pydantic models of the `data-inclusion-schema` package itself, so that what
we export and what we accept is what data·inclusion accepts.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from django.utils import timezone
from pydantic import ValidationError

from espaces.territories.packs.registry import french_message

from .models import Service, Structure, native_source
from .pack import thematique_problem

SERVICE_FIELDS = [
    "source",
    "structure_id",
    "id",
    "nom",
    "description",
    "lien_source",
    "date_maj",
    "type",
    "thematiques",
    "frais",
    "frais_precisions",
    "publics",
    "publics_precisions",
    "conditions_acces",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "longitude",
    "latitude",
    "telephone",
    "courriel",
    "modes_accueil",
    "zone_eligibilite",
    "contact_nom_prenom",
    "lien_mobilisation",
    "modes_mobilisation",
    "mobilisable_par",
    "mobilisation_precisions",
    "volume_horaire_hebdomadaire",
    "nombre_semaines",
    "horaires_accueil",
]

# Fields copied as they are between our rows and data·inclusion records.
SERVICE_TEXT_FIELDS = [
    "nom",
    "description",
    "type",
    "frais",
    "frais_precisions",
    "publics_precisions",
    "conditions_acces",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "telephone",
    "courriel",
    "contact_nom_prenom",
    "lien_mobilisation",
    "mobilisation_precisions",
    "horaires_accueil",
    "lien_source",
]
SERVICE_LIST_FIELDS = [
    "thematiques",
    "publics",
    "modes_accueil",
    "zone_eligibilite",
    "modes_mobilisation",
    "mobilisable_par",
]
SERVICE_NUMBER_FIELDS = ["longitude", "latitude", "volume_horaire_hebdomadaire", "nombre_semaines"]
STRUCTURE_TEXT_FIELDS = [
    "nom",
    "description",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "telephone",
    "courriel",
    "site_web",
    "horaires_accueil",
    "accessibilite_lieu",
    "siret",
    "lien_source",
]
# Lists whose order means nothing (sets in data·inclusion): exported sorted.
UNORDERED = {"thematiques", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par"}


def _blank_to_none(value):
    return None if value in ("", [], None) else value


def date_maj(record) -> dt.date:
    """The producer's date for imported rows; for ours, the last change or verification."""
    if record.date_maj:
        return record.date_maj
    dates = [timezone.localdate(record.updated_at)] if record.updated_at else []
    if getattr(record, "last_verified_on", None):
        dates.append(record.last_verified_on)
    return min(max(dates), timezone.localdate()) if dates else timezone.localdate()


def service_to_datainclusion(service: Service, *, lien_source: str | None = None) -> dict:
    """One service as a data·inclusion v1 record (blank values as null, sets sorted)."""
    out = {
        "source": service.source_system,
        "structure_id": service.structure.datainclusion_id,
        "id": service.datainclusion_id,
        "date_maj": date_maj(service),
    }
    for name in SERVICE_TEXT_FIELDS:
        out[name] = _blank_to_none(getattr(service, name))
    for name in SERVICE_LIST_FIELDS:
        values = list(getattr(service, name) or [])
        out[name] = _blank_to_none(sorted(values) if name in UNORDERED else values)
    for name in SERVICE_NUMBER_FIELDS:
        out[name] = getattr(service, name)
    if not out["lien_source"] and lien_source:
        out["lien_source"] = lien_source
    return {name: out.get(name) for name in SERVICE_FIELDS}


def structure_to_datainclusion(structure: Structure, *, lien_source: str | None = None) -> dict:
    out = {
        "source": structure.source_system,
        "id": structure.datainclusion_id,
        "date_maj": date_maj(structure),
    }
    for name in STRUCTURE_TEXT_FIELDS:
        out[name] = _blank_to_none(getattr(structure, name))
    out["longitude"] = structure.longitude
    out["latitude"] = structure.latitude
    if not out["lien_source"] and lien_source:
        out["lien_source"] = lien_source
    return out


# --- import --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportProblem:
    where: str
    message: str
    field: str | None = None

    def __str__(self) -> str:
        if self.field:
            return f"{self.where}, champ « {self.field} » : {self.message}"
        return f"{self.where} : {self.message}"


class ImportValidationError(Exception):
    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Item:
    """A validated record and its position in the file (to name it in messages)."""

    index: int
    kind: str
    record: DIStructure | DIService

    @property
    def where(self) -> str:
        label = "structure" if self.kind == "structures" else "service"
        return f"{label} n° {self.index + 1} de « {self.kind} » (id « {self.record.id} »)"


@dataclass
class ParsedImport:
    structures: list[Item] = field(default_factory=list)
    services: list[Item] = field(default_factory=list)


def _where(kind: str, index: int, raw) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    label = "structure" if kind == "structures" else "service"
    suffix = f" (id « {ident} »)" if ident not in (None, "") else ""
    return f"{label} n° {index + 1} de « {kind} »{suffix}"


def _message(error: dict) -> str:
    loc = error.get("loc", ())
    if loc and loc[0] == "thematiques" and error["type"] == "enum":
        return thematique_problem(str(error.get("input"))) or french_message(error)
    if error["type"] == "value_error" and "email" in str(error.get("msg", "")).lower():
        return f"adresse électronique « {error.get('input')} » invalide"
    return french_message(error)


def _validate(model, kind: str, items, problems: list[ImportProblem]) -> list[Item]:
    if not isinstance(items, list):
        problems.append(ImportProblem(where=f"« {kind} »", message="une liste est attendue"))
        return []
    valid = []
    for index, raw in enumerate(items):
        where = _where(kind, index, raw)
        if not isinstance(raw, dict):
            problems.append(ImportProblem(where=where, message="un objet JSON est attendu"))
            continue
        try:
            valid.append(Item(index=index, kind=kind, record=model.model_validate(raw)))
        except ValidationError as exc:
            for error in exc.errors():
                # A set item's position inside the set carries no meaning for the reader.
                loc = [str(p) for p in error["loc"] if not isinstance(p, int)]
                problems.append(
                    ImportProblem(where=where, field=".".join(loc) or None, message=_message(error))
                )
    return valid


def parse_payload(payload, *, territory) -> ParsedImport:
    """Validate a data·inclusion payload (a list of services, or {"structures": [...],
    "services": [...]}) entirely; raise ImportValidationError listing every problem."""
    problems: list[ImportProblem] = []
    if isinstance(payload, list):
        payload = {"services": payload}
    if not isinstance(payload, dict):
        raise ImportValidationError(
            [
                ImportProblem(
                    where="fichier",
                    message="une liste de services ou un objet "
                    '{"structures": [...], "services": [...]} est attendu',
                )
            ]
        )
    unknown = sorted(set(payload) - {"structures", "services"})
    if unknown:
        problems.append(
            ImportProblem(
                where="fichier",
                message=f"clé(s) inconnue(s) : {', '.join(unknown)}. Clés permises : "
                "structures, services",
            )
        )
    parsed = ParsedImport(
        structures=_validate(DIStructure, "structures", payload.get("structures", []), problems),
        services=_validate(DIService, "services", payload.get("services", []), problems),
    )
    native = native_source(territory)
    for items in (parsed.structures, parsed.services):
        seen = set()
        for item in items:
            record = item.record
            if record.source == native:
                problems.append(
                    ImportProblem(
                        where=item.where,
                        field="source",
                        message=f"« {native} » est la source des fiches écrites par l'équipe : "
                        "modifiez-les dans le pack du territoire, pas par import",
                    )
                )
            key = (record.source, record.id)
            if key in seen:
                problems.append(
                    ImportProblem(
                        where=item.where,
                        field="id",
                        message=f"en double dans le fichier (source « {record.source} »)",
                    )
                )
            seen.add(key)
    in_file = {(i.record.source, i.record.id) for i in parsed.structures}
    needed = {(i.record.source, i.record.structure_id) for i in parsed.services} - in_file
    known = set()
    if needed:
        known = set(
            Structure.objects.filter(
                territory=territory,
                source_system__in={source for source, _ in needed},
                external_id__in={ident for _, ident in needed},
            ).values_list("source_system", "external_id")
        )
    for item in parsed.services:
        key = (item.record.source, item.record.structure_id)
        if key not in in_file and key not in known:
            problems.append(
                ImportProblem(
                    where=item.where,
                    field="structure_id",
                    message=f"structure « {key[1]} » (source « {key[0]} ») inconnue : "
                    "ajoutez-la dans « structures » du même fichier",
                )
            )
    if problems:
        raise ImportValidationError(problems)
    return parsed


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if value is None:
        return ""
    if isinstance(value, set | frozenset | list | tuple):
        return sorted(_plain(v) for v in value)
    return str(value) if not isinstance(value, int | float | dt.date) else value


def structure_values(record: DIStructure) -> dict:
    values = {name: _plain(getattr(record, name, None)) for name in STRUCTURE_TEXT_FIELDS}
    values.update(
        longitude=record.longitude,
        latitude=record.latitude,
        date_maj=record.date_maj,
        source_system=record.source,
        external_id=record.id,
    )
    return values


def service_values(record: DIService) -> dict:
    values = {name: _plain(getattr(record, name, None)) for name in SERVICE_TEXT_FIELDS}
    for name in SERVICE_LIST_FIELDS:
        raw = getattr(record, name) or []
        values[name] = sorted(_plain(raw)) if name in UNORDERED else [_plain(v) for v in raw]
    for name in SERVICE_NUMBER_FIELDS:
        values[name] = getattr(record, name)
    values.update(date_maj=record.date_maj, source_system=record.source, external_id=record.id)
    return values
