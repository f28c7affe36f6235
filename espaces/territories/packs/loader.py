"""Validate a whole pack, then write it in one transaction (docs/packs.md)."""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from pydantic import ValidationError

from .errors import PackError, PackValidationError
from .reading import PackFileError, read_csv, read_yaml, strip_positions
from .registry import PackSection, Record, ordered_sections, validation_errors

MAX_ERRORS = 200


@dataclass
class LoadReport:
    territory: str = ""
    dry_run: bool = False
    # Problems that do not stop the load (e.g. a sheet's conditions contradicting its ROME
    # work contexts while `strict_conditions` is off): printed by `load_pack`.
    warnings: list[PackError] = field(default_factory=list)
    counts: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def count(self, kind: str, what: str, n: int = 1) -> None:
        self.counts[kind][what] += n

    @property
    def changed(self) -> int:
        return sum(c["créés"] + c["modifiés"] for c in self.counts.values())

    def lines(self) -> list[str]:
        out = []
        for kind, c in self.counts.items():
            out.append(
                f"{kind} : {c['créés']} créé(s), {c['modifiés']} modifié(s), "
                f"{c['inchangés']} inchangé(s)"
            )
        return out


class PackContext:
    """Shared by the sections while checking and applying one pack."""

    def __init__(self, path: Path, report: LoadReport, strict_conditions: bool = False):
        self.path = path
        self.report = report
        self.strict_conditions = strict_conditions
        self.records: dict[str, list[Record]] = {}
        self.errors: list[PackError] = []
        self.warnings: list[PackError] = []
        self.territory = None  # set once the territory is written
        self.territory_slug: str | None = None
        self._cache: dict = {}

    # --- checking -------------------------------------------------------------------------
    def error(self, record: Record, field_name: str | None, message: str) -> None:
        self.errors.append(
            PackError(
                file=record.file,
                line=record.line_for(field_name) if field_name else record.line,
                record=record.slug,
                field=field_name,
                message=message,
            )
        )

    def warn(self, record: Record, field_name: str | None, message: str) -> None:
        """A problem that does not stop the load (printed by load_pack and check_pack)."""
        self.warnings.append(
            PackError(
                file=record.file,
                line=record.line_for(field_name) if field_name else record.line,
                record=record.slug,
                field=field_name,
                message=message,
            )
        )

    def pack_slugs(self, kind: str) -> set[str]:
        return {r.slug for r in self.records.get(kind, []) if r.slug}

    def known_slugs(self, kind: str, model: type[models.Model], field_name="slug") -> set:
        """Slugs of that kind in the pack, plus those already in the database."""
        key = ("known", kind)
        if key not in self._cache:
            existing = set()
            if self.territory_slug:
                existing = set(
                    model.objects.filter(territory__slug=self.territory_slug).values_list(
                        field_name, flat=True
                    )
                )
            self._cache[key] = existing | self.pack_slugs(kind)
        return self._cache[key]

    def check_refs(self, record: Record, field_name: str, values, allowed: set, what: str) -> None:
        if values is None:
            return
        for value in values if isinstance(values, list | tuple | set) else [values]:
            if value not in allowed:
                names = sorted(map(str, allowed))
                hint = ", ".join(names[:15]) or "aucune"
                if len(names) > 15:
                    hint += f"… ({len(names)} en tout)"
                self.error(
                    record, field_name, f"{what} « {value} » inconnu(e). Valeurs permises : {hint}."
                )

    # --- writing --------------------------------------------------------------------------
    def lookup(self, model: type[models.Model], key: str = "slug") -> dict:
        """{slug: object} for the territory, cached for this load."""
        cache_key = ("lookup", model, key)
        if cache_key not in self._cache:
            self._cache[cache_key] = {
                getattr(o, key): o for o in model.objects.filter(territory=self.territory)
            }
        return self._cache[cache_key]

    def forget(self, model: type[models.Model]) -> None:
        for key in [k for k in self._cache if k[0] == "lookup" and k[1] is model]:
            del self._cache[key]

    def upsert(self, kind: str, model, lookup: dict, values: dict, m2m: dict | None = None):
        """Create or update one row, writing only when something differs."""
        obj = model.objects.filter(**lookup).first()
        changed = False
        if obj is None:
            obj = model(**lookup, **values)
            obj.save()
            self.report.count(kind, "créés")
            created = True
        else:
            created = False
            diff = [k for k, v in values.items() if getattr(obj, k) != v]
            if diff:
                for k in diff:
                    setattr(obj, k, values[k])
                obj.save()
                changed = True
        for name, targets in (m2m or {}).items():
            manager = getattr(obj, name)
            wanted = {t.pk for t in targets}
            if created or set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(list(targets))
                changed = changed or not created
        if not created:
            self.report.count(kind, "modifiés" if changed else "inchangés")
        self.forget(model)
        return obj, created or changed

    def replace_children(self, manager, model, rows: list[dict], fields: list[str]) -> bool:
        """Replace child rows (figures, dates…) only when their content differs."""
        current = [tuple(getattr(o, f) for f in fields) for o in manager.order_by("pk")]
        wanted = [tuple(r.get(f) for f in fields) for r in rows]
        if current == wanted:
            return False
        manager.all().delete()
        fk = manager.field.name
        model.objects.bulk_create([model(**{fk: manager.instance}, **r) for r in rows])
        return True


