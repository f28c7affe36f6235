"""The dashboard's filters: period, Espace, public. Bad input never raises: the form says what
is wrong and the page falls back to the default period."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.common.enums import PublicCategory
from espaces.territories.models import Site

from .selectors import StatsFilter


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last complete semester (January–June or July–December)."""
    today = today or timezone.localdate()
    if today.month >= 7:
        return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30)
    return dt.date(today.year - 1, 7, 1), dt.date(today.year - 1, 12, 31)


class StatsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Au (inclus)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    site = forms.ModelChoiceField(
        label=_("Espace"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Tous les espaces"),
        to_field_name="slug",
    )
    public = forms.ChoiceField(
        label=_("Public"),
        required=False,
        choices=[("", _("Tous les publics")), *PublicCategory.choices],
        help_text=_("S'applique aux visites et aux inscriptions aux événements."),
    )

    def __init__(self, *args, territory, whole_territory: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if whole_territory:
            # readers without access to personal files: the whole territory and every public
            # (docs/stats.md, « Disclosure control »)
            del self.fields["site"]
            del self.fields["public"]
        if "site" in self.fields:
            self.fields["site"].queryset = Site.objects.filter(territory=territory).order_by(
                "opened_on", "name"
            )
        start, end = default_period()
        self.fields["date_from"].widget.attrs["placeholder"] = start.isoformat()
        self.fields["date_to"].widget.attrs["placeholder"] = end.isoformat()

    def clean(self):
        data = super().clean()
        start, end = default_period()
        data["date_from"] = data.get("date_from") or start
        data["date_to"] = data.get("date_to") or end
        if data["date_to"] < data["date_from"]:
            self.add_error("date_to", gettext("La fin de la période doit suivre son début."))
        elif (data["date_to"] - data["date_from"]).days > 366 * 5:
            self.add_error("date_to", gettext("Choisissez une période de cinq ans au plus."))
        return data

    def filters(self) -> StatsFilter:
        """The valid filters, or the default period when the input is wrong."""
        if self.is_valid():
            data = self.cleaned_data
            return StatsFilter(
                date_from=data["date_from"],
                date_to=data["date_to"],
                site=data.get("site"),
                public=data.get("public") or "",
            )
        start, end = default_period()
        return StatsFilter(date_from=start, date_to=end)


class CommentaryForm(forms.Form):
    text = forms.CharField(
        label=_("Commentaire de la coordination"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ce qui explique les chiffres de la période (ouverture d'un espace, fermeture, "
            "événement…). Il figure sur la page de synthèse du PDF et du tableur. Aucune donnée "
            "personnelle. Laissez vide pour l'effacer."
        ),
    )
