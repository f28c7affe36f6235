from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext

from espaces.common.charts import bar_chart

from .selectors import headline_figures_for, projects_for, sites_for


def current_territory(request):
    territory = request.territory
    if not territory:
        raise Http404("Aucun territoire n'est chargé : lancez « espaces load_pack ».")
    return territory


def home(request):
    territory = current_territory(request)
    projects = sorted(
        projects_for(territory=territory),
        key=lambda p: -(p.headline_jobs.value if p.headline_jobs else 0),
    )
    figures = list(headline_figures_for(territory=territory))
    chart = bar_chart(
        title=gettext("Emplois annoncés par projet"),
        description=(
            gettext(
                "Emplois directs annoncés par chaque projet, ou à défaut emplois en exploitation "
                "ou au pic du chantier. Ce sont des annonces, pas des emplois déjà créés."
            )
        ),
        items=[
            {
                "label": p.name,
                "value": p.headline_jobs.value,
                "muted": p.is_suspended,
                "note": p.get_status_display(),
            }
            for p in projects
            if p.headline_jobs
        ],
    )
    return render(
        request,
        "territories/public/home.html",
        {
            "projects": projects,
            "chart": chart,
            "components": [f for f in figures if f.kind == "component"],
            "other_figures": [f for f in figures if f.kind == "other"],
            "headline_sources": territory.headline_sources.all(),
            "sites": sites_for(territory=territory),
        },
    )


def projects(request):
    territory = current_territory(request)
    return render(
        request,
        "territories/public/projects.html",
        {"projects": projects_for(territory=territory)},
    )
