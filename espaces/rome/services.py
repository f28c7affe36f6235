"""Writes to the ROME referential: the import of the official open-data files."""

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .enums import Origin
from .models import CentreInteret, CentreInteretLink, RomeAppellation, RomeFiche
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
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return sum(c.changed for c in (self.fiches, self.appellations, self.centres, self.links))

    def lines(self) -> list[str]:
        out = []
        for label, c in (
            ("fiches", self.fiches),
            ("appellations", self.appellations),
            ("centres d'intérêt", self.centres),
            ("liens centres d'intérêt – fiches", self.links),
        ):
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


def rome_import(*, directory: str | Path) -> RomeImportReport:
    """Import (or update) the whole ROME 4.0 referential from the official CSV files.

    Idempotent: unchanged rows are not written. Rows created by a pack are taken over
    (origin becomes `import`). Raises `RomeDataError` before writing anything when a file,
    a column or a value is wrong; the writes happen in one transaction.
    """
    start = time.perf_counter()
    ref = read_referential(directory)
    report = RomeImportReport(version=ref.release.version, directory=str(directory))
    with transaction.atomic():
        _sync_fiches(ref, report.fiches)
        _sync_centres(ref, report.centres)
        _sync_appellations(ref, report.appellations)
        _sync_links(ref, report.links)
    report.seconds = time.perf_counter() - start
    return report
