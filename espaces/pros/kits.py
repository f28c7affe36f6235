"""Printable resources for professionals, generated from the catalogue and the agenda:
a kit of job sheets by theme with QR codes, an A3 poster of a month's agenda per Espace, a
one-page presentation of the Espaces, and a newsletter-ready export of a month's sessions.

PDFs use fpdf2's core Helvetica font (Windows-1252, like the impact report: no font file to
ship); QR codes are drawn locally by segno."""

import calendar
import datetime as dt
import io

import segno
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from fpdf import FPDF

from espaces.catalogue.models import Metier
from espaces.catalogue.selectors import sectors_with_metiers
from espaces.events.conf import base_url
from espaces.events.enums import SessionStatus
from espaces.events.notifications import hour
from espaces.events.selectors import agenda_sessions
from espaces.stats.pdf import clean
from espaces.territories.models import Site

BRAND = "Espaces 20 000 emplois"
INK = (20, 40, 80)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def next_month(today: dt.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def month_sessions(*, territory, year: int, month: int, site=None):
    """Public sessions of the month (planned), soonest first."""
    first, last = month_bounds(year, month)
    now = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    return (
        agenda_sessions(territory=territory, site=site, date_from=first, date_to=last, now=now)
        .filter(status=SessionStatus.PLANNED)
        .prefetch_related(None)
    )


def _month_label(year: int, month: int) -> str:
    return formats.date_format(dt.date(year, month, 1), "F Y")


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


class KitPDF(FPDF):
    def __init__(self, title: str, *, format="A4", orientation="portrait"):
        super().__init__(orientation=orientation, unit="mm", format=format)
        self.core_fonts_encoding = "windows-1252"
        self.kit_title = title
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(15, 15, 15)
        self.set_title(clean(title))
        self.set_author(BRAND)
        self.set_lang("fr")

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        """Each block starts on a new line at the left margin."""
        kwargs.setdefault("new_x", "LMARGIN")
        kwargs.setdefault("new_y", "NEXT")
        return super().multi_cell(w, h, text, *args, **kwargs)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(100, 100, 100)
        self.cell(0, 5, clean(f"{BRAND} — {self.kit_title} — {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0, 0, 0)

    def title_block(self, text: str, size: int = 20):
        self.set_font("Helvetica", "B", size)
        self.set_text_color(*INK)
        self.multi_cell(0, size * 0.5, clean(text))
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def paragraph(self, text: str, size: int = 11, style: str = ""):
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, size * 0.5, clean(text))
        self.ln(1)


def kit_pdf(*, territory, sector) -> bytes:
    """One page per job sheet of the theme: title, summary, entry level, QR code to the sheet."""
    metiers = list(Metier.objects.filter(territory=territory, sectors=sector).order_by("title"))
    pdf = KitPDF(f"Kit métiers : {sector.name}")
    pdf.add_page()
    pdf.title_block(f"{sector.name} : les métiers près de chez vous", 22)
    pdf.paragraph(
        f"{len(metiers)} fiche(s) métier des {BRAND} ({territory.short_name}). Chaque fiche "
        "porte un QR code vers sa version en ligne, tenue à jour."
    )
    for metier in metiers:
        pdf.paragraph(f"- {metier.title}")
    for metier in metiers:
        url = base_url() + reverse("catalogue:detail", args=[metier.slug])
        pdf.add_page()
        pdf.title_block(metier.title)
        if metier.summary:
            pdf.paragraph(metier.summary)
        pdf.paragraph(f"Pour commencer : {metier.get_entry_level_display()}", style="B")
        if metier.open_without_diploma:
            pdf.paragraph("Accessible sans diplôme.")
        for heading, items in (
            ("Une journée de travail", metier.day_tasks),
            ("Ce qui plaît", metier.likes),
            ("Ce qui est difficile", metier.hard),
        ):
            if items:
                pdf.paragraph(heading, 12, "B")
                for item in items[:6]:
                    pdf.paragraph(f"- {item}", 10)
        y = max(pdf.get_y() + 4, 200)
        if y > 250:
            pdf.add_page()
            y = 30
        pdf.image(_qr_png(url), x=15, y=y, w=40, h=40, alt_text=clean(f"QR code : {url}"))
        pdf.set_xy(60, y + 12)
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, clean(f"La fiche en ligne : {url}"))
    return bytes(pdf.output())


def poster_pdf(*, territory, site, year: int, month: int) -> bytes:
    """An A3 poster of the month's public sessions at one Espace, with a QR code to the agenda."""
    sessions = list(month_sessions(territory=territory, year=year, month=month, site=site))
    label = _month_label(year, month)
    pdf = KitPDF(f"Agenda {label} — {site.name}", format="A3")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.title_block(f"{site.name}", 40)
    pdf.title_block(f"Le programme de {label}", 28)
    pdf.paragraph("Gratuit, ouvert à tous. Inscription en ligne ou à l'accueil de l'Espace.", 16)
    pdf.ln(4)
    if not sessions:
        pdf.paragraph("Le programme du mois est en préparation : consultez l'agenda en ligne.", 18)
    for session in sessions:
        start, end = timezone.localtime(session.start), timezone.localtime(session.end)
        when = f"{formats.date_format(start, 'l j F')}, {hour(start)} - {hour(end)}"
        pdf.set_font("Helvetica", "B", 18)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 9, clean(when.capitalize()))
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", "", 16)
        place = f" — {session.place_label}" if session.is_outside else ""
        pdf.multi_cell(0, 8, clean(f"{session.display_title}{place}"))
        pdf.ln(3)
    url = base_url() + reverse("events:agenda") + f"?site={site.slug}"
    if pdf.get_y() > 330:
        pdf.add_page()
    y = max(pdf.get_y() + 6, 330)
    pdf.image(_qr_png(url), x=20, y=y, w=55, h=55, alt_text=clean(f"QR code : {url}"))
    pdf.set_xy(85, y + 18)
    pdf.set_font("Helvetica", size=14)
    pdf.multi_cell(0, 7, clean(f"Tout l'agenda et les inscriptions : {url}"))
    return bytes(pdf.output())


