"""Forms of the professionals' space (French labels; services do the real checks)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from espaces.events.enums import ClassLevel
from espaces.reception.thematiques import THEMATIQUE_CHOICES
from espaces.territories.models import Site

from .enums import ExceptionKind, ReferralStatus, RequestKind, RequestPlace, StructureKind
from .models import WEEKDAYS

REQUIRED = {"required": _("Ce champ est obligatoire.")}
DATE = {"type": "date"}
TIME = {"type": "time"}
PERIODS = 3


def _date(label, required=False):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages=REQUIRED | {"invalid": _("Date attendue (JJ/MM/AAAA).")},
    )


def _time(label, required=True):
    return forms.TimeField(
        label=label,
        required=required,
        widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
        error_messages=REQUIRED | {"invalid": _("Heure attendue (HH:MM).")},
    )


class RequestForm(forms.Form):
    """A teacher's or a structure's request; `kind` comes from the page (school or group)."""

    organisation_name = forms.CharField(
        label=_("Nom de l'établissement ou de la structure"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    uai = forms.CharField(
        label=_("Code UAI de l'établissement"),
        max_length=8,
        required=False,
        help_text=_(
            "7 chiffres et une lettre, exemple : 0590073J. Choisissez dans la liste ou tapez-le."
        ),
        widget=forms.TextInput(
            attrs={"list": "etablissements", "autocomplete": "off", "pattern": r"\d{7}[A-Za-z]"}
        ),
    )
    structure_kind = forms.ChoiceField(
        label=_("Type de structure"), choices=[("", "—")] + StructureKind.choices, required=False
    )
    level = forms.CharField(
        label=_("Niveau de la classe ou du groupe"), max_length=60, required=False
    )
    participants = forms.IntegerField(
        label=_("Nombre d'élèves ou de participants"),
        min_value=1,
        max_value=200,
        error_messages=REQUIRED,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    place = forms.ChoiceField(
        label=_("Vous souhaitez"),
        choices=RequestPlace.choices,
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    site = forms.ModelChoiceField(
        label=_("Espace le plus proche (facultatif)"), queryset=Site.objects.none(), required=False
    )
    topics = forms.CharField(
        label=_("Sujets ou métiers qui vous intéressent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accessibility_needs = forms.CharField(
        label=_("Besoins d'accessibilité (facultatif)"),
        required=False,
        help_text=_("Fauteuil roulant, malentendants, élèves allophones…"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contact_name = forms.CharField(
        label=_("Votre nom"),
        max_length=150,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.CharField(
        label=_("Votre adresse électronique"),
        max_length=254,
        error_messages=REQUIRED,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Votre téléphone (facultatif)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que l'Espace garde ces coordonnées pour organiser la séance (effacées "
            "24 mois après le dernier échange)."
        ),
        required=False,
    )

    def __init__(self, *args, kind: str, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["site"].queryset = Site.objects.filter(territory=territory)
        for i in range(1, PERIODS + 1):
            self.fields[f"period_{i}_from"] = _date(_("Période %(n)s : du") % {"n": i}, i == 1)
            self.fields[f"period_{i}_to"] = _date(_("au"), i == 1)
        if kind == RequestKind.SCHOOL:
            del self.fields["structure_kind"]
            self.fields["level"] = forms.ChoiceField(
                label=_("Niveau de la classe"),
                choices=[("", "—")] + ClassLevel.choices,
                required=False,
            )
            self.fields["organisation_name"].help_text = _(
                "Seulement si votre établissement n'est pas dans la liste."
            )
        else:
            del self.fields["uai"]

    def periods(self) -> list[dict]:
        data = self.cleaned_data
        out = []
        for i in range(1, PERIODS + 1):
            start, end = data.get(f"period_{i}_from"), data.get(f"period_{i}_to")
            if start or end:
                out.append({"from": start or end, "to": end or start})
        return out

    def period_fields(self):
        return [(self[f"period_{i}_from"], self[f"period_{i}_to"]) for i in range(1, PERIODS + 1)]


class ReferralForm(forms.Form):
    """A professional refers a person (account or structure link)."""

    first_name = forms.CharField(
        label=_("Prénom de la personne"),
        max_length=150,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    contact_phone = forms.CharField(
        label=_("Son téléphone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    contact_email = forms.CharField(
        label=_("Son adresse électronique"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"inputmode": "email", "autocomplete": "off"}),
    )
    site = forms.ModelChoiceField(
        label=_("Espace où la recevoir"), queryset=Site.objects.none(), error_messages=REQUIRED
    )
    needs = forms.MultipleChoiceField(
        label=_("Ses besoins"),
        choices=THEMATIQUE_CHOICES,
        required=False,
        help_text=_("Plusieurs choix possibles (touche Ctrl ou Cmd)."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reason = forms.CharField(
        label=_("Motif de l'orientation"),
        required=False,
        help_text=_("Quelques mots suffisent ; pas d'information de santé."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    preferred_times = forms.CharField(
        label=_("Moments qui lui conviennent"),
        max_length=300,
        required=False,
        help_text=_("Exemple : le mardi matin, après 16 h."),
    )
    referrer_name = forms.CharField(
        label=_("Votre nom (professionnel·le)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        label=_("J'ai lu le texte d'information à la personne : elle est d'accord."),
        required=False,
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(territory=territory)


class ProposeForm(forms.Form):
    slots = forms.MultipleChoiceField(
        label=_("Dates à proposer"), widget=forms.CheckboxSelectMultiple, error_messages=REQUIRED
    )

    def __init__(self, *args, free, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = [(f.key, f) for f in free]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Motif (transmis au demandeur)"), max_length=300)


class DoneForm(forms.Form):
    participants = forms.IntegerField(label=_("Participants venus"), min_value=0, max_value=500)
    accompanying = forms.IntegerField(label=_("Encadrants venus"), min_value=0, max_value=50)


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("La séance vous a-t-elle plu ?"),
        choices=[(4, _("Énormément")), (3, _("Beaucoup")), (2, _("Un peu")), (1, _("Pas du tout"))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    useful = forms.ChoiceField(
        label=_("Était-elle utile pour votre classe ou votre groupe ?"),
        choices=[("oui", _("Oui")), ("peut_etre", _("En partie")), ("non", _("Non"))],
        required=False,
        widget=forms.RadioSelect,
    )
    again = forms.ChoiceField(
        label=_("Referiez-vous une demande ?"),
        choices=[("oui", _("Oui")), ("peut_etre", _("Peut-être")), ("non", _("Non"))],
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Un mot pour l'équipe (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("Nouveau statut"), choices=ReferralStatus.choices)
    oriented_to = forms.CharField(label=_("Orientée vers"), max_length=200, required=False)


class SlotForm(forms.Form):
    mediator = forms.ModelChoiceField(label=_("Médiateur·rice"), queryset=None)
    site = forms.ModelChoiceField(label=_("Espace"), queryset=Site.objects.none())
    weekday = forms.TypedChoiceField(label=_("Jour"), choices=WEEKDAYS, coerce=int)
    start_time = _time(_("De"))
    end_time = _time(_("À"))
    valid_from = _date(_("À partir du (facultatif)"))
    valid_until = _date(_("Jusqu'au (facultatif)"))

    def __init__(self, *args, territory, mediators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = mediators
        self.fields["site"].queryset = Site.objects.filter(territory=territory)


class ExceptionForm(forms.Form):
    mediator = forms.ModelChoiceField(label=_("Médiateur·rice"), queryset=None)
    kind = forms.ChoiceField(label=_("Nature"), choices=ExceptionKind.choices)
    date = _date(_("Date"), True)
    site = forms.ModelChoiceField(
        label=_("Espace (pour une disponibilité en plus)"),
        queryset=Site.objects.none(),
        required=False,
    )
    start_time = _time(_("De (vide : toute la journée)"), False)
    end_time = _time(_("À"), False)
    note = forms.CharField(label=_("Remarque"), max_length=200, required=False)

    def __init__(self, *args, territory, mediators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = mediators
        self.fields["site"].queryset = Site.objects.filter(territory=territory)


class StructureLinkForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Structure"), queryset=None)
    label = forms.CharField(label=_("Pour (service, équipe)"), max_length=200, required=False)

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        from espaces.territories.models import Partner

        self.fields["organisation"].queryset = Partner.objects.filter(territory=territory)
