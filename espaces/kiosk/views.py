"""The kiosk's entry and reset pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.translation import gettext as _
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
