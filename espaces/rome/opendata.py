"""Reading the official ROME 4.0 open-data CSV files (France Travail, `unix_*_v4NN_utf8.csv`).

Everything is read and checked before anything is written: `read_referential` returns plain
rows, or raises `RomeDataError` with every problem found (file, line, column) in French.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .enums import (
    AppellationClassification,
    ContextType,
    CoreLevel,
    Riasec,
    SkillKind,
    TransitionEco,
)

FILE_PATTERN = re.compile(r"^unix_(?P<name>[a-z0-9_]+)_v(?P<version>\d+)_utf8\.csv$")
ROME_CODE = re.compile(r"^[A-N]\d{4}$")
MAX_ERRORS = 50

# The files the import reads, and the columns it needs in each.
REQUIRED_COLUMNS = {
    "referentiel_code_rome": ["code_rome", "libelle_rome", "transition_eco", "code_ogr"],
    "referentiel_code_rome_riasec": ["code_rome", "riasec_majeur", "riasec_mineur"],
    "domaine_professionnel": ["code_domaine_professionnel", "libelle_domaine_professionnel"],
    "referentiel_appellation": [
        "code_ogr",
        "libelle_appellation_long",
        "libelle_appellation_court",
        "code_rome",
        "classification",
        "transition_eco",
    ],
    "centre_interet": [
        "code_centre_interet",
        "libelle_centre_interet",
        "definition_centre_interet",
    ],
    "arborescence_centre_interet": ["code_centre_interet", "code_rome", "principal"],
    "texte": ["code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"],
    "referentiel_contexte_travail": [
        "code_ogr",
        "libelle_cont_travail",
        "code_type_cont_trav",
        "libelle_type_cont_trav",
    ],
    "referentiel_competence": [
        "code_ogr",
        "nature",
        "libelle_competence",
        "cat_comp",
        "sous_cat_comp",
    ],
    "referentiel_savoir": [
        "code_ogr_savoir",
        "libelle_savoir",
        "categorie_savoir",
        "sous_categorie_savoir",
    ],
    "liens_rome_referentiels": ["code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"],
    "coherence_item": ["code_rome", "code_ogr", "coeur_metier"],
    "rubrique_mobilite": ["code_rome", "code_rome_cible", "numero_ordre"],
}

# Columns of referentiel_code_rome read when present (tags added in v4.0; `O`/`N`/empty).
FICHE_TAGS = {
    "transition_num": "transition_num",
    "transition_demo": "transition_demo",
    "emploi_reglemente": "regulated",
    "emploi_cadre": "managerial",
}
# unix_texte: the `libelle_type_texte` kept, and the FicheRow field each one fills.
TEXT_TYPES = {"definition": "definition", "acces_metier": "access"}
# unix_liens_rome_referentiels: blocs and rubriques (unix_composition_bloc, _descriptif_rubrique).
BLOC_SKILLS = "5"
BLOC_CONTEXTS = "6"
SKILL_RUBRIQUES = {"1": SkillKind.SAVOIR_FAIRE, "2": SkillKind.SAVOIR_ETRE, "3": SkillKind.SAVOIR}
CORE_LEVELS = {
    "": CoreLevel.NONE,
    "Principale": CoreLevel.PRINCIPALE,
    "Émergente": CoreLevel.EMERGENTE,
}

LICENCE = "Licence Ouverte 2.0"


class RomeDataError(Exception):
    """The directory does not hold a usable ROME release; the message says what to fix."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- files ---------------------------------------------------------------------------------
def decode_bytes(raw: bytes) -> tuple[str, str]:
    """The text of a file and the encoding that worked: UTF-8 first, then Latin-1.

    France Travail names every file `_utf8`, yet some are Latin-1 (in v460,
    `unix_arborescence_secteur_naf`): a UTF-8 decoding error means Latin-1, which decodes any
    byte. A leading byte-order mark is dropped.
    """
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


