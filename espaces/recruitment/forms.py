"""Forms of the employer's space, the candidacy proposal and the employer's answer. Offers
are checked by OfferRules, like the API and the imports."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.events.models import Session
from espaces.territories.enums import PartnerKind
from espaces.territories.models import Commune, Partner

from .enums import CandidacyStatus, Contract, RecruitmentMethod, RejectionReason
from .offer_rules import OfferRules
from .selectors import open_offers_for_proposal
from .states import next_statuses

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfferForm(forms.Form):
    employer = forms.ModelChoiceField(
        label=_("Employeur"), queryset=Partner.objects.none(), empty_label=_("Choisissez")
    )
    title = forms.CharField(label=_("Intitulé du poste"), max_length=200)
    rome_codes = forms.CharField(
        label=_("Codes ROME"),
        max_length=100,
        help_text=_("Un ou plusieurs codes, séparés par des virgules (ex. H2913, H2914)."),
    )
    contract = forms.ChoiceField(label=_("Contrat"), choices=Contract.choices)
    posts = forms.IntegerField(label=_("Nombre de postes"), min_value=1, max_value=999, initial=1)
    commune = forms.ModelChoiceField(
        label=_("Lieu de travail (commune)"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Non précisé"),
    )
    hours = forms.CharField(
        label=_("Horaires et durée du travail"),
        max_length=200,
        required=False,
        help_text=_("ex. 35 h en journée, 3×8, week-ends"),
    )
    shift_work = forms.BooleanField(label=_("Travail posté ou en équipes"), required=False)
    start_on = forms.DateField(label=_("Début du contrat"), required=False, widget=DATE)
    closing_on = forms.DateField(label=_("Date de clôture"), required=False, widget=DATE)
    requirements = forms.CharField(
        label=_("Prérequis"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Permis, habilitations, expérience… Écrivez « aucun » s'il n'y en a pas."),
    )
    open_without_diploma = forms.BooleanField(label=_("Ouvert sans diplôme"), required=False)
    funded_training = forms.BooleanField(label=_("Avec formation financée"), required=False)
    recruitment_method = forms.ChoiceField(
        label=_("Méthode de recrutement"), choices=RecruitmentMethod.choices
    )
    job_dating = forms.ModelChoiceField(
        label=_("Séance de l'agenda (job dating, rencontre)"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("Aucune"),
    )
    description = forms.CharField(
        label=_("Description du poste"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, territory, employer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = OfferRules(territory)
        partners = Partner.objects.filter(territory=territory).order_by("name")
        if employer is not None:
            partners = partners.filter(pk=employer.pk)
            self.fields["employer"].initial = employer.pk
            self.fields["employer"].widget = forms.HiddenInput()
        else:
            partners = partners.filter(kind=PartnerKind.EMPLOYER)
        self.fields["employer"].queryset = partners
        self.fields["commune"].queryset = Commune.objects.filter(territory=territory).order_by(
            "name"
        )
        self.fields["job_dating"].queryset = (
            Session.objects.filter(territory=territory, start__gte=timezone.now())
            .select_related("event_type")
            .order_by("start")
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        raw = {
            **{k: v for k, v in data.items() if k not in ("employer", "commune", "job_dating")},
            "commune": data["commune"].insee if data.get("commune") else "",
        }
        values, errors = self.rules.clean(raw)
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)
        values["job_dating"] = data.get("job_dating")
        self.offer_values = values
        return data


class CandidacyForm(forms.Form):
    offer = forms.ModelChoiceField(
        label=_("Offre"), queryset=None, empty_label=_("Choisissez une offre ouverte")
    )
    message = forms.CharField(
        label=_("Message à l'employeur"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ce qui fait de la personne une bonne candidate ; l'employeur le lira avec son nom et "
            "ses coordonnées. Pas d'information de santé."
        ),
    )
    cv = forms.FileField(
        label=_("CV (facultatif)"),
        required=False,
        help_text=_("PDF, document ou photo, 5 Mo au plus. Conservé hors du site public."),
    )
    consent = forms.BooleanField(
        label=_(
            "La personne a entendu le texte ci-dessus et accepte que sa candidature soit transmise."
        ),
        required=False,
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = open_offers_for_proposal(territory=territory)
        self.fields["offer"].label_from_instance = lambda o: (
            f"{o.title} — {o.employer.name} ({o.get_contract_display()}, "
            f"{o.posts} poste{'s' if o.posts > 1 else ''})"
        )


class CandidacyTransitionForm(forms.Form):
    """Any state is accepted here: the state machine answers an invalid move clearly."""

    to_status = forms.ChoiceField(
        label=_("Nouvel état"), choices=CandidacyStatus.choices, widget=forms.RadioSelect
    )
    interview_on = forms.DateField(label=_("Date de l'entretien"), required=False, widget=DATE)
    reason = forms.ChoiceField(
        label=_("Motif (si non retenue)"),
        choices=[("", _("—"))] + list(RejectionReason.choices),
        required=False,
    )
    hired_on = forms.DateField(label=_("Date d'embauche"), required=False, widget=DATE)
    contract = forms.ChoiceField(
        label=_("Contrat signé (si embauche)"),
        choices=[("", _("—"))] + list(Contract.choices),
        required=False,
    )
    note = forms.CharField(label=_("Commentaire (facultatif)"), required=False, max_length=1000)

    @staticmethod
    def next_choices(current: str, *, employer: bool) -> list[tuple[str, str]]:
        return [(s, CandidacyStatus(s).label) for s in next_statuses(current, employer=employer)]


def transition_error_message() -> str:
    return gettext("Choisissez le nouvel état.")
