"""Writing a territory's current content back as a pack (docs/packs.md, « espaces export_pack »).

Each section reads its records back (`PackSection.export(territory)`); this module writes one
YAML file per kind with a fixed layout: records sorted by their identifier, fields in the order
of the file format, empty values left out, no date or timestamp in the files. Loading the
written folder into an empty database and exporting again gives the same bytes.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from unidecode import unidecode

from espaces.common.partial_dates import DatePrecision

from .registry import ordered_sections

EMPTY = (None, "", [], {}, ())
# Lists of codes or short words (`[batteries, logistique-port]`) stay on one line; sentences
# go one per line.
WORDS = re.compile(r"^[\w'’ -]{1,40}$")
FLOW_LINE_MAX = 90
LONG_TEXT = 80


# --- helpers for the sections' export functions ----------------------------------------------
def compact(mapping: dict) -> dict:
    """The mapping without its empty values (None, "", [], {}); False and 0 are kept."""
    return {key: value for key, value in mapping.items() if not _is_empty(value)}


def _is_empty(value) -> bool:
    return any(value is e or (type(value) is type(e) and value == e) for e in EMPTY)


def partial_date(value: dt.date | None, precision: str = DatePrecision.DAY):
    """A date as a pack writes it: 2024-10-24, '2023-11' or 2027 (its precision kept)."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.year
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value


def slugs(objects) -> list[str]:
    """Sorted slugs of related objects (many-to-many relations keep no order)."""
    return sorted(o.slug for o in objects)


def text_sort_key(label: str) -> tuple[str, str]:
    """Alphabetical order that ignores accents and case, then the exact text."""
    return unidecode(label).lower(), label


# --- YAML writing ------------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the same list twice is written twice, never as &id001
        return True


def _text(dumper, value: str):
    # Paragraphs read like the hand-written packs: `|` keeps line breaks, `>-` folds long text.
    if "\n" in value:
        style = "|"
    elif len(value) > LONG_TEXT:
        style = ">"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _decimal(dumper, value: Decimal):
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


def _list(dumper, value: list):
    short = all(
        (isinstance(v, int | float) and not isinstance(v, bool))
        or (isinstance(v, str) and WORDS.match(v) is not None)
        for v in value
    )
    flow = bool(value) and short and sum(len(str(v)) + 2 for v in value) <= FLOW_LINE_MAX
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(list, _list)


def dump_yaml(content) -> str:
    return yaml.dump(
        content,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        indent=2,
        default_flow_style=False,
    )


# --- the export --------------------------------------------------------------------------------
@dataclass
class ExportReport:
    territory: str
    path: Path
    files: dict[str, int] = field(default_factory=dict)  # file name → number of records

    def lines(self) -> list[str]:
        return [f"{name} : {count} enregistrement(s)" for name, count in self.files.items()]


class ExportError(Exception):
    pass


def _header(stem: str, territory, comments: list[str]) -> str:
    lines = [
        f"# {stem}.yaml du territoire « {territory.slug} », écrit par `espaces export_pack`.",
        "# Format : docs/packs.md. Rechargez le dossier avec `espaces load_pack`.",
    ]
    lines += [f"# {line}" for comment in comments for line in comment.splitlines()]
    return "\n".join(lines) + "\n"


def collect(territory) -> dict[str, tuple[object, list[str]]]:
    """{file stem: (content, header comments)} for every section that exports something."""
    files: dict[str, tuple[object, list[str]]] = {}
    for section in ordered_sections():
        if section.export is None:
            continue
        content = section.export(territory)
        stem = section.file_stem
        comments = [section.export_comment] if section.export_comment else []
        if stem in files:
            previous, previous_comments = files[stem]
            if not isinstance(previous, dict) or not isinstance(content, dict):
                raise ExportError(f"{stem} : deux sections ne peuvent pas remplir ce fichier")
            files[stem] = ({**previous, **content}, previous_comments + comments)
        else:
            files[stem] = (content, comments)
    return {
        stem: value
        for stem, value in files.items()
        if stem == "territory" or not _is_empty(value[0])
    }


def export_pack(territory, path: str | Path, *, replace: bool = False) -> ExportReport:
    """Write the territory's content as a pack folder at `path`.

    The folder must be new or empty, unless `replace`: its pack files (`*.yaml`, `*.csv`) are
    then removed first, so that no file of an older pack is loaded with the new ones."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ExportError(f"« {path} » existe et n'est pas un dossier.")
    existing = sorted(path.glob("*.yaml")) + sorted(path.glob("*.csv")) if path.is_dir() else []
    if existing and not replace:
        raise ExportError(
            f"Le dossier « {path} » contient déjà un pack ({len(existing)} fichier(s)) : "
            "choisissez un dossier vide, ou ajoutez --replace pour le remplacer."
        )
    files = collect(territory)
    rendered = {
        f"{stem}.yaml": _header(stem, territory, comments) + dump_yaml(content)
        for stem, (content, comments) in files.items()
    }
    if replace:
        for old in existing:
            old.unlink()
    path.mkdir(parents=True, exist_ok=True)
    report = ExportReport(territory=territory.slug, path=path)
    for name, text in rendered.items():
        (path / name).write_text(text, encoding="utf-8")
        content = files[name.removesuffix(".yaml")][0]
        report.files[name] = len(content) if isinstance(content, list) else 1
    _write_media(territory, path)
    return report


def _write_media(territory, path: Path) -> None:
    """The pack's images (logo, photos) back at their place in the folder."""
    from ..models import PackMedia

    for media in PackMedia.objects.filter(territory=territory).order_by("path"):
        target = path / media.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bytes(media.data))
