"""The simulator's form: a household, today's situation and up to three jobs (docs/gains.md).
Nothing typed here is stored."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import MAX_CHILDREN, Household, Person
from .enums import AGE_OF_BAND, AgeBand, CurrentSituation, Housing

YES_NO = [("non", _("Non")), ("oui", _("Oui"))]
MAX_JOBS = 3


def _number(label, *, required=False, max_value=20000, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=max_value,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
        error_messages={
            "invalid": _("Écrivez un nombre, par exemple 1200."),
            "max_value": _("Ce montant est trop élevé."),
            "min_value": _("Ce montant ne peut pas être négatif."),
        },
    )


class SimulatorForm(forms.Form):
    couple = forms.ChoiceField(
        label=_("Vivez-vous en couple ?"), choices=YES_NO, widget=forms.RadioSelect, initial="non"
    )
    children_ages = forms.CharField(
        label=_("Âge de chaque enfant à charge"),
        required=False,
        max_length=60,
        help_text=_("Séparés par des virgules, par exemple : 3, 7. Laissez vide sans enfant."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    housing = forms.ChoiceField(
        label=_("Votre logement"),
        choices=Housing.choices,
        widget=forms.RadioSelect,
        initial=Housing.TENANT,
    )
    rent = _number(
        _("Loyer par mois, sans les charges (en euros)"),
        max_value=5000,
        help_text=_("Seulement si vous êtes locataire."),
    )
    commune = forms.ChoiceField(label=_("Votre commune"))
    age_band = forms.ChoiceField(label=_("Votre âge"), choices=AgeBand.choices)
    situation = forms.ChoiceField(
        label=_("Aujourd'hui, vous vivez de…"),
        choices=CurrentSituation.choices,
        widget=forms.RadioSelect,
        initial=CurrentSituation.NO_INCOME,
    )
    are_daily = _number(
        _("Montant de votre allocation chômage par jour, si vous le connaissez (en euros)"),
        max_value=300,
        help_text=_("Il est écrit sur votre avis de France Travail."),
    )
    gross_1 = _number(_("Salaire brut par mois de l'emploi (en euros)"), required=True)
    gross_2 = _number(_("Un deuxième salaire à comparer (facultatif)"))
    gross_3 = _number(_("Un troisième salaire à comparer (facultatif)"))
    metier = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [(c.insee, c.name) for c in communes]

    def clean_children_ages(self):
        text = self.cleaned_data.get("children_ages", "").strip()
        if not text:
            return ()
        parts = [p for p in re.split(r"[,;\s]+", text) if p]
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(
                _("Écrivez seulement des âges en chiffres, séparés par des virgules.")
            )
        ages = tuple(int(p) for p in parts)
        if len(ages) > MAX_CHILDREN:
            raise forms.ValidationError(_("Indiquez 8 enfants au plus."))
        if any(age > 25 for age in ages):
            raise forms.ValidationError(_("Un enfant à charge a 25 ans au plus."))
        return ages

    def clean(self):
        data = super().clean()
        if data.get("housing") == Housing.TENANT and not data.get("rent"):
            self.add_error("rent", _("Indiquez votre loyer : il compte pour l'aide au logement."))
        return data

    def household(self) -> Household:
        data = self.cleaned_data
        return Household(
            couple=data["couple"] == "oui",
            children_ages=data["children_ages"],
            housing=data["housing"],
            rent=float(data.get("rent") or 0) if data["housing"] == Housing.TENANT else 0.0,
            commune=data["commune"],
        )

    def person(self) -> Person:
        data = self.cleaned_data
        are = float(data.get("are_daily") or 0) if data["situation"] == CurrentSituation.ARE else 0
        return Person(age=AGE_OF_BAND[data["age_band"]], are_daily=are)

    def salaries(self) -> list[float]:
        return [
            float(self.cleaned_data[f"gross_{n}"])
            for n in range(1, MAX_JOBS + 1)
            if self.cleaned_data.get(f"gross_{n}")
        ]
