"""The kiosk's entry and reset pages."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from espaces.orientation.selectors import site_for
from espaces.territories.views import current_territory

from .session import forget_language, kiosk_reset, kiosk_start, kiosk_state, kiosk_stop


@never_cache
def start(request):
    """/borne/?site=<slug>: this screen becomes a kiosk (of that Espace), from a clean state."""
    territory = current_territory(request)
    site = site_for(territory=territory, slug=request.GET.get("site", "")) if territory else None
    request.session.flush()
    kiosk_start(request, site=site.slug if site else "")
    return forget_language(redirect("territories:home"))


@never_cache
def reset(request):
    """Where the kiosk's timer and its « Effacer et recommencer » button lead: the visitor is
    forgotten. Outside kiosk mode it changes nothing (a link cannot log anyone out)."""
    if kiosk_state(request) is None:
        return redirect("territories:home")
    kiosk_reset(request)
    messages.info(request, _("Tout a été effacé. La borne est prête pour la personne suivante."))
    return forget_language(redirect("territories:home"))


@never_cache
def stop(request):
    """/borne/quitter/ (typed by the team, never linked): back to a normal browser session."""
    if kiosk_state(request) is not None:
        kiosk_stop(request)
    return redirect("territories:home")


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (printable sheets, admin)."""
    return redirect(static("espaces/favicon.svg"), permanent=True)


# The start screen's tiles: (pictogram slug, URL name, title, one plain sentence).
TILES = [
    (
        "metiers",
        "catalogue:list",
        gettext_lazy("Trouver un métier"),
        gettext_lazy("Les métiers qui recrutent ici, expliqués simplement."),
    ),
    (
        "orientation",
        "orientation:start",
        gettext_lazy("Ce qui me ressemble"),
        gettext_lazy("Quelques questions pour trouver des métiers faits pour vous."),
    ),
    (
        "lever-les-freins",
        "services:search",
        gettext_lazy("Lever un frein"),
        gettext_lazy(
            "Transport, garde d'enfants, logement, formation : de l'aide près de chez vous."
        ),
    ),
    (
        "agenda",
        "events:agenda",
        gettext_lazy("Les prochains ateliers"),
        gettext_lazy("Découvrir un métier, rencontrer une entreprise, essayer un casque."),
    ),
    (
        "nous-trouver",
        "territories:sites",
        gettext_lazy("Nous trouver"),
        gettext_lazy("Les adresses et les horaires des Espaces."),
    ),
    (
        "et-si-je-travaillais",
        "gains:simulator",
        gettext_lazy("Et si je travaillais ?"),
        gettext_lazy("Ce que vous gagneriez avec un salaire, aides comprises."),
    ),
]


def start_screen(request):
    """What a kiosk shows at « / »: a few very large tiles instead of the territory's page."""
    territory = current_territory(request)
    state = kiosk_state(request) or {}
    site = site_for(territory=territory, slug=state["site"]) if state.get("site") else None
    tiles = [
        {"slug": slug, "url": reverse(name), "title": title, "text": text}
        for slug, name, title, text in TILES
    ]
    return render(request, "kiosk/start.html", {"tiles": tiles, "site": site})