@dataclass(slots=True)
class CsvRow:
    line: int  # line of the file where the row starts (the header is line 1)
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass
class CsvTable:
    path: Path
    encoding: str
    columns: list[str]
    rows: list[CsvRow]

    @property
    def name(self) -> str:
        return self.path.name


def read_csv_table(path: Path) -> CsvTable:
    """Every row of a comma-separated file with a header line, values stripped."""
    text, encoding = decode_bytes(Path(path).read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return CsvTable(Path(path), encoding, [], [])
    columns = [name.strip() for name in header]
    width = len(columns)
    rows = []
    start = reader.line_num + 1
    strip = str.strip
    for cells in reader:
        values = list(map(strip, cells))  # C-level loops: files of 100 000+ rows
        if any(values):
            if len(values) < width:
                # A short row reads as empty trailing cells; the checks then name the column.
                values += [""] * (width - len(values))
            rows.append(CsvRow(start, dict(zip(columns, values, strict=False))))
        start = reader.line_num + 1
    return CsvTable(Path(path), encoding, columns, rows)


@dataclass(frozen=True)
class RomeRelease:
    """The files of one version of the referential found in a directory."""

    directory: Path
    version: str  # "460" for files named `unix_*_v460_utf8.csv`
    files: dict[str, Path]

    @property
    def label(self) -> str:
        return f"ROME 4.0 v{self.version}"

    @property
    def attribution(self) -> str:
        return f"Source : France Travail, {self.label}, {LICENCE}"

    def file_name(self, name: str) -> str:
        return f"unix_{name}_v{self.version}_utf8.csv"

    def table(self, name: str) -> CsvTable:
        """The file `name`, checked for the columns the import needs."""
        path = self.files.get(name)
        if path is None:
            raise RomeDataError(
                [
                    f"Fichier « {self.file_name(name)} » introuvable dans {self.directory} : "
                    "téléchargez le référentiel ROME 4.0 complet (fichiers CSV) sur "
                    "francetravail.io et décompressez-le dans ce dossier."
                ]
            )
        table = read_csv_table(path)
        missing = [c for c in REQUIRED_COLUMNS.get(name, []) if c not in table.columns]
        if missing:
            raise RomeDataError(
                [
                    f"{table.name} : colonne « {column} » manquante (colonnes trouvées : "
                    f"{', '.join(table.columns) or 'aucune'})."
                    for column in missing
                ]
            )
        return table


def find_release(directory: str | Path) -> RomeRelease:
    """The version and files of the ROME release in `directory` (one version only)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise RomeDataError([f"Dossier « {directory} » introuvable."])
    by_version: dict[str, dict[str, Path]] = {}
    for path in sorted(directory.iterdir()):
        match = FILE_PATTERN.match(path.name)
        if match and path.is_file():
            by_version.setdefault(match["version"], {})[match["name"]] = path
    if not by_version:
        raise RomeDataError(
            [
                f"Aucun fichier « unix_*_v4NN_utf8.csv » dans {directory} : indiquez le dossier "
                "où le référentiel ROME 4.0 (open data de France Travail) a été décompressé."
            ]
        )
    if len(by_version) > 1:
        versions = ", ".join(f"v{v}" for v in sorted(by_version))
        raise RomeDataError(
            [
                f"Plusieurs versions du ROME dans {directory} ({versions}) : gardez une seule "
                "version par dossier."
            ]
        )
    version, files = next(iter(by_version.items()))
    return RomeRelease(directory=directory, version=version, files=files)


# --- the referential -----------------------------------------------------------------------
@dataclass
class FicheRow:
    code: str
    label: str
    transition_eco: str
    code_ogr: str
    riasec_major: str = ""
    riasec_minor: str = ""
    domain_code: str = ""
    domain_label: str = ""
    definition: str = ""
    access: str = ""
    transition_num: bool | None = None
    transition_demo: bool | None = None
    regulated: bool | None = None
    managerial: bool | None = None


@dataclass
class AppellationRow:
    code_ogr: str
    label: str
    label_short: str
    code_rome: str
    classification: str
    transition_eco: str


@dataclass
class CentreRow:
    code: int
    label: str
    definition: str


@dataclass
class ContextRow:
    code_ogr: str
    label: str
    type_code: int
    type_label: str


@dataclass
class SkillRow:
    code_ogr: str
    label: str
    kind: str  # SkillKind
    category: str = ""
    subcategory: str = ""
    macro: bool = False


@dataclass
class Referential:
    release: RomeRelease
    fiches: dict[str, FicheRow] = field(default_factory=dict)
    appellations: list[AppellationRow] = field(default_factory=list)
    centres: dict[int, CentreRow] = field(default_factory=dict)
    links: dict[tuple[int, str], bool] = field(default_factory=dict)  # (centre, code): principal
    contexts: dict[str, ContextRow] = field(default_factory=dict)  # every context of the file
    fiche_contexts: set[tuple[str, str]] = field(default_factory=set)  # (code, context)
    # Only the skills at least one fiche uses (30 000 of the 33 800 of v460).
    skills: dict[str, SkillRow] = field(default_factory=dict)
    fiche_skills: dict[tuple[str, str], str] = field(default_factory=dict)  # (code, skill): core
    mobilities: dict[tuple[str, str], int] = field(default_factory=dict)  # (from, to): order


class _Problems:
    def __init__(self):
        self.items: list[str] = []

    def add(self, table: CsvTable, row: CsvRow, column: str, message: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append(f"{table.name}, ligne {row.line}, colonne « {column} » : {message}")

    def choice(self, table, row, column, allowed: list[str], blank=True) -> str:
        value = row[column]
        if (blank and value == "") or value in allowed:
            return value
        shown = ", ".join(f"« {a} »" for a in allowed) + (" ou vide" if blank else "")
        self.add(table, row, column, f"valeur « {value} » inconnue. Valeurs permises : {shown}.")
        return ""

    def rome_code(self, table, row, column, known: dict | None = None) -> str | None:
        value = row[column]
        if known is not None and value in known:
            return value  # fast path: the files repeat known codes 100 000+ times
        if not ROME_CODE.match(value):
            self.add(table, row, column, f"code ROME « {value} » invalide (ex. « H2913 »).")
            return None
        if known is not None and value not in known:
            self.add(table, row, column, f"code ROME « {value} » absent du fichier des fiches.")
            return None
        return value

    def integer(self, table, row, column) -> int | None:
        value = row[column]
        if not value.isdigit():
            self.add(table, row, column, f"nombre entier attendu, « {value} » trouvé.")
            return None
        return int(value)

    def required(self, table, row, column) -> str:
        value = row[column]
        if not value:
            self.add(table, row, column, "valeur vide.")
        return value


TRANSITIONS = [choice.value for choice in TransitionEco]
RIASEC = [choice.value for choice in Riasec]
CLASSIFICATIONS = [choice.value for choice in AppellationClassification]


def read_referential(directory: str | Path) -> Referential:
    """Fiches, appellations, centres d'intérêt and their links, checked; nothing is written."""
    release = find_release(directory)
    tables = {name: release.table(name) for name in REQUIRED_COLUMNS}
    problems = _Problems()
    ref = Referential(release=release)

    table = tables["referentiel_code_rome"]
    for row in table.rows:
        code = problems.rome_code(table, row, "code_rome")
        if code is None:
            continue
        if code in ref.fiches:
            problems.add(table, row, "code_rome", f"code ROME « {code} » en double.")
            continue
        ref.fiches[code] = FicheRow(
            code=code,
            label=problems.required(table, row, "libelle_rome"),
            transition_eco=problems.choice(table, row, "transition_eco", TRANSITIONS),
            code_ogr=row["code_ogr"],
            domain_code=code[:3],
        )

    domains = {
        row["code_domaine_professionnel"]: row["libelle_domaine_professionnel"]
        for row in tables["domaine_professionnel"].rows
    }
    for fiche in ref.fiches.values():
        fiche.domain_label = domains.get(fiche.domain_code, "")

    table = tables["referentiel_code_rome_riasec"]
    for row in table.rows:
        code = problems.rome_code(table, row, "code_rome", ref.fiches)
        if code is None:
            continue
        ref.fiches[code].riasec_major = problems.choice(table, row, "riasec_majeur", RIASEC)
        ref.fiches[code].riasec_minor = problems.choice(table, row, "riasec_mineur", RIASEC)

    table = tables["referentiel_appellation"]
    seen_ogr: set[str] = set()
    for row in table.rows:
        code = problems.rome_code(table, row, "code_rome", ref.fiches)
        code_ogr = problems.required(table, row, "code_ogr")
        if code_ogr and code_ogr in seen_ogr:
            problems.add(table, row, "code_ogr", f"code OGR « {code_ogr} » en double.")
            continue
        seen_ogr.add(code_ogr)
        label = problems.required(table, row, "libelle_appellation_long")
        classification = problems.choice(table, row, "classification", CLASSIFICATIONS, blank=False)
        transition = problems.choice(table, row, "transition_eco", TRANSITIONS)
        if code is None:
            continue
        ref.appellations.append(
            AppellationRow(
                code_ogr=code_ogr,
                label=label,
                label_short=row["libelle_appellation_court"],
                code_rome=code,
                classification=classification,
                transition_eco=transition,
            )
        )

    table = tables["centre_interet"]
    for row in table.rows:
        code = problems.integer(table, row, "code_centre_interet")
        if code is None:
            continue
        if code in ref.centres:
            problems.add(table, row, "code_centre_interet", f"code « {code} » en double.")
            continue
        ref.centres[code] = CentreRow(
            code=code,
            label=problems.required(table, row, "libelle_centre_interet"),
            definition=row["definition_centre_interet"],
        )

    table = tables["arborescence_centre_interet"]
    for row in table.rows:
        centre = problems.integer(table, row, "code_centre_interet")
        code = problems.rome_code(table, row, "code_rome", ref.fiches)
        principal = problems.choice(table, row, "principal", ["oui", "non"], blank=False)
        if centre is None or code is None:
            continue
        if centre not in ref.centres:
            problems.add(
                table,
                row,
                "code_centre_interet",
                f"centre d'intérêt « {centre} » absent du fichier des centres d'intérêt.",
            )
            continue
        if (centre, code) in ref.links:
            problems.add(table, row, "code_rome", f"lien {centre} → {code} en double.")
            continue
        ref.links[(centre, code)] = principal == "oui"

    _read_details(tables, problems, ref)
    if problems.items:
        raise RomeDataError(problems.items)
    return ref


def clean_text(value: str) -> str:
    """A sentence of unix_texte: the file doubles apostrophes (`d''exploitation`)."""
    return value.replace("''", "'").strip()


def _tag(problems, table, row, column) -> bool | None:
    value = problems.choice(table, row, column, ["O", "N"])
    return {"O": True, "N": False}.get(value)


def _read_details(tables: dict[str, CsvTable], problems: _Problems, ref: Referential) -> None:
    """Texts, tags, work contexts, skills and mobilities of the fiches."""
    table = tables["referentiel_code_rome"]
    for row in table.rows:
        fiche = ref.fiches.get(row["code_rome"])
        if fiche is None:
            continue
        for column, name in FICHE_TAGS.items():
            if column in table.columns:
                setattr(fiche, name, _tag(problems, table, row, column))

    table = tables["texte"]
    sentences: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for row in table.rows:
        code = problems.rome_code(table, row, "code_rome", ref.fiches)
        name = TEXT_TYPES.get(row["libelle_type_texte"])
        position = problems.integer(table, row, "position_phrase")
        if code is None or name is None or position is None:
            continue
        sentences.setdefault((code, name), []).append((position, clean_text(row["libelle_texte"])))
    for (code, name), items in sentences.items():
        setattr(ref.fiches[code], name, "\n".join(text for _, text in sorted(items) if text))

    table = tables["referentiel_contexte_travail"]
    types = [str(choice.value) for choice in ContextType]
    for row in table.rows:
        code_ogr = problems.required(table, row, "code_ogr")
        type_code = problems.choice(table, row, "code_type_cont_trav", types, blank=False)
        if not code_ogr or not type_code:
            continue
        if code_ogr in ref.contexts:
            problems.add(table, row, "code_ogr", f"code OGR « {code_ogr} » en double.")
            continue
        ref.contexts[code_ogr] = ContextRow(
            code_ogr=code_ogr,
            label=problems.required(table, row, "libelle_cont_travail"),
            type_code=int(type_code),
            type_label=row["libelle_type_cont_trav"],
        )

    every_skill: dict[str, SkillRow] = {}
    table = tables["referentiel_competence"]
    for row in table.rows:
        code_ogr = problems.required(table, row, "code_ogr")
        if code_ogr:
            every_skill[code_ogr] = SkillRow(
                code_ogr=code_ogr,
                label=problems.required(table, row, "libelle_competence"),
                kind=SkillKind.SAVOIR_ETRE
                if row["cat_comp"].startswith("Savoir-être")
                else SkillKind.SAVOIR_FAIRE,
                category=row["cat_comp"],
                subcategory=row["sous_cat_comp"],
                macro=row["nature"] == "Macro-compétence",
            )
    table = tables["referentiel_savoir"]
    for row in table.rows:
        code_ogr = problems.required(table, row, "code_ogr_savoir")
        if code_ogr:
            every_skill[code_ogr] = SkillRow(
                code_ogr=code_ogr,
                label=problems.required(table, row, "libelle_savoir"),
                kind=SkillKind.SAVOIR,
                category=row["categorie_savoir"],
                subcategory=row["sous_categorie_savoir"],
            )

    table = tables["liens_rome_referentiels"]
    for row in table.rows:
        bloc = row["code_compo_bloc"]
        if bloc not in (BLOC_SKILLS, BLOC_CONTEXTS):
            continue  # blocs 1 and 2 repeat the fiche's and appellations' OGR codes
        code = problems.rome_code(table, row, "code_rome", ref.fiches)
        code_ogr = row["code_ogr"]
        if code is None:
            continue
        if bloc == BLOC_CONTEXTS:
            if code_ogr not in ref.contexts:
                problems.add(table, row, "code_ogr", f"contexte de travail « {code_ogr} » inconnu.")
                continue
            ref.fiche_contexts.add((code, code_ogr))
            continue
        kind = problems.choice(table, row, "code_rubrique", list(SKILL_RUBRIQUES), blank=False)
        skill = every_skill.get(code_ogr)
        if not kind:
            continue
        if skill is None:
            problems.add(table, row, "code_ogr", f"compétence ou savoir « {code_ogr} » inconnu.")
            continue
        ref.skills[code_ogr] = skill
        ref.fiche_skills[(code, code_ogr)] = CoreLevel.NONE

    table = tables["coherence_item"]
    for row in table.rows:
        key = (row["code_rome"], row["code_ogr"])
        if key in ref.fiche_skills:
            level = problems.choice(table, row, "coeur_metier", [k for k in CORE_LEVELS if k])
            ref.fiche_skills[key] = CORE_LEVELS[level]

    table = tables["rubrique_mobilite"]
    for row in table.rows:
        source = problems.rome_code(table, row, "code_rome", ref.fiches)
        target = problems.rome_code(table, row, "code_rome_cible", ref.fiches)
        order = problems.integer(table, row, "numero_ordre")
        if source is None or target is None or order is None:
            continue
        if (source, target) in ref.mobilities:
            problems.add(table, row, "code_rome_cible", f"mobilité {source} → {target} en double.")
            continue
        ref.mobilities[(source, target)] = order
