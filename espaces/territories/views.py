from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control

from espaces.common.charts import bar_chart

from .enums import ProjectStatus
from .identity import theme_css
from .models import PackMedia
from .selectors import headline_figures_for, projects_for, site_for, sites_for
from .site_hours import upcoming_exceptions, weekly_rows


def current_territory(request):
    territory = request.territory
    if not territory:
        raise Http404("Aucun territoire n'est chargé : lancez « espaces load_pack ».")
    return territory


# Firm and near-term first: a plant producing or being built before an announcement.
STATUS_RANK = {
    ProjectStatus.EN_PRODUCTION: 0,
    ProjectStatus.EN_CONSTRUCTION: 1,
    ProjectStatus.EN_PREPARATION: 2,
    ProjectStatus.ANNONCE: 3,
}


def recruiting_order(project) -> tuple:
    jobs = project.headline_jobs
    return (STATUS_RANK.get(project.status, 9), -(jobs.value if jobs else 0), project.name)


def _home_data(territory) -> dict:
    all_projects = list(projects_for(territory=territory))
    recruiting = sorted((p for p in all_projects if not p.is_suspended), key=recruiting_order)
    figures = list(headline_figures_for(territory=territory))
    chart = bar_chart(
        title=gettext("Emplois annoncés par projet"),
        description=(
            gettext(
                "Emplois directs annoncés par chaque projet en cours, ou à défaut emplois en "
                "exploitation ou au pic du chantier. Ce sont des annonces, pas des emplois déjà "
                "créés. Les projets suspendus ou en pause ne sont pas comptés."
            )
        ),
        items=[
            {
                "label": p.name,
                "value": p.headline_jobs.value,
                "note": " ".join(filter(None, [str(p.get_status_display()), p.horizon_phrase])),
            }
            for p in sorted(
                recruiting, key=lambda p: -p.headline_jobs.value if p.headline_jobs else 0
            )
            if p.headline_jobs
        ],
    )
    return {
        "projects": recruiting,
        "stopped_projects": [p for p in all_projects if p.is_suspended],
        "chart": chart,
        "components": [f for f in figures if f.kind == "component"],
        "other_figures": [f for f in figures if f.kind == "other"],
    }


def home(request):
    """The territory's home page. Its content is one template fragment cached by content
    version and language (templates/territories/public/home.html): the context is lazy, so a
    fragment found in the cache costs no query and builds no model instance."""
    if getattr(request, "kiosk", False):
        # A kiosk's home is its start screen (espaces/kiosk), at the same address.
        from espaces.kiosk.views import start_screen

        return start_screen(request)
    territory = current_territory(request)
    data = SimpleLazyObject(lambda: _home_data(territory))
    return render(
        request,
        "territories/public/home.html",
        {
            **{
                key: SimpleLazyObject(lambda key=key: data[key])
                for key in ("projects", "stopped_projects", "chart", "components", "other_figures")
            },
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


def sites(request):
    """« Nous trouver »: every Espace of the territory."""
    territory = current_territory(request)
    return render(
        request,
        "territories/public/sites.html",
        {"sites": sites_for(territory=territory)},
    )


def site_detail(request, slug: str):
    """« Nous trouver » one Espace: address, hours, contact, access, accessibility."""
    territory = current_territory(request)
    site = site_for(territory=territory, slug=slug)
    if site is None:
        raise Http404("Cet Espace n'existe pas.")
    today = timezone.localdate()
    return render(
        request,
        "territories/public/site.html",
        {
            "site": site,
            "week": weekly_rows(site),
            "exceptions": upcoming_exceptions(site, today=today),
            "other_sites": [s for s in sites_for(territory=territory) if s.pk != site.pk],
        },
    )


@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def theme(request):
    """/theme.css?v=…: the territory's colours (pack identity) as custom properties. A
    stylesheet rather than a style attribute: the Content-Security-Policy forbids those."""
    territory = request.territory
    css = theme_css(territory) if territory else ""
    return HttpResponse(css, content_type="text/css; charset=utf-8")


# Even opened on its own, an image of a pack runs nothing and loads nothing.
MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def media(request, path):
    """/medias/<path>?v=…: a logo or photo of the territory's pack, from the database."""
    territory = current_territory(request)
    item = (
        PackMedia.objects.filter(territory=territory, path=path)
        .only("content_type", "data", "sha256")
        .first()
    )
    if item is None:
        raise Http404("Image inconnue.")
    response = HttpResponse(bytes(item.data), content_type=item.content_type)
    if request.GET.get("v") == item.sha256[:12]:
        patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    response["Content-Security-Policy"] = MEDIA_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response
