"""The « guide de style » page of the team (docs/design.md): the tokens and every component,
rendered through the site's real templates and includes with the territory's own data."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from espaces.catalogue.models import Metier
from espaces.common.pictograms import FALLBACKS, PICTOS
from espaces.events.permissions import staff_required
from espaces.services.models import Service
from espaces.territories.enums import ProjectStatus
from espaces.territories.models import HeadlineFigure, Photo, Project, Source

COLOUR_TOKENS = [
    "ink", "muted", "bg", "soft", "line", "brand", "brand-dark", "accent",
    "ok", "warn", "bad", "focus", "brand-tint", "accent-tint",
]  # fmt: skip
SPACE_TOKENS = [f"space-{n}" for n in range(1, 9)]
TEXT_TOKENS = ["text-sm", "text-base", "text-md", "text-lg", "text-xl", "text-2xl", "text-3xl"]


class ExampleForm(forms.Form):
    """A form of the guide, bound with wrong values so that its errors show."""

    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    email = forms.EmailField(
        label=_("Adresse électronique"), help_text=_("Pour vous envoyer la confirmation.")
    )
    consent = forms.BooleanField(label=_("J'accepte d'être recontacté·e"))


@staff_required
def styleguide(request):
    territory = request.staff_territory
    metier = (
        Metier.objects.filter(territory=territory).prefetch_related("sectors").order_by("slug")
    ).first()
    service = (
        Service.objects.filter(territory=territory).select_related("structure").order_by("slug")
    ).first()
    figure = (
        HeadlineFigure.objects.filter(territory=territory)
        .select_related("source")
        .order_by("kind", "order")
        .first()
    )
    source = Source.objects.filter(territory=territory).exclude(url="").order_by("slug").first()
    photo = Photo.objects.filter(territory=territory).select_related("media").first()
    statuses = [Project(status=value, horizon="2030") for value in ProjectStatus.values]
    pictos = sorted(PICTOS.items())
    form = ExampleForm(data={"first_name": "", "email": "pas-une-adresse"})
    form.is_valid()
    table = {
        "title": _("Exemple de tableau : visites par Espace"),
        "columns": [_("Espace"), _("Visites"), _("Dont professionnels")],
        "rows": [["Espace A", "1 204", "87"], ["Espace B", "642", "35"]],
        "description": _("Chiffres d'exemple pour montrer le composant."),
    }
    return render(
        request,
        "common/styleguide.html",
        {
            "colours": COLOUR_TOKENS,
            "spaces": SPACE_TOKENS,
            "texts": TEXT_TOKENS,
            "metier": metier,
            "service": service,
            "figure": figure,
            "source": source,
            "photo": photo,
            "statuses": statuses,
            "pictos": pictos,
            "fallbacks": sorted(FALLBACKS.items()),
            "form": form,
            "table": table,
        },
    )
