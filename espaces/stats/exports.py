"""The bilan as JSON, CSV and XLSX (one sheet per section), and one chart's data as CSV."""

import io
import json
from decimal import Decimal

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from espaces.common.spreadsheet import csv_writer, safe_cell, xlsx_value

from .bilan import Bilan
from .selectors import Series, Table

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)


def file_name(bilan: Bilan, extension: str) -> str:
    f = bilan.filters
    site = f"-{f.site.slug}" if f.site else ""
    return f"bilan-{bilan.territory.slug}{site}-{f.date_from}-{f.date_to}.{extension}"


def _default(value):
    if isinstance(value, Decimal | Promise):  # Promise: a label translated lazily
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value)} non sérialisable")


DEMO_MENTION = "Données de démonstration"
DEMO_EXPLANATION = (
    "Données de démonstration : chiffres fictifs créés par « espaces demo_data », "
    "ce ne sont pas les chiffres réels des Espaces."
)


def is_demo(territory) -> bool:
    return bool(getattr(territory, "demo_data", False))


def bilan_json(bilan: Bilan) -> bytes:
    data = bilan.as_dict()
    data = {"demo_data": is_demo(bilan.territory), **data}
    if is_demo(bilan.territory):
        data = {"mention": DEMO_EXPLANATION, **data}
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default).encode()


def item_rows(item: Series | Table) -> tuple[list[str], list[list]]:
    if isinstance(item, Series):
        return ["Identifiant", "Libellé", item.column], [list(row) for row in item.rows]
    return item.columns, item.rows