def presentation_pdf(*, territory) -> bytes:
    """One page: what the Espaces are and, for each, the « Nous trouver » details the site
    fields hold (address, hours, transport, accessibility). Unknown facts are left out."""
    sites = list(Site.objects.filter(territory=territory).select_related("commune"))
    pdf = KitPDF(f"Les {BRAND}")
    pdf.add_page()
    pdf.title_block(f"Les {BRAND} — {territory.short_name}", 22)
    pdf.paragraph(
        "Des lieux publics et gratuits où des médiateurs et médiatrices informent sur les "
        "métiers qui recrutent près de chez vous, aident à s'orienter et orientent vers les "
        "services qui lèvent les freins (transport, garde d'enfants, logement, formation). "
        "Sans rendez-vous, sans condition."
    )
    pdf.paragraph(
        "Pour les professionnels : orientez une personne, demandez une intervention en classe "
        "ou une visite de groupe depuis la page « Professionnels » du site."
    )
    for site in sites:
        pdf.ln(2)
        pdf.paragraph(site.name, 14, "B")
        address = ", ".join(
            p for p in (site.address, site.commune.name if site.commune_id else "") if p
        )
        for label, value in (
            ("Adresse", address),
            ("Horaires", site.opening_hours),
            ("Accès", site.transport_access),
            ("Accessibilité", site.accessibility),
        ):
            if value:
                pdf.paragraph(f"{label} : {value}", 10)
    url = base_url() + reverse("pros:home")
    pdf.ln(2)
    y = min(max(pdf.get_y(), 200), 245)
    pdf.image(_qr_png(url), x=15, y=y, w=32, h=32, alt_text=clean(f"QR code : {url}"))
    pdf.set_xy(52, y + 10)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, clean(f"Espace professionnels : {url}"))
    return bytes(pdf.output())


def newsletter(*, territory, year: int, month: int) -> tuple[str, str]:
    """(text, HTML) of the month's public sessions, grouped by Espace, with their links."""
    sessions = list(month_sessions(territory=territory, year=year, month=month))
    label = _month_label(year, month)
    by_site: dict[str, list] = {}
    for session in sessions:
        by_site.setdefault(session.site.name if session.site_id else "", []).append(session)
    text = [f"{BRAND} — le programme de {label}", ""]
    html = [f"<h2>{escape(BRAND)} — le programme de {escape(label)}</h2>"]
    if not sessions:
        text.append("Le programme est en préparation.")
        html.append("<p>Le programme est en préparation.</p>")
    for site_name, items in by_site.items():
        text += [site_name, "-" * len(site_name)]
        html.append(f"<h3>{escape(site_name)}</h3><ul>")
        for session in items:
            start = timezone.localtime(session.start)
            when = f"{formats.date_format(start, 'l j F')} à {hour(start)}"
            url = base_url() + reverse("events:session", args=[session.pk])
            text.append(f"- {when.capitalize()} : {session.display_title} — {url}")
            html.append(
                f'<li>{escape(when.capitalize())} : <a href="{escape(url)}">'
                f"{escape(session.display_title)}</a></li>"
            )
        text.append("")
        html.append("</ul>")
    text.append(f"Gratuit, ouvert à tous. Tout l'agenda : {base_url()}{reverse('events:agenda')}")
    html.append(
        f'<p>Gratuit, ouvert à tous. <a href="{escape(base_url() + reverse("events:agenda"))}">'
        "Tout l'agenda</a></p>"
    )
    return "\n".join(text) + "\n", "\n".join(html) + "\n"


__all__ = ["kit_pdf", "newsletter", "poster_pdf", "presentation_pdf", "sectors_with_metiers"]
