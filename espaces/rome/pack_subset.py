"""Writing a pack's `rome.yaml` and `centres_interet.yaml` from the official ROME files.

The pack then carries, for exactly the ROME codes its métiers use, what the catalogue and the
orientation need, so that a territory works without importing the whole referential.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from unidecode import unidecode

from .opendata import RomeDataError, read_referential

LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@dataclass
class SubsetReport:
    version: str
    metier_files: list[str] = field(default_factory=list)
    codes: int = 0
    appellations: int = 0
    centres: int = 0
    written: list[Path] = field(default_factory=list)


def metier_files(pack_dir: Path) -> list[Path]:
    return [p for p in [pack_dir / "metiers.yaml"] if p.exists()] + sorted(
        pack_dir.glob("metiers-*.yaml")
    )


def metier_rome_codes(pack_dir: Path) -> dict[str, list[str]]:
    """{ROME code: [files using it]} over the `rome_codes` of the pack's métiers files."""
    used: dict[str, list[str]] = {}
    problems = []
    for path in metier_files(pack_dir):
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name} : fichier illisible ({exc}).")
            continue
        if not isinstance(content, list):
            problems.append(f"{path.name} : une liste de métiers est attendue.")
            continue
        for item in content:
            codes = item.get("rome_codes") if isinstance(item, dict) else None
            if isinstance(codes, str):
                codes = [c.strip() for c in codes.split(";") if c.strip()]
            for code in codes or []:
                files = used.setdefault(str(code).strip(), [])
                if path.name not in files:
                    files.append(path.name)
    if problems:
        raise RomeDataError(problems)
    return used


class _Flow(list):
    """A list written on one line: `[13, 14, 20]`."""


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def _dump(records: list[dict]) -> str:
    return yaml.dump(
        records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )


def _sort_key(label: str) -> tuple[str, str]:
    return unidecode(label).lower(), label


def _header(title: str, attribution: str, files: list[str]) -> str:
    return (
        f"# {title}\n"
        f"# {attribution} ({LICENCE_URL}).\n"
        f"# Généré par `espaces pack_rome_subset` depuis les métiers de : {', '.join(files)}.\n"
        "# Ne pas modifier à la main : relancer la commande après avoir changé les métiers.\n"
    )


def write_pack_subset(*, pack_dir: str | Path, rome_dir: str | Path) -> SubsetReport:
    """Write PACK_DIR/rome.yaml and PACK_DIR/centres_interet.yaml (deterministic output)."""
    pack_dir = Path(pack_dir)
    if not pack_dir.is_dir():
        raise RomeDataError([f"Dossier du pack « {pack_dir} » introuvable."])
    files = [p.name for p in metier_files(pack_dir)]
    if not files:
        raise RomeDataError(
            [f"Aucun fichier metiers.yaml ou metiers-*.yaml dans {pack_dir} : rien à extraire."]
        )
    used = metier_rome_codes(pack_dir)
    ref = read_referential(rome_dir)
    unknown = sorted(code for code in used if code not in ref.fiches)
    if unknown:
        raise RomeDataError(
            [
                f"{', '.join(used[code])} : code ROME « {code} » absent du {ref.release.label}."
                for code in unknown
            ]
        )

    labels: dict[str, set[str]] = {code: set() for code in used}
    for row in ref.appellations:
        if row.code_rome in labels:
            labels[row.code_rome].add(row.label)
    centres: dict[str, list[int]] = {code: [] for code in used}
    principal: dict[str, int] = {}
    for (centre, code), is_principal in sorted(ref.links.items()):
        if code in centres:
            centres[code].append(centre)
            if is_principal:
                principal[code] = centre

    rome_records = []
    for code in sorted(used):
        fiche = ref.fiches[code]
        record = {
            "code": code,
            "label": fiche.label,
            "riasec_major": fiche.riasec_major,
            "riasec_minor": fiche.riasec_minor,
            "transition_eco": fiche.transition_eco,
            "centres_interet": _Flow(centres[code]),
        }
        if code in principal:
            record["centre_interet_principal"] = principal[code]
        record["appellations"] = sorted(labels[code], key=_sort_key)
        rome_records.append(record)
    centre_records = [
        {"code": c.code, "label": c.label, "definition": c.definition}
        for c in sorted(ref.centres.values(), key=lambda c: c.code)
    ]

    attribution = ref.release.attribution
    rome_path = pack_dir / "rome.yaml"
    rome_path.write_text(
        _header(
            f"Les {len(rome_records)} codes ROME utilisés par les métiers de ce pack.",
            attribution,
            files,
        )
        + _dump(rome_records),
        encoding="utf-8",
    )
    centres_path = pack_dir / "centres_interet.yaml"
    centres_path.write_text(
        _header(
            f"Les {len(centre_records)} centres d'intérêt du ROME (tous : le questionnaire "
            "d'orientation les propose).",
            attribution,
            files,
        )
        + _dump(centre_records),
        encoding="utf-8",
    )
    return SubsetReport(
        version=ref.release.version,
        metier_files=files,
        codes=len(rome_records),
        appellations=sum(len(r["appellations"]) for r in rome_records),
        centres=len(centre_records),
        written=[rome_path, centres_path],
    )
