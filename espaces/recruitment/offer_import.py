"""Reading offers from files before anything is written — all or nothing, like import_visits:

- `jsonld`: schema.org JobPosting (one object, a list, or a document with `@graph`);
- `francetravail`: the France Travail « Offres d'emploi v2 » search answer (`resultats[]`, or a
  list of offers): intitule, description, romeCode, typeContrat, natureContrat, alternance,
  lieuTravail.commune (INSEE), nombrePostes, entreprise.nom, dureeTravailLibelle,
  dateCreation, id…

Every error names the offer, its line in the file and the field. Offers are matched to their
employer (a partner of the territory, by slug or name; `--employer` forces one) and upserted by
their id in the source file, so importing the same file twice changes nothing."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext

from espaces.reception.visit_rules import normalise
from espaces.territories.models import Partner, Territory

from .enums import Contract, OfferSource
from .offer_rules import OfferRules
from .services import offers_import

FORMATS = {"jsonld": OfferSource.JSONLD, "francetravail": OfferSource.FRANCETRAVAIL}
MAX_ERRORS = 200
MAX_BYTES = 20 * 1024 * 1024

# France Travail `typeContrat` codes and the contract they mean here.
FT_CONTRACTS = {
    "CDI": Contract.CDI,
    "CDD": Contract.CDD,
    "SAI": Contract.CDD,  # saisonnier
    "DDI": Contract.CDD,  # CDD d'insertion
    "MIS": Contract.INTERIM,
    "DIN": Contract.INTERIM,  # CDI intérimaire
    "TTI": Contract.INTERIM,
}
# schema.org employmentType values that name a contract (FULL_TIME, PART_TIME… say the hours).
JSONLD_CONTRACTS = {
    "TEMPORARY": Contract.CDD,
    "CONTRACTOR": Contract.INTERIM,
    "INTERN": Contract.STAGE,
    "INTERNSHIP": Contract.STAGE,
    "APPRENTICESHIP": Contract.ALTERNANCE,
}
JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name": "nom de champ entre guillemets attendu",
    "Unterminated string": "texte entre guillemets non terminé",
    "Extra data": "données en trop après la fin du document",
    "Invalid control character": "caractère de contrôle interdit",
}
JSONLD_HOURS = {"FULL_TIME": "Temps plein", "PART_TIME": "Temps partiel"}


@dataclass
class ImportProblem:
    index: int
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        if not self.index:
            return f"ligne {self.line} : {self.message}"
        where = f"offre n° {self.index} (ligne {self.line})"
        if self.field:
            where += f", champ « {self.field} »"
        return f"{where} : {self.message}"


class OfferImportError(Exception):
    def __init__(self, errors: list):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class ImportReport:
    file_name: str
    dry_run: bool
    offers: int = 0
    posts: int = 0
    created: int = 0
    updated: int = 0
    by_employer: dict = field(default_factory=dict)

    def lines_out(self) -> list[str]:
        prefix = "[essai, rien n'est écrit] " if self.dry_run else ""
        verb = "à importer" if self.dry_run else "importée(s)"
        out = [f"{prefix}{self.file_name} : {self.offers} offre(s) {verb}, {self.posts} poste(s)."]
        if not self.dry_run:
            out.append(f"  créées : {self.created} ; mises à jour : {self.updated}")
        out += [f"  {name} : {n} offre(s)" for name, n in sorted(self.by_employer.items())]
        return out


def _fail(message: str):
    raise OfferImportError([ImportProblem(0, 1, None, message)])


def _items_with_lines(text: str, data) -> list[tuple[object, int]]:
    """The offers of the document with the line where each starts (for the error messages)."""
    if isinstance(data, list):
        items, start = data, text.index("[")
    elif isinstance(data, dict):
        key = next((k for k in ("resultats", "@graph", "itemListElement") if k in data), None)
        if key is None:
            return [(data, text.count("\n", 0, text.index("{")) + 1)]
        items = data[key]
        if not isinstance(items, list):
            _fail(f"« {key} » doit être une liste d'offres.")
        match = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text)
        start = match.end() - 1 if match else 0
    else:
        _fail("le fichier doit contenir une offre, une liste d'offres ou « resultats ».")
    decoder = json.JSONDecoder()
    out, pos = [], start + 1
    for item in items:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        line = text.count("\n", 0, pos) + 1
        try:
            _, end = decoder.raw_decode(text, pos)
        except ValueError:
            end = pos + 1
        out.append((item, line))
        pos = end
    return out


def read_document(content: bytes) -> tuple[str, object]:
    if len(content) > MAX_BYTES:
        _fail("le fichier dépasse 20 Mo : découpez-le.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail("le fichier doit être en UTF-8.")
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as exc:
        reason = next((fr for en, fr in JSON_MESSAGES.items() if exc.msg.startswith(en)), exc.msg)
        raise OfferImportError(
            [ImportProblem(0, exc.lineno, None, f"JSON invalide ({reason}, colonne {exc.colno}).")]
        ) from exc


def _get(obj, *path, default=None):
    for key in path:
        if not isinstance(obj, dict):
            return default
        obj = obj.get(key)
    return obj if obj is not None else default


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


# --- France Travail --------------------------------------------------------------------------
def _francetravail_raw(item: dict) -> tuple[dict, str, str]:
    """(raw values for OfferRules, employer name, external id)."""
    code = str(item.get("typeContrat") or "").strip().upper()
    nature = normalise(str(item.get("natureContrat") or ""))
    if (
        item.get("alternance") is True
        or "apprentissage" in nature
        or "professionnalisation" in nature
    ):
        contract = Contract.ALTERNANCE
    else:
        contract = FT_CONTRACTS.get(code, code)
    hours = " — ".join(
        str(v)
        for v in (item.get("dureeTravailLibelle"), item.get("dureeTravailLibelleConverti"))
        if v
    )
    requirements = []
    if item.get("experienceLibelle"):
        requirements.append(str(item["experienceLibelle"]))
    for skill in item.get("formations") or []:
        if isinstance(skill, dict) and skill.get("niveauLibelle"):
            requirements.append(str(skill["niveauLibelle"]))
    for permis in item.get("permis") or []:
        if isinstance(permis, dict) and permis.get("libelle"):
            requirements.append(str(permis["libelle"]))
    raw = {
        "title": item.get("intitule"),
        "rome_codes": [item.get("romeCode")] if item.get("romeCode") else [],
        "contract": contract,
        "posts": item.get("nombrePostes", 1),
        "commune": _get(item, "lieuTravail", "commune", default=""),
        "description": item.get("description") or "",
        "hours": hours[:200],
        "requirements": "\n".join(requirements),
        "open_without_diploma": str(item.get("experienceExige") or "") == "D"
        and not item.get("formations"),
    }
    return raw, str(_get(item, "entreprise", "nom", default="") or ""), str(item.get("id") or "")


# --- schema.org JobPosting -------------------------------------------------------------------
def _jsonld_rome(item: dict) -> list[str]:
    codes = []
    for key in ("occupationalCategory", "industry"):
        for value in item.get(key) if isinstance(item.get(key), list) else [item.get(key)]:
            if isinstance(value, dict):
                value = value.get("codeValue") or value.get("identifier") or ""
            match = re.match(r"^\s*([A-N]\d{4})\b", str(value or ""))
            if match:
                codes.append(match.group(1))
    return codes


def _jsonld_raw(item: dict) -> tuple[dict, str, str]:
    kinds = item.get("employmentType") or []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    contract, hours = "", []
    for kind in (str(k).strip() for k in kinds):
        if kind.upper() in JSONLD_HOURS:
            hours.append(JSONLD_HOURS[kind.upper()])
        elif not contract:
            contract = JSONLD_CONTRACTS.get(kind.upper(), kind)
    place = _first(item.get("jobLocation")) or {}
    address = _get(place, "address", default={}) or {}
    commune = address.get("addressLocality", "") if isinstance(address, dict) else ""
    identifier = item.get("identifier")
    if isinstance(identifier, dict):
        identifier = identifier.get("value") or identifier.get("name")
    education = item.get("educationRequirements")
    no_diploma = isinstance(education, str) and normalise(education) in {
        "no requirements",
        "aucun",
        "sans diplome",
    }
    if isinstance(education, dict):
        education = education.get("credentialCategory") or ""
    raw = {
        "title": item.get("title"),
        "rome_codes": _jsonld_rome(item),
        "contract": contract,
        "posts": item.get("totalJobOpenings", 1),
        "commune": commune,
        "description": item.get("description") or "",
        "hours": " — ".join(hours + ([str(item["workHours"])] if item.get("workHours") else []))[
            :200
        ],
        "requirements": str(item.get("qualifications") or item.get("experienceRequirements") or ""),
        "start_on": str(item.get("jobStartDate") or "")[:10],
        "closing_on": str(item.get("validThrough") or "")[:10],
        "open_without_diploma": no_diploma,
    }
    org = item.get("hiringOrganization")
    name = org.get("name", "") if isinstance(org, dict) else str(org or "")
    external = str(identifier or item.get("url") or "")
    return raw, name, external


READERS = {"francetravail": _francetravail_raw, "jsonld": _jsonld_raw}


def detect_format(data) -> str:
    if isinstance(data, dict) and "resultats" in data:
        return "francetravail"
    sample = data[0] if isinstance(data, list) and data else data
    if isinstance(sample, dict) and ("intitule" in sample or "romeCode" in sample):
        return "francetravail"
    return "jsonld"


def check_offers(
    *, text: str, data, fmt: str, territory: Territory, employer: Partner | None = None
) -> list[dict]:
    """Every offer checked; raises OfferImportError with all the problems found."""
    rules = OfferRules(territory)
    items = _items_with_lines(text, data)
    if not items:
        _fail("le fichier ne contient aucune offre.")
    errors: list[ImportProblem] = []
    checked = []
    seen: dict[str, int] = {}
    for index, (item, line) in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(ImportProblem(index, line, None, "une offre doit être un objet JSON."))
            continue
        if fmt == "jsonld" and item.get("@type") not in (None, "JobPosting"):
            errors.append(
                ImportProblem(
                    index, line, "@type", f"« {item.get('@type')} » : JobPosting attendu."
                )
            )
            continue
        raw, employer_name, external_id = READERS[fmt](item)
        values, problems = rules.clean(raw)
        for name, message in problems.items():
            errors.append(ImportProblem(index, line, _source_field(fmt, name), message))
        partner = employer
        if partner is None:
            try:
                partner = rules.resolve_employer(employer_name)
            except ValueError as exc:
                errors.append(
                    ImportProblem(
                        index,
                        line,
                        _source_field(fmt, "employer"),
                        str(exc) + gettext(" Ou choisissez-le avec --employer."),
                    )
                )
        if external_id:
            if external_id in seen:
                errors.append(
                    ImportProblem(
                        index,
                        line,
                        _source_field(fmt, "id"),
                        f"identifiant « {external_id} » déjà vu à l'offre n° {seen[external_id]}.",
                    )
                )
            seen[external_id] = index
        if not problems and partner is not None:
            checked.append({"values": values, "employer": partner, "external_id": external_id})
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise OfferImportError(errors)
    return checked


FIELD_NAMES = {
    "francetravail": {
        "title": "intitule",
        "rome_codes": "romeCode",
        "contract": "typeContrat",
        "posts": "nombrePostes",
        "commune": "lieuTravail.commune",
        "description": "description",
        "hours": "dureeTravailLibelle",
        "employer": "entreprise.nom",
        "id": "id",
    },
    "jsonld": {
        "title": "title",
        "rome_codes": "occupationalCategory",
        "contract": "employmentType",
        "posts": "totalJobOpenings",
        "commune": "jobLocation.address.addressLocality",
        "closing_on": "validThrough",
        "start_on": "jobStartDate",
        "description": "description",
        "employer": "hiringOrganization.name",
        "id": "identifier",
    },
}


def _source_field(fmt: str, name: str) -> str:
    return FIELD_NAMES[fmt].get(name, name)


def import_offers_file(
    path,
    *,
    territory: Territory,
    fmt: str = "",
    employer: Partner | None = None,
    dry_run: bool = False,
    user=None,
) -> ImportReport:
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        _fail(f"fichier illisible ({exc.strerror}).")
    text, data = read_document(content)
    fmt = fmt or detect_format(data)
    if fmt not in FORMATS:
        _fail(f"format « {fmt} » inconnu. Formats : {', '.join(FORMATS)}.")
    checked = check_offers(text=text, data=data, fmt=fmt, territory=territory, employer=employer)
    report = ImportReport(file_name=path.name, dry_run=dry_run, offers=len(checked))
    for item in checked:
        report.posts += item["values"]["posts"]
        name = item["employer"].name
        report.by_employer[name] = report.by_employer.get(name, 0) + 1
    if not dry_run:
        counts = offers_import(territory=territory, items=checked, source=FORMATS[fmt], user=user)
        report.created, report.updated = counts["creees"], counts["mises_a_jour"]
    return report
