"""The compact ROME dataset shipped in `data/rome/` (derived from the official open data).

`build_dataset(rome_dir, out_dir)` writes it from the official CSV files
(`espaces build_rome_dataset`); `read_dataset(out_dir)` reads it back as the same `Referential`
the CSV reader gives, so that `rome_sync` writes identical rows whichever the origin. A fresh
clone thus has every fiche without the 20 MB of official files.

Files (UTF-8, sorted, no date, so that two builds from the same release are identical):
- `release.json`: version, edition, release date, licence, attribution, row counts;
- `centres.csv`, `contexts.csv`: the 30 centres d'intérêt and 179 work contexts;
- `skills.csv.gz`: the skills and knowledge used by at least one fiche;
- `appellations.csv.gz`: every appellation;
- `fiches.jsonl.gz`: one fiche per line with its texts, tags, centres, contexts, skills and
  mobilities (codes only).
Gzip (no name, mtime 0) keeps the set under 5 MB; `gunzip -c` gives reviewable text.
"""

import csv
import gzip
import io
import json
from pathlib import Path

from .opendata import (
    AppellationRow,
    CentreRow,
    ContextRow,
    FicheRow,
    Referential,
    RomeDataError,
    RomeRelease,
    SkillRow,
    read_referential,
)

DATASET_FORMAT = 1
# Facts about the releases the dataset may be built from (SOURCES.md): shown with the data.
EDITIONS = {"460": {"edition": "25M09", "released": "2025-09-18"}}
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

FICHE_TAGS = ["transition_num", "transition_demo", "regulated", "managerial"]
APPELLATION_COLUMNS = [
    "code_ogr",
    "code_rome",
    "label",
    "label_short",
    "classification",
    "transition_eco",
]
SKILL_COLUMNS = ["code_ogr", "kind", "macro", "category", "subcategory", "label"]
CONTEXT_COLUMNS = ["code_ogr", "type_code", "type_label", "label"]
CENTRE_COLUMNS = ["code", "label", "definition"]


