"""Writes to the ROME referential: the import of the official open-data files."""

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from .enums import Origin
from .models import (
    CentreInteret,
    CentreInteretLink,
    RomeAppellation,
    RomeFiche,
    RomeFicheContext,
    RomeFicheSkill,
    RomeMobility,
    RomeSkill,
    RomeWorkContext,
)
from .opendata import Referential, read_referential

BATCH_SIZE = 500


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # rows in the database that the files no longer list (never deleted)

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass
class RomeImportReport:
    version: str
    directory: str
    fiches: SyncCounts = field(default_factory=SyncCounts)
    appellations: SyncCounts = field(default_factory=SyncCounts)
    centres: SyncCounts = field(default_factory=SyncCounts)
    links: SyncCounts = field(default_factory=SyncCounts)
    contexts: SyncCounts = field(default_factory=SyncCounts)
    fiche_contexts: SyncCounts = field(default_factory=SyncCounts)
    skills: SyncCounts = field(default_factory=SyncCounts)
    fiche_skills: SyncCounts = field(default_factory=SyncCounts)
    mobilities: SyncCounts = field(default_factory=SyncCounts)
    seconds: float = 0.0

    def sections(self) -> list[tuple[str, SyncCounts]]:
        return [
            ("fiches", self.fiches),
            ("appellations", self.appellations),
            ("centres d'intérêt", self.centres),
            ("liens centres d'intérêt – fiches", self.links),
            ("contextes de travail", self.contexts),
            ("contextes de travail des fiches", self.fiche_contexts),
            ("compétences et savoirs", self.skills),
            ("compétences et savoirs des fiches", self.fiche_skills),
            ("mobilités", self.mobilities),
        ]

    @property
    def changed(self) -> int:
        return sum(c.changed for _, c in self.sections())

    def lines(self) -> list[str]:
        out = []
        for label, c in self.sections():
            line = (
                f"{label} : {c.created} créé(s), {c.updated} modifié(s), {c.unchanged} inchangé(s)"
            )
            if c.kept:
                line += f", {c.kept} absent(s) des fichiers conservé(s)"
            out.append(line)
        return out


def _differences(obj, values: dict) -> list[str]:
    return [name for name, value in values.items() if getattr(obj, name) != value]


def _apply(obj, values: dict, names: list[str]) -> None:
    for name in names:
        setattr(obj, name, values[name])


class _Writer:
    """Collects the rows to create and update for one model, then writes them in bulk."""

    def __init__(self, model, counts: SyncCounts):
        self.model = model
        self.counts = counts
        self.to_create: list = []
        self.to_update: list = []
        self.fields: set[str] = set()

    def create(self, obj) -> None:
        self.to_create.append(obj)
        self.counts.created += 1

    def compare(self, obj, values: dict) -> None:
        names = _differences(obj, values)
        if names:
            _apply(obj, values, names)
            self.to_update.append(obj)
            self.fields.update(names)
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1

    def write(self) -> None:
        if self.to_update:
            self.model.objects.bulk_update(
                self.to_update, sorted(self.fields), batch_size=BATCH_SIZE
            )
        if self.to_create:
            self.model.objects.bulk_create(self.to_create, batch_size=BATCH_SIZE)


def _sync_fiches(ref: Referential, counts: SyncCounts) -> None:
    existing = RomeFiche.objects.in_bulk()
    writer = _Writer(RomeFiche, counts)
    for code in sorted(ref.fiches):
        row = ref.fiches[code]
        values = {
            "label": row.label,
            "transition_eco": row.transition_eco,
            "riasec_major": row.riasec_major,
            "riasec_minor": row.riasec_minor,
            "domain_code": row.domain_code,
            "domain_label": row.domain_label,
            "code_ogr": row.code_ogr,
            "definition": row.definition,
            "access": row.access,
            "transition_num": row.transition_num,
            "transition_demo": row.transition_demo,
            "regulated": row.regulated,
            "managerial": row.managerial,
            "origin": Origin.IMPORT,
        }
        obj = existing.pop(code, None)
        if obj is None:
            writer.create(RomeFiche(code=code, **values))
        else:
            writer.compare(obj, values)
    counts.kept = len(existing)
    writer.write()


def _sync_centres(ref: Referential, counts: SyncCounts) -> None:
    existing = CentreInteret.objects.in_bulk()
    writer = _Writer(CentreInteret, counts)
    for code in sorted(ref.centres):
        row = ref.centres[code]
        values = {"label": row.label, "definition": row.definition}
        obj = existing.pop(code, None)
        if obj is None:
            writer.create(CentreInteret(code=code, **values))
        else:
            writer.compare(obj, values)
    counts.kept = len(existing)
    writer.write()


def _sync_appellations(ref: Referential, counts: SyncCounts) -> None:
    """Matched by OGR code; rows a pack wrote (no OGR code) by fiche and label."""
    by_ogr: dict[str, RomeAppellation] = {}
    by_label: dict[tuple[str, str], RomeAppellation] = {}
    for obj in RomeAppellation.objects.all():
        if obj.code_ogr:
            by_ogr[obj.code_ogr] = obj
        else:
            by_label[(obj.fiche_id, obj.label)] = obj
    writer = _Writer(RomeAppellation, counts)
    for row in sorted(ref.appellations, key=lambda r: (r.code_rome, r.label, r.code_ogr)):
        values = {
            "fiche_id": row.code_rome,
            "code_ogr": row.code_ogr,
            "label": row.label,
            "label_short": row.label_short,
            "classification": row.classification,
            "transition_eco": row.transition_eco,
            "origin": Origin.IMPORT,
        }
        obj = by_ogr.pop(row.code_ogr, None) or by_label.pop((row.code_rome, row.label), None)
        if obj is None:
            writer.create(RomeAppellation(**values))
        else:
            writer.compare(obj, values)
    counts.kept = len(by_ogr) + len(by_label)
    writer.write()