def _files_for(path: Path, section: PackSection) -> list[Path]:
    stem = section.file_stem
    files = [path / f"{stem}.yaml", path / f"{stem}.csv"]
    found = [f for f in files if f.exists()]
    found += sorted(path.glob(f"{stem}-*.yaml")) + sorted(path.glob(f"{stem}-*.csv"))
    return found


def _parse_section(path: Path, section: PackSection, ctx: PackContext) -> list[Record]:
    records: list[Record] = []
    seen: dict[str, str] = {}
    for file in _files_for(path, section):
        try:
            content = read_csv(file) if file.suffix == ".csv" else read_yaml(file)
        except PackFileError as exc:
            ctx.errors.append(exc.error)
            continue
        if content is None:
            continue
        items = [content] if not section.many else content
        if section.many and not isinstance(content, list):
            ctx.errors.append(
                PackError(file=file.name, message="une liste d'enregistrements est attendue")
            )
            continue
        if not section.many and not isinstance(content, dict):
            ctx.errors.append(
                PackError(file=file.name, message="un ensemble de champs est attendu")
            )
            continue
        for index, raw in enumerate(items):
            if not isinstance(raw, dict):
                ctx.errors.append(
                    PackError(
                        file=file.name,
                        message=f"enregistrement n° {index + 1} : ensemble de champs attendu",
                    )
                )
                continue
            slug = raw.get("slug") if isinstance(raw.get("slug"), str) else None
            try:
                data = section.schema.model_validate(strip_positions(raw))
            except ValidationError as exc:
                ctx.errors.extend(validation_errors(file.name, raw, exc, slug))
                continue
            record = Record(
                file=file.name, line=raw.get("__line__"), raw=raw, data=data, index=index
            )
            if section.has_slug and section.many and record.slug:
                if record.slug in seen:
                    ctx.error(
                        record,
                        "slug",
                        f"identifiant en double (déjà utilisé dans {seen[record.slug]})",
                    )
                    continue
                seen[record.slug] = file.name
            records.append(record)
    return records


def load_pack(
    path: str | Path, *, dry_run: bool = False, strict_conditions: bool | None = None
) -> LoadReport:
    """Validate the pack at `path`, then upsert it in one transaction.

    Raises PackValidationError (nothing written) when any file has a problem. A job sheet whose
    conditions contradict its ROME work contexts without a reason is a warning
    (`report.warnings`), or an error when `strict_conditions` is true (default:
    settings.PACK_STRICT_CONDITIONS, false until every pack gives its reasons).
    """
    from django.conf import settings

    if strict_conditions is None:
        strict_conditions = getattr(settings, "PACK_STRICT_CONDITIONS", False)
    path = Path(path)
    report = LoadReport(dry_run=dry_run)
    ctx = PackContext(path, report, strict_conditions=strict_conditions)
    if not path.is_dir():
        raise PackValidationError([PackError(file=str(path), message="dossier introuvable")])
    if not (path / "territory.yaml").exists():
        raise PackValidationError(
            [PackError(file="territory.yaml", message="fichier obligatoire manquant")]
        )

    sections = ordered_sections()
    for section in sections:
        ctx.records[section.kind] = _parse_section(path, section, ctx)
        if section.kind == "territory" and ctx.records["territory"]:
            ctx.territory_slug = ctx.records["territory"][0].data.slug
    for section in sections:
        if section.check and ctx.records.get(section.kind):
            section.check(ctx, ctx.records[section.kind])
    report.warnings = ctx.warnings  # the same list: warnings of the apply step come too
    if ctx.errors:
        raise PackValidationError(ctx.errors[:MAX_ERRORS], warnings=ctx.warnings[:MAX_ERRORS])

    report.territory = ctx.territory_slug or ""
    with transaction.atomic():
        for section in sections:
            records = ctx.records.get(section.kind)
            if records:
                section.apply(ctx, records)
        if dry_run:
            transaction.set_rollback(True)
        else:
            # Some rows are written in bulk, without signals: the content version of every
            # cache changes with the pack (espaces/ops/content_version.py).
            from espaces.ops.content_version import bump

            bump()
    return report
