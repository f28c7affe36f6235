"""Reading a visits spreadsheet (CSV of docs/interfaces.md) and checking every line before
anything is written: all or nothing."""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from espaces.territories.models import Territory

from .enums import PublicCategory
from .services import visits_import
from .visit_rules import CSV_COLUMNS, VisitRules

REQUIRED_COLUMNS = {"date", "site", "public_category"}
MAX_ERRORS = 200


@dataclass
class ImportProblem:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"ligne {self.line}"
        if self.column:
            where += f", colonne « {self.column} »"
        return f"{where} : {self.message}"


class VisitImportError(Exception):
    def __init__(self, errors: list[ImportProblem]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class ImportReport:
    file_name: str
    dry_run: bool
    lines: int = 0
    visitors: int = 0
    professionals: int = 0
    first_date: object = None
    last_date: object = None
    by_site: dict = field(default_factory=dict)

    def lines_out(self) -> list[str]:
        prefix = "[essai, rien n'est écrit] " if self.dry_run else ""
        verb = "à importer" if self.dry_run else "importée(s)"
        out = [
            f"{prefix}{self.file_name} : {self.lines} ligne(s) {verb}, "
            f"{self.visitors} visiteur(s) du public et {self.professionals} professionnel(s)"
            + (
                f", du {self.first_date:%d/%m/%Y} au {self.last_date:%d/%m/%Y}."
                if self.first_date
                else "."
            )
        ]
        out += [f"  {slug} : {n} personne(s)" for slug, n in sorted(self.by_site.items())]
        return out


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise VisitImportError(
            [
                ImportProblem(
                    1,
                    None,
                    "le fichier doit être en UTF-8 (dans le tableur : « Enregistrer sous », "
                    "CSV UTF-8).",
                )
            ]
        ) from exc


def read_rows(text: str) -> tuple[list[tuple[int, dict]], list[ImportProblem]]:
    """(line number, raw row) pairs and header errors. The separator is the comma; a file
    whose header holds semicolons and no comma (French spreadsheet default) is read with `;`."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return [], [ImportProblem(1, None, "fichier vide : la ligne d'en-tête est attendue.")]
    header = [h.strip().lower() for h in header]
    errors = []
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    missing = [c for c in CSV_COLUMNS if c in REQUIRED_COLUMNS and c not in header]
    for column in unknown:
        errors.append(
            ImportProblem(
                1,
                column,
                f"colonne inconnue. Colonnes permises : {', '.join(CSV_COLUMNS)}.",
            )
        )
    for column in missing:
        errors.append(ImportProblem(1, column, "colonne obligatoire absente de l'en-tête."))
    duplicates = {h for h in header if h and header.count(h) > 1}
    for column in sorted(duplicates):
        errors.append(ImportProblem(1, column, "colonne en double dans l'en-tête."))
    if errors:
        return [], errors
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank line
        if len(cells) > len(header):
            errors.append(
                ImportProblem(
                    line,
                    None,
                    f"{len(cells)} cellules pour {len(header)} colonnes (un séparateur en trop ?).",
                )
            )
            continue
        rows.append((line, dict(zip(header, cells, strict=False))))
    return rows, errors


def import_visits_file(
    path: str | Path, *, territory: Territory, dry_run: bool = False, imported_by=None
) -> ImportReport:
    """Check every line, then write them all in one transaction (nothing when any is wrong)."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise VisitImportError(
            [ImportProblem(0, None, f"fichier illisible ({exc.strerror}).")]
        ) from exc
    rows, errors = read_rows(_decode(content))
    rules = VisitRules(territory)
    report = ImportReport(file_name=path.name, dry_run=dry_run)
    cleaned = []
    for line, raw in rows:
        values, row_errors = rules.clean(raw)
        for column, message in row_errors.items():
            errors.append(ImportProblem(line, column, message))
        if row_errors:
            continue
        cleaned.append(values)
        size = values["group_size"]
        if values["public_category"] == PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT:
            report.professionals += size
        else:
            report.visitors += size
            report.by_site[values["site"].slug] = report.by_site.get(values["site"].slug, 0) + size
        report.first_date = min(filter(None, [report.first_date, values["date"]]))
        report.last_date = max(filter(None, [report.last_date, values["date"]]))
    if not rows and not errors:
        errors.append(ImportProblem(2, None, "aucune ligne de visite après l'en-tête."))
    if errors:
        raise VisitImportError(errors[:MAX_ERRORS])
    report.lines = len(cleaned)
    if not dry_run:
        visits_import(
            territory=territory,
            rows=cleaned,
            file_name=path.name,
            sha256=hashlib.sha256(content).hexdigest(),
            imported_by=imported_by,
        )
    return report