def _sync_links(ref: Referential, counts: SyncCounts) -> None:
    existing = {(o.centre_id, o.fiche_id): o for o in CentreInteretLink.objects.all()}
    writer = _Writer(CentreInteretLink, counts)
    for key in sorted(ref.links):
        centre, code = key
        obj = existing.pop(key, None)
        if obj is None:
            writer.create(
                CentreInteretLink(centre_id=centre, fiche_id=code, principal=ref.links[key])
            )
        else:
            writer.compare(obj, {"principal": ref.links[key]})
    counts.kept = len(existing)
    writer.write()


def _sync_by_code(model, rows: dict, counts: SyncCounts, names: list[str]) -> None:
    """Rows keyed by their primary key (`code_ogr`), whose fields are `names`."""
    existing = model.objects.in_bulk()
    writer = _Writer(model, counts)
    to_create = []
    for key in sorted(rows):
        row = rows[key]
        values = {name: getattr(row, name) for name in names}
        obj = existing.pop(key, None)
        if obj is None:
            to_create.append((key, *values.values()))
            counts.created += 1
        else:
            writer.compare(obj, values)
    counts.kept = len(existing)
    writer.write()
    _insert_rows(model, [model._meta.pk.name, *names], to_create)


def _sync_pairs(model, left: str, right: str, wanted: dict, counts: SyncCounts, value=None):
    """A link table keyed by (left, right) with at most one value column; rows read as tuples
    (tens of thousands of links: model instances only for the rows to write)."""
    columns = ["pk", f"{left}_id", f"{right}_id"] + ([value] if value else [])
    existing = {(r[1], r[2]): r for r in model.objects.values_list(*columns)}
    to_create, to_update = [], []
    for key in sorted(wanted):
        row = existing.pop(key, None)
        if row is None:
            to_create.append((key[0], key[1], wanted[key]) if value else key)
            counts.created += 1
        elif value and row[3] != wanted[key]:
            to_update.append(model(pk=row[0], **{value: wanted[key]}))
            counts.updated += 1
        else:
            counts.unchanged += 1
    counts.kept = len(existing)
    if to_update:
        model.objects.bulk_update(to_update, [value], batch_size=BATCH_SIZE)
    if to_create:
        _insert_rows(model, [f"{left}_id", f"{right}_id"] + ([value] if value else []), to_create)


INSERT_BATCH = 5000


def _insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Plain INSERTs for tens of thousands of rows (no model instance per row: 5 to 10
    times faster than bulk_create here). The columns have no default to fill in Python."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            cursor.executemany(sql, rows[start : start + INSERT_BATCH])


def rome_sync(ref: Referential) -> RomeImportReport:
    """Write `ref` (read from the official files or from the shipped dataset) to the database:
    only the differences, in bulk, in one transaction. Rows absent from `ref` are kept."""
    start = time.perf_counter()
    report = RomeImportReport(version=ref.release.version, directory=str(ref.release.directory))
    with transaction.atomic():
        _sync_fiches(ref, report.fiches)
        _sync_centres(ref, report.centres)
        _sync_appellations(ref, report.appellations)
        _sync_links(ref, report.links)
        _sync_by_code(
            RomeWorkContext,
            ref.contexts,
            report.contexts,
            ["label", "type_code", "type_label"],
        )
        _sync_by_code(
            RomeSkill,
            ref.skills,
            report.skills,
            ["label", "kind", "category", "subcategory", "macro"],
        )
        _sync_pairs(
            RomeFicheContext,
            "fiche",
            "context",
            dict.fromkeys(ref.fiche_contexts),
            report.fiche_contexts,
        )
        _sync_pairs(RomeFicheSkill, "fiche", "skill", ref.fiche_skills, report.fiche_skills, "core")
        _sync_pairs(RomeMobility, "source", "target", ref.mobilities, report.mobilities, "order")
        # Bulk writes send no signal: every territory's content version changes here (the
        # referential is shared), so that cached pages and search indexes follow.
        from espaces.ops.content_version import bump

        bump()
    report.seconds = time.perf_counter() - start
    return report


def rome_import(*, directory: str | Path) -> RomeImportReport:
    """Import (or update) the whole ROME 4.0 referential from the official CSV files.

    Idempotent: unchanged rows are not written. Rows created by a pack are taken over
    (origin becomes `import`). Raises `RomeDataError` before writing anything when a file,
    a column or a value is wrong; the writes happen in one transaction.
    """
    start = time.perf_counter()
    ref = read_referential(directory)
    report = rome_sync(ref)
    report.directory = str(directory)
    report.seconds = time.perf_counter() - start
    return report


def rome_load_dataset(*, directory: str | Path | None = None) -> RomeImportReport:
    """Import the compact dataset shipped in `data/rome/` (espaces/rome/dataset.py): the same
    rows as `rome_import` from the official files it was built from, without them."""
    from django.conf import settings

    from .dataset import read_dataset

    start = time.perf_counter()
    directory = Path(directory or settings.ROME_DATASET_DIR)
    report = rome_sync(read_dataset(directory))
    report.seconds = time.perf_counter() - start
    return report
