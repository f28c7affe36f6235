"""The bilan as a PDF (fpdf2, pure Python): headline figures, charts drawn as bars, tables,
ESF+ indicators with their checks, and the budget.

The PDF uses the standard Helvetica font with the Windows-1252 encoding (WinAnsiEncoding):
every French letter, « », € and œ print without shipping a font file; the few signs outside
that encoding (≤, ≠, narrow spaces) are written in plain characters."""

from decimal import Decimal

from fpdf import FPDF
from fpdf.fonts import FontFace

from .bilan import Bilan
from .budget import euros_text
from .indicators import GENDER_COLUMNS
from .selectors import Series, Table, format_day

BRAND = (31, 75, 153)
MUTED = (110, 110, 125)
REPLACEMENTS = str.maketrans(
    {
        "\u202f": "\u00a0",
        "≤": "<=",
        "≥": ">=",
        "≠": "!=",
        "→": "->",
        "×": "x",
        "\u2011": "-",
    }
)


def clean(text) -> str:
    """Text the core fonts can print (Windows-1252), unknown signs shown as « ? »."""
    text = str(text).translate(REPLACEMENTS)
    return text.encode("cp1252", "replace").decode("cp1252")


class BilanPDF(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.bilan_title = title
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(15, 15, 15)
        self.set_title(clean(title))
        self.set_author("Espaces 20 000 emplois")
        self.set_lang("fr")

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, clean(f"{self.bilan_title} — page {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0, 0, 0)

    # --- building blocks ---------------------------------------------------------------------
    def heading(self, text: str, level: int = 1):
        if self.will_page_break(20):
            self.add_page()
        self.ln(3 if level > 1 else 5)
        self.set_font("Helvetica", "B", 15 if level == 1 else 12)
        self.set_text_color(*BRAND)
        self.multi_cell(0, 7, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def paragraph(self, text: str, size: int = 9, muted: bool = False):
        self.set_font("Helvetica", size=size)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, 4.6, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def rows_table(self, header: list[str], rows: list[list], widths=None, size: int = 8):
        self.set_font("Helvetica", size=size)
        self.set_fill_color(255, 255, 255)
        headings = FontFace(emphasis="BOLD", fill_color=(230, 235, 245))
        with self.table(
            col_widths=widths,
            headings_style=headings,
            line_height=4.4,
            text_align="LEFT",
            first_row_as_headings=True,
        ) as table:
            row = table.row()
            for name in header:
                row.cell(clean(name))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(clean("" if value is None else value))
        self.ln(2)

    def bar_chart(self, series: Series, limit: int = 12):
        """Horizontal bars with their value: a chart that prints in black and white too."""
        rows = [r for r in series.rows if r[2]][:limit] or series.rows[:limit]
        label_w, bar_w, line_h = 62, 95, 5.6
        if self.will_page_break(line_h * len(rows) + 28):
            self.add_page()
        self.heading(series.title, level=2)
        self.paragraph(series.description, size=8, muted=True)
        if not rows:
            self.paragraph("Aucune donnée pour la période.")
            return
        maximum = max(value for _, _, value in rows) or 1
        self.set_font("Helvetica", size=8)
        for _, label, value in rows:
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(label_w, line_h, clean(label)[:48], align="R")
            width = max(0.6, bar_w * value / maximum)
            self.set_fill_color(*BRAND)
            self.rect(self.l_margin + label_w + 2, y + 1, width, line_h - 2, style="F")
            self.set_xy(self.l_margin + label_w + 4 + width, y)
            self.cell(20, line_h, clean(_number(value)))
            self.ln(line_h)
        self.set_fill_color(255, 255, 255)
        self.ln(2)

    def table_block(self, table: Table, widths=None):
        self.heading(table.title, level=2)
        if table.description:
            self.paragraph(table.description, size=8, muted=True)
        if not table.rows:
            self.paragraph("Aucune donnée pour la période.")
            return
        self.rows_table(table.columns, table.rows, widths=widths)


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", "\u00a0")


def eu_cover(pdf: FPDF, territory=None) -> None:
    """The EU emblem and « Cofinancé par l'Union européenne » at the top of the first page
    (Regulation (EU) 2021/1060, Annex IX; docs/eu-visibility.md), then the managing
    authority's and the beneficiary's marks: their logo when the pack ships it, else their
    name as text."""
    import io

    from espaces.common.eu_visibility import emblem_png, mark_image_bytes, marks

    top = pdf.get_y()
    pdf.image(io.BytesIO(emblem_png(height=120)), x=pdf.l_margin, y=top, h=14)
    pdf.set_xy(pdf.l_margin + 24, top + 4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 6, clean("Cofinancé par l'Union européenne"))
    pdf.set_xy(pdf.l_margin, top + 18)
    shown = marks(territory) if territory is not None else []
    if shown:
        pdf.set_font("Helvetica", size=9)
        for mark in shown:
            image = mark_image_bytes(mark)
            if image is not None:
                try:
                    pdf.image(io.BytesIO(image[0]), x=pdf.l_margin, y=pdf.get_y(), h=10)
                    pdf.set_y(pdf.get_y() + 11)
                    continue
                except Exception:  # noqa: BLE001 - an unreadable logo falls back to its name
                    pass
            pdf.multi_cell(
                0,
                4.6,
                clean(f"{mark['role_label']} : {mark['name']}"),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        pdf.ln(2)


def bilan_pdf(bilan: Bilan) -> bytes:
    f = bilan.filters
    from .exports import DEMO_EXPLANATION, DEMO_MENTION, is_demo

    demo = is_demo(bilan.territory)
    title = f"Bilan {bilan.territory.short_name or bilan.territory.name}"
    if demo:  # in every page's footer
        title += f" — {DEMO_MENTION}"
    pdf = BilanPDF(title)
    pdf.add_page()
    if bilan.territory.eu_cofunded:
        eu_cover(pdf, bilan.territory)
    if demo:
        pdf.set_font("Helvetica", "B", 12)
        pdf.set_text_color(170, 0, 0)
        pdf.multi_cell(0, 7, clean(DEMO_EXPLANATION), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_text_color(*BRAND)
    pdf.multi_cell(
        0,
        9,
        clean(f"Espaces 20 000 emplois — {bilan.territory.name}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", "B", 14)
    pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(0, 7, clean(f"Bilan {f.label()}"), new_x="LMARGIN", new_y="NEXT")
    pdf.paragraph(
        f"Document produit le {format_day(bilan.generated_on)} par l'application des Espaces. "
        "Chiffres agrégés, sans aucune donnée personnelle. Un groupe de N personnes compte N "
        "visiteurs ; les professionnels de l'accompagnement sont comptés à part.",
        muted=True,
    )

    pdf.heading("Synthèse : chiffres clés")
    pdf.rows_table(["Chiffre", "Valeur"], bilan.headline_rows(), widths=(130, 50), size=8)
    for title, header, rows in bilan.summary_blocks():
        pdf.heading(title, level=2)
        if len(header) == 6:
            pdf.rows_table(header, rows, widths=(52, 22, 31, 18, 31, 18), size=7)
        elif len(header) == 4:
            pdf.rows_table(header, rows, widths=(90, 32, 30, 28), size=8)
        else:
            pdf.paragraph(rows[0][0])
    pdf.add_page()

    pdf.heading("Fréquentation des Espaces")
    for series in bilan.visits["series"]:
        pdf.bar_chart(series)
    pdf.table_block(bilan.visits["month_table"], widths=(60, 60, 60))

    pdf.heading("Événements et interventions scolaires")
    pdf.bar_chart(bilan.events["series"])
    pdf.table_block(bilan.events["table"], widths=(40, 14, 14, 16, 16, 16, 15, 15, 18, 16))
    pdf.paragraph(
        f"Interventions scolaires : {bilan.schools['interventions']} dans "
        f"{bilan.schools['schools']} établissements distincts, {bilan.schools['pupils']} élèves."
    )
    pdf.table_block(bilan.schools["table"], widths=(70, 22, 28, 30, 30))

    pdf.heading("Orientation et découverte des métiers")
    for series in bilan.orientation["series"]:
        pdf.bar_chart(series)
    share = bilan.gender_bias["women_share"]
    pdf.bar_chart(bilan.gender_bias["series"])
    pdf.paragraph(
        "Part des femmes parmi les personnes suivies ayant exploré un métier industriel : "
        + (f"{share * 100:.1f} %".replace(".", ",") if share is not None else "non calculable")
        + ". Le genre ne vient jamais du questionnaire : il est celui du dossier de suivi "
        "(définition dans docs/indicators.md)."
    )

    pdf.heading("Parcours : orientations vers les partenaires et sorties")
    for series in bilan.referrals["series"] + bilan.outcomes["series"]:
        pdf.bar_chart(series)

    if bilan.recruitment:
        pdf.heading("Recrutement : offres, candidatures relayées et embauches")
        for series in bilan.recruitment["series"]:
            pdf.bar_chart(series)
        pdf.table_block(bilan.recruitment["table"], widths=(70, 28, 22, 30, 30))

    pdf.add_page()
    pdf.heading("Indicateurs communs FSE+ / FTJ (règlement (UE) 2021/1057)")
    pdf.paragraph(
        f"Participants : {bilan.indicators.participants} personnes dont le dossier de suivi a été "
        "ouvert dans la période (personnes identifiées). Les résultats sont ceux de ces mêmes "
        "participants, connus à la date du document. Visiteurs anonymes, qui ne sont pas des "
        f"participants : {bilan.indicators.anonymous_visitors} visiteurs du public et "
        f"{bilan.indicators.professionals} professionnels.",
    )
    header = ["Code", "Indicateur"] + [label for _, _, label in GENDER_COLUMNS] + ["Total"]
    for group, values in bilan.indicator_groups:
        rows = []
        for value in values:
            cells = (
                [value.values[key] for key, _, _ in GENDER_COLUMNS] + [value.total]
                if value.collected
                else ["non collecté"] + [""] * len(GENDER_COLUMNS)
            )
            rows.append([value.code, value.label, *cells])
        pdf.heading(group, level=2)
        pdf.rows_table(header, rows, widths=(15, 75, 16, 16, 18, 22, 18), size=7)
    pdf.heading("Contrôles de cohérence", level=2)
    pdf.rows_table(
        ["Règle", "Résultat", "Détail"],
        [
            [c.label, "respectée" if c.passed else "NON RESPECTÉE", c.detail]
            for c in bilan.indicators.checks
        ],
        widths=(95, 25, 60),
    )

    pdf.heading("Budget et coût par bénéficiaire")
    budget = bilan.budget
    if not budget.exists:
        pdf.paragraph("Aucun budget chargé pour cette période (pack, fichier budget.yaml).")
    else:
        pdf.rows_table(
            ["Élément", "Montant"],
            [
                ["Total annoncé", euros_text(budget.announced_total)],
                ["Total des lignes de dépenses", euros_text(budget.expenses_total)],
                ["Total des financements", euros_text(budget.funding_total)],
                [
                    "Part de la période dans le budget",
                    f"{float(budget.period_share) * 100:.1f} %".replace(".", ","),
                ],
                ["Dépenses rapportées à la période", euros_text(budget.prorated_expenses)],
            ],
            widths=(120, 60),
            size=9,
        )
        for flag in budget.flags:
            pdf.paragraph(f"Écart signalé : {flag}")
        if budget.costs:
            pdf.rows_table(
                ["Coût unitaire (dépenses de la période ÷ quantité)", "Quantité", "Coût"],
                [[c["label"], _number(c["quantity"]), euros_text(c["cost"])] for c in budget.costs],
                widths=(110, 30, 40),
                size=9,
            )
        elif bilan.costs_note:
            pdf.paragraph(bilan.costs_note, muted=True)
        lines = bilan.budget_table()
        lines.rows = [[*row[:-1], euros_text(Decimal(row[-1]))] for row in lines.rows]
        pdf.table_block(lines, widths=(42, 22, 58, 30, 28))
        sources = {b["source"] for b in budget.budgets if b["source"]}
        if sources:
            pdf.paragraph("Source du budget : " + ", ".join(sorted(sources)) + ".", muted=True)
    return bytes(pdf.output())