# --- writing -------------------------------------------------------------------------------
def _csv_text(columns: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.suffix == ".gz":
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
            f.write(data)
        data = buffer.getvalue()
    path.write_bytes(data)


def _fiche_line(ref: Referential, row: FicheRow, per_fiche: dict) -> str:
    code = row.code
    record = {
        "code": code,
        "label": row.label,
        "code_ogr": row.code_ogr,
        "transition_eco": row.transition_eco,
        "riasec": [row.riasec_major, row.riasec_minor],
        "domain": [row.domain_code, row.domain_label],
        "tags": [getattr(row, name) for name in FICHE_TAGS],
        "definition": row.definition,
        "access": row.access,
        "centres": per_fiche["centres"].get(code, []),
        "contexts": per_fiche["contexts"].get(code, []),
        "skills": per_fiche["skills"].get(code, []),
        "mobilities": per_fiche["mobilities"].get(code, []),
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def dataset_texts(ref: Referential) -> dict[str, str]:
    """{file name: decompressed text} of the dataset for `ref`."""
    per_fiche: dict[str, dict[str, list]] = {
        "centres": {},
        "contexts": {},
        "skills": {},
        "mobilities": {},
    }
    for (centre, code), principal in sorted(ref.links.items()):
        per_fiche["centres"].setdefault(code, []).append([centre, principal])
    for code, context in sorted(ref.fiche_contexts):
        per_fiche["contexts"].setdefault(code, []).append(context)
    for (code, skill), core in sorted(ref.fiche_skills.items()):
        per_fiche["skills"].setdefault(code, []).append([skill, str(core)])
    for (source, target), order in sorted(
        ref.mobilities.items(), key=lambda i: (i[0][0], i[1], i[0][1])
    ):
        per_fiche["mobilities"].setdefault(source, []).append([target, order])

    version = ref.release.version
    counts = {
        "fiches": len(ref.fiches),
        "appellations": len(ref.appellations),
        "centres_interet": len(ref.centres),
        "centres_interet_links": len(ref.links),
        "work_contexts": len(ref.contexts),
        "fiche_work_contexts": len(ref.fiche_contexts),
        "skills": len(ref.skills),
        "fiche_skills": len(ref.fiche_skills),
        "mobilities": len(ref.mobilities),
    }
    release = {
        "format": DATASET_FORMAT,
        "source": "France Travail, ROME 4.0",
        "version": version,
        **EDITIONS.get(version, {}),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": f"Source : France Travail, ROME 4.0 (version {version})",
        "counts": counts,
    }
    appellations = sorted(ref.appellations, key=lambda a: (a.code_rome, a.code_ogr))
    return {
        "release.json": json.dumps(release, ensure_ascii=False, indent=2) + "\n",
        "centres.csv": _csv_text(
            CENTRE_COLUMNS,
            [[c.code, c.label, c.definition] for _, c in sorted(ref.centres.items())],
        ),
        "contexts.csv": _csv_text(
            CONTEXT_COLUMNS,
            [
                [c.code_ogr, c.type_code, c.type_label, c.label]
                for c in sorted(ref.contexts.values(), key=lambda c: int(c.code_ogr))
            ],
        ),
        "skills.csv.gz": _csv_text(
            SKILL_COLUMNS,
            [
                [s.code_ogr, str(s.kind), int(s.macro), s.category, s.subcategory, s.label]
                for s in sorted(ref.skills.values(), key=lambda s: int(s.code_ogr))
            ],
        ),
        "appellations.csv.gz": _csv_text(
            APPELLATION_COLUMNS,
            [
                [
                    a.code_ogr,
                    a.code_rome,
                    a.label,
                    "" if a.label_short == a.label else a.label_short,
                    a.classification,
                    a.transition_eco,
                ]
                for a in appellations
            ],
        ),
        "fiches.jsonl.gz": "".join(
            _fiche_line(ref, ref.fiches[code], per_fiche) + "\n" for code in sorted(ref.fiches)
        ),
    }


def build_dataset(rome_dir: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Write the dataset of the official files in `rome_dir` to `out_dir`: {file: bytes}."""
    ref = read_referential(rome_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, text in dataset_texts(ref).items():
        _write(out_dir / name, text)
        sizes[name] = (out_dir / name).stat().st_size
    return sizes


# --- reading -------------------------------------------------------------------------------
def read_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read_text(path), newline="")))


def _tag(value) -> bool | None:
    return value if value is None else bool(value)


def read_dataset(directory: str | Path) -> Referential:
    """The `Referential` stored in the dataset at `directory` (see `dataset_texts`)."""
    directory = Path(directory)
    try:
        release = json.loads(read_text(directory / "release.json"))
    except FileNotFoundError as exc:
        raise RomeDataError(
            [
                f"Jeu de données ROME introuvable dans {directory} : régénérez-le avec "
                "« espaces build_rome_dataset DOSSIER_DES_CSV data/rome/ »."
            ]
        ) from exc
    ref = Referential(
        release=RomeRelease(directory=directory, version=release["version"], files={})
    )
    for row in _rows(directory / "centres.csv"):
        code = int(row["code"])
        ref.centres[code] = CentreRow(code=code, label=row["label"], definition=row["definition"])
    for row in _rows(directory / "contexts.csv"):
        ref.contexts[row["code_ogr"]] = ContextRow(
            code_ogr=row["code_ogr"],
            label=row["label"],
            type_code=int(row["type_code"]),
            type_label=row["type_label"],
        )
    for row in _rows(directory / "skills.csv.gz"):
        ref.skills[row["code_ogr"]] = SkillRow(
            code_ogr=row["code_ogr"],
            label=row["label"],
            kind=row["kind"],
            category=row["category"],
            subcategory=row["subcategory"],
            macro=row["macro"] == "1",
        )
    for row in _rows(directory / "appellations.csv.gz"):
        ref.appellations.append(
            AppellationRow(
                code_ogr=row["code_ogr"],
                label=row["label"],
                label_short=row["label_short"] or row["label"],
                code_rome=row["code_rome"],
                classification=row["classification"],
                transition_eco=row["transition_eco"],
            )
        )
    for line in read_text(directory / "fiches.jsonl.gz").splitlines():
        f = json.loads(line)
        code = f["code"]
        fiche = FicheRow(
            code=code,
            label=f["label"],
            transition_eco=f["transition_eco"],
            code_ogr=f["code_ogr"],
            riasec_major=f["riasec"][0],
            riasec_minor=f["riasec"][1],
            domain_code=f["domain"][0],
            domain_label=f["domain"][1],
            definition=f["definition"],
            access=f["access"],
        )
        for name, value in zip(FICHE_TAGS, f["tags"], strict=True):
            setattr(fiche, name, _tag(value))
        ref.fiches[code] = fiche
        for centre, principal in f["centres"]:
            ref.links[(centre, code)] = principal
        for context in f["contexts"]:
            ref.fiche_contexts.add((code, context))
        for skill, core in f["skills"]:
            ref.fiche_skills[(code, skill)] = core
        for target, order in f["mobilities"]:
            ref.mobilities[(code, target)] = order
    return ref