def item_csv(item: Series | Table, *, demo: bool = False) -> str:
    header, rows = item_rows(item)
    out = io.StringIO()
    writer = csv_writer(out)
    if demo:
        writer.writerow([DEMO_EXPLANATION])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def bilan_csv(bilan: Bilan) -> str:
    """Every figure in long format: section, identifiant, libellé, valeur."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["section", "identifiant", "libellé", "valeur"])
    if is_demo(bilan.territory):
        writer.writerow(["avertissement", "demo_data", DEMO_EXPLANATION, "oui"])
    f = bilan.filters
    writer.writerow(["période", "from", "Début", f.date_from.isoformat()])
    writer.writerow(["période", "to", "Fin", f.date_to.isoformat()])
    writer.writerow(["période", "site", "Espace", f.site.slug if f.site else "tous"])
    for key, value in bilan.headline.items():
        writer.writerow(["chiffres clés", key, "", "" if value is None else value])
    for series in bilan.series():
        for key, label, value in series.rows:
            writer.writerow([series.slug, key, label, value])
    for value in bilan.indicators.values:
        if value.collected:
            for column, n in value.values.items():
                writer.writerow(["indicateurs", f"{value.code}.{column}", value.label, n])
            writer.writerow(["indicateurs", f"{value.code}.total", value.label, value.total])
        else:
            writer.writerow(["indicateurs", f"{value.code}.total", value.label, "non collecté"])
    for check in bilan.indicators.checks:
        writer.writerow(["contrôles", "", check.label, "oui" if check.passed else "non"])
    budget = bilan.budget
    writer.writerow(["budget", "total", "Total des dépenses (lignes)", budget.expenses_total])
    writer.writerow(["budget", "announced_total", "Total annoncé", budget.announced_total or ""])
    writer.writerow(["budget", "funding_total", "Total des financements", budget.funding_total])
    writer.writerow(
        ["budget", "prorated_expenses", "Dépenses de la période", budget.prorated_expenses]
    )
    for cost in budget.costs:
        writer.writerow(["coûts", cost["unit"], cost["label"], cost["cost"] or ""])
    return out.getvalue()


def _sheet(workbook, title: str, blocks: list[tuple[str, list[str], list[list]]]):
    sheet = workbook.create_sheet(title=str(title)[:31])
    bold = Font(bold=True)
    widths: dict[int, int] = {}
    row = 1
    for heading, header, rows in blocks:
        sheet.cell(row=row, column=1, value=safe_cell(str(heading))).font = Font(bold=True, size=12)
        row += 1
        for col, name in enumerate(header, start=1):
            sheet.cell(row=row, column=col, value=safe_cell(str(name))).font = bold
            widths[col] = max(widths.get(col, 0), len(str(name)))
        row += 1
        for values in rows:
            for col, value in enumerate(values, start=1):
                value = xlsx_value(value)
                sheet.cell(row=row, column=col, value=value)
                widths[col] = max(widths.get(col, 0), min(len(str(value)), 60))
            row += 1
        row += 1
    for col, width in widths.items():
        sheet.column_dimensions[get_column_letter(col)].width = max(10, width + 2)
    return sheet


def _series_block(series: Series):
    header, rows = item_rows(series)
    return (series.title, header[1:], [row[1:] for row in rows])


def _table_block(table: Table):
    return (table.title, table.columns, table.rows)


def eu_header(sheet, territory=None) -> None:
    """The EU emblem and « Cofinancé par l'Union européenne » above the summary sheet, then the
    managing authority's and the beneficiary's names (their logos stay in the PDF)."""
    from openpyxl.drawing.image import Image

    from espaces.common.eu_visibility import emblem_png, marks

    shown = marks(territory) if territory is not None else []
    sheet.insert_rows(1, amount=4 + len(shown))
    image = Image(io.BytesIO(emblem_png(height=60)))
    sheet.add_image(image, "A1")
    sheet["C2"] = "Cofinancé par l'Union européenne"
    sheet["C2"].font = Font(bold=True, size=12)
    for row, mark in enumerate(shown, start=4):
        sheet.cell(row=row, column=3, value=safe_cell(f"{mark['role_label']} : {mark['name']}"))


def bilan_xlsx(bilan: Bilan) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    f = bilan.filters
    _sheet(
        workbook,
        "Synthèse",
        [
            (
                f"Bilan {bilan.territory.name} — {f.label()}"
                + (f" — {DEMO_MENTION.upper()}" if is_demo(bilan.territory) else ""),
                ["Chiffre", "Valeur"],
                bilan.headline_rows(),
            ),
            *bilan.summary_blocks(),
        ],
    )
    _sheet(
        workbook,
        "Fréquentation",
        [_series_block(s) for s in bilan.visits["series"]]
        + [_table_block(bilan.visits["month_table"])],
    )
    if bilan.territory.eu_cofunded:
        eu_header(workbook["Synthèse"], bilan.territory)
    _sheet(workbook, "Événements", [_table_block(bilan.events["table"])])
    _sheet(workbook, "Scolaires", [_table_block(bilan.schools["table"])])
    _sheet(
        workbook,
        "Orientation",
        [_series_block(s) for s in bilan.orientation["series"]]
        + [_series_block(bilan.gender_bias["series"])],
    )
    _sheet(
        workbook,
        "Parcours",
        [_series_block(s) for s in bilan.referrals["series"] + bilan.outcomes["series"]],
    )
    if bilan.recruitment:
        _sheet(
            workbook,
            "Recrutement",
            [_series_block(s) for s in bilan.recruitment["series"]]
            + [_table_block(bilan.recruitment["table"])],
        )
    indicators = bilan.indicator_table()
    _sheet(
        workbook,
        "Indicateurs FSE+",
        [
            _table_block(indicators),
            (
                "Contrôles de cohérence",
                ["Règle", "Respectée", "Détail"],
                [
                    [c.label, "oui" if c.passed else "NON", c.detail]
                    for c in bilan.indicators.checks
                ],
            ),
            (
                "Visiteurs anonymes (hors participants)",
                ["Public", "Personnes"],
                [
                    ["Visiteurs du public", bilan.indicators.anonymous_visitors],
                    ["Professionnels de l'accompagnement", bilan.indicators.professionals],
                ],
            ),
        ],
    )
    budget = bilan.budget
    _sheet(
        workbook,
        "Budget",
        [
            (
                "Totaux",
                ["Élément", "Montant (€)"],
                [
                    ["Total annoncé", budget.announced_total],
                    ["Total des lignes de dépenses", budget.expenses_total],
                    ["Total des financements", budget.funding_total],
                    ["Part de la période dans le budget", float(budget.period_share)],
                    ["Dépenses rapportées à la période", budget.prorated_expenses],
                ],
            ),
            ("Écarts signalés", ["Écart"], [[flag] for flag in budget.flags] or [["aucun"]]),
            (
                "Coûts unitaires de la période",
                ["Coût", "Quantité", "Montant (€)"],
                [[c["label"], c["quantity"], c["cost"]] for c in budget.costs]
                or [[bilan.costs_note or "non calculés", "", ""]],
            ),
            _table_block(bilan.budget_table()),
        ],
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render(bilan: Bilan, fmt: str) -> bytes:
    if fmt == "json":
        return bilan_json(bilan)
    if fmt == "csv":
        return bilan_csv(bilan).encode()
    if fmt == "xlsx":
        return bilan_xlsx(bilan)
    if fmt == "pdf":
        from .pdf import bilan_pdf

        return bilan_pdf(bilan)
    raise ValueError(f"Format « {fmt} » inconnu. Formats : {', '.join(FORMATS)}.")
