"""Staff dashboard (coordinators and funders of the territory), its CSV and report downloads,
and the public impact page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from espaces.common.charts import bar_chart
from espaces.common.lazy import lazy_context
from espaces.reception.permissions import can_read_stats, staff_view
from espaces.territories.views import current_territory

from . import disclosure, services
from .bilan import add_summary, build_bilan_for, public_label
from .exports import CONTENT_TYPES, file_name, item_csv
from .exports import render as render_report
from .forms import CommentaryForm, StatsFilterForm
from .public import cached_public_impact, impact_key
from .selectors import Series


def _attachment(content, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _bilan(request):
    """The bilan of the filters, exact for coordinators and admins, protected by disclosure
    control for funders (espaces/stats/disclosure.py)."""
    territory = request.staff_territory
    exact = disclosure.sees_exact_figures(request.user)
    form = StatsFilterForm(request.GET or None, territory=territory, whole_territory=not exact)
    return form, build_bilan_for(territory=territory, filters=form.filters(), exact=exact)


def _chart(series: Series, query: str) -> dict:
    return {
        "id": f"graphique-{series.slug}",
        "series": series,
        "chart": bar_chart(
            title=series.title,
            description=series.description,
            items=[{"label": label, "value": value} for _, label, value in series.rows],
        ),
        "csv_url": reverse("stats:chart_csv", args=[series.slug]) + (f"?{query}" if query else ""),
    }


def _table(table, query: str) -> dict:
    url = reverse("stats:chart_csv", args=[table.slug]) + (f"?{query}" if query else "")
    return {"table": table, "csv_url": url}


SECTIONS = [
    ("chiffres-cles", _("Chiffres clés, comparaisons et objectifs")),
    ("frequentation", _("Fréquentation des Espaces")),
    ("evenements", _("Événements")),
    ("scolaires", _("Interventions scolaires")),
    ("orientation", _("Orientation et découverte des métiers")),
    ("parcours", _("Parcours : orientations et sorties")),
    ("recrutement", _("Recrutement")),
    ("indicateurs", _("Indicateurs communs FSE+ / FTJ")),
    ("budget", _("Budget et coût par bénéficiaire")),
]


@require_GET
@staff_view(can_read_stats)
def dashboard(request):
    form, bilan = _bilan(request)
    add_summary(bilan, exact=disclosure.sees_exact_figures(request.user))
    query = request.GET.urlencode()

    def charts(items):
        return [_chart(s, query) for s in items]

    return render(
        request,
        "stats/staff/dashboard.html",
        {
            "form": form,
            "bilan": bilan,
            "query": query,
            "public_label": public_label(bilan.filters.public),
            "visit_charts": charts(bilan.visits["series"]),
            "event_chart": _chart(bilan.events["series"], query),
            "orientation_charts": charts(bilan.orientation["series"]),
            "bias_chart": _chart(bilan.gender_bias["series"], query),
            "journey_charts": charts(bilan.referrals["series"] + bilan.outcomes["series"]),
            "recruitment_charts": charts(bilan.recruitment.get("series", [])),
            "tables": {t.slug.replace("-", "_"): _table(t, query) for t in bilan.tables()},
            "sections": [(a, t) for a, t in SECTIONS if a != "recrutement" or bilan.recruitment],
            "can_comment": disclosure.sees_exact_figures(request.user),
            "formats": [
                ("pdf", "PDF"),
                ("xlsx", gettext("Tableur (XLSX)")),
                ("csv", "CSV"),
                ("json", "JSON"),
            ],
        },
    )


@require_GET
@staff_view(can_read_stats)
def chart_csv(request, slug: str):
    form, bilan = _bilan(request)
    item = bilan.find(slug)
    if item is None:
        raise Http404("Graphique inconnu.")
    name = f"{slug}-{bilan.filters.date_from}-{bilan.filters.date_to}.csv"
    return _attachment(item_csv(item, demo=request.territory.demo_data), CONTENT_TYPES["csv"], name)


@require_GET
@staff_view(can_read_stats)
def bilan_download(request, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("Format inconnu : pdf, xlsx, csv ou json.")
    # The report files are documents for the funders: in French whatever the page's language,
    # like those of the `report` command (espaces/stats/pdf.py is not translated).
    with translation.override(settings.LANGUAGE_CODE):
        form, bilan = _bilan(request)
        if fmt in ("pdf", "xlsx", "json"):  # the summary page (comparisons, targets, commentary)
            add_summary(bilan, exact=disclosure.sees_exact_figures(request.user))
        content = render_report(bilan, fmt)
    return _attachment(content, CONTENT_TYPES[fmt], file_name(bilan, fmt))


@require_http_methods(["GET", "POST"])
@staff_view(can_read_stats)
def summary(request):
    """The report's summary page (key figures, comparisons, targets) and the commentary the
    coordinator writes before the export; funders read it, coordinators and admins write it."""
    form, bilan = _bilan(request)
    exact = disclosure.sees_exact_figures(request.user)
    add_summary(bilan, exact=exact)
    f = bilan.filters
    commentary_form = CommentaryForm(
        request.POST if request.method == "POST" else None, initial={"text": bilan.commentary}
    )
    if request.method == "POST":
        if not exact:
            raise PermissionDenied
        if commentary_form.is_valid():
            services.report_commentary_save(
                territory=request.staff_territory,
                user=request.user,
                date_from=f.date_from,
                date_to=f.date_to,
                text=commentary_form.cleaned_data["text"],
            )
            messages.success(request, gettext("Commentaire enregistré pour cette période."))
            return redirect(request.get_full_path())
    query = request.GET.urlencode()
    return render(
        request,
        "stats/staff/summary.html",
        {
            "form": form,
            "bilan": bilan,
            "query": query,
            "commentary_form": commentary_form,
            "can_comment": exact,
            "public_label": public_label(f.public),
        },
        status=422 if commentary_form.errors else 200,
    )


@require_GET
def impact(request):
    """The public figures. The page's content is a template fragment cached under the key of
    the figures (espaces/stats/public.py impact_key): the context is lazy, so a cached fragment
    costs one query (the visit months' versions) and nothing else."""
    territory = current_territory(request)

    def build() -> dict:
        data = cached_public_impact(territory=territory)
        charts = [
            {
                "id": f"graphique-{s.slug}",
                "slug": s.slug,
                "chart": bar_chart(title=s.title, description=s.description, items=s.chart_items()),
                "csv_url": reverse("impact:impact_csv", args=[s.slug]),
            }
            for s in data["series"]
        ]
        return {**data, "charts": charts}

    return render(
        request,
        "stats/public/impact.html",
        {
            **lazy_context(build, ("k", "filters", "headline", "series", "charts")),
            "impact_key": f"{impact_key(territory=territory)}:{'borne' if getattr(request, 'kiosk', False) else 'web'}",
        },
    )


@require_GET
def impact_csv(request, slug: str):
    import io

    from espaces.common.spreadsheet import csv_writer

    territory = current_territory(request)
    data = cached_public_impact(territory=territory)
    series = next((s for s in data["series"] if s.slug == slug), None)
    if series is None:
        raise Http404("Graphique inconnu.")
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([gettext("Identifiant"), gettext("Libellé"), gettext("Personnes")])
    writer.writerows(series.csv_rows())
    return _attachment(out.getvalue(), CONTENT_TYPES["csv"], f"impact-{slug}.csv")
