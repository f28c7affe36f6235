"""Forms of the reception back-office (validation only; writes go through services.py)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.common.form_fields import SharedChoiceField
from espaces.messaging import phones
from espaces.territories.models import Partner, Site

from .consent import CURRENT_VERSION
from .enums import (
    AgeBand,
    EducationLevel,
    EmploymentStatus,
    ExitOutcome,
    FollowUpOutcome,
    Gender,
    JournalKind,
    LegalBasis,
    OptionKind,
    PublicCategory,
    Qpv,
    ReferralStatus,
    SensitiveAnswer,
)
from .models import SENSITIVE_FIELDS, Beneficiary
from .referral_states import next_statuses
from .thematiques import THEMATIQUE_CHOICES
from .visit_rules import MAX_GROUP_SIZE, VisitRules

NOT_SPECIFIED = ("", _("Non précisé"))


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(gettext("La date ne peut pas être dans le futur."))
    return value


class VisitForm(forms.Form):
    """The desk: big buttons, sensible defaults — public category, purpose, save."""

    public_category = SharedChoiceField(
        label=_("Public"),
        choices=PublicCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez le public.")},
    )
    purpose = SharedChoiceField(
        label=_("Motif de la visite"), required=False, widget=forms.RadioSelect
    )
    # The ESF+ answers start unticked so that a missing answer shows (the desk counts them);
    # left unticked they are saved as « non renseigné » / « inconnu », as before.
    gender = SharedChoiceField(
        label=_("Genre"), choices=Gender.choices, required=False, widget=forms.RadioSelect
    )
    age_band = SharedChoiceField(
        label=_("Âge"), choices=AgeBand.choices, required=False, widget=forms.RadioSelect
    )
    qpv = SharedChoiceField(
        label=_("Habite en quartier prioritaire (QPV)"),
        choices=Qpv.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    channel = SharedChoiceField(
        label=_("Comment la personne a connu l'Espace"), required=False, widget=forms.RadioSelect
    )
    commune = forms.CharField(
        label=_("Commune de résidence"),
        required=False,
        max_length=200,
        help_text=_("Nom ou code INSEE ; laissez vide si la personne ne le dit pas."),
        widget=forms.TextInput(attrs={"list": "communes", "autocomplete": "off"}),
    )
    group_size = forms.IntegerField(
        label=_("Nombre de personnes"),
        min_value=1,
        max_value=MAX_GROUP_SIZE,
        initial=1,
        help_text=_("Pour un groupe : toutes les personnes comptent, avec les mêmes réponses."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Heure"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args, rules: VisitRules, site: Site, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        self.site = site
        self.fields["purpose"].choices = [
            (o.slug, o.label) for o in rules.options_for(OptionKind.PURPOSE, site)
        ] + [NOT_SPECIFIED]
        self.fields["channel"].choices = [
            (o.slug, o.label) for o in rules.options_for(OptionKind.CHANNEL, site)
        ] + [NOT_SPECIFIED]
        now = timezone.localtime()
        self.fields["date"].initial = now.date()
        self.fields["time"].initial = now.time().replace(second=0, microsecond=0)
        self.fields["purpose"].initial = ""
        self.fields["channel"].initial = ""

    ESF_FIELDS = {"gender": Gender.NON_RENSEIGNE, "age_band": AgeBand.INCONNU, "qpv": Qpv.INCONNU}

    def clean_date(self):
        return _not_future(self.cleaned_data["date"])

    def clean_gender(self):
        return self.cleaned_data.get("gender") or Gender.NON_RENSEIGNE

    def clean_age_band(self):
        return self.cleaned_data.get("age_band") or AgeBand.INCONNU

    def clean_qpv(self):
        return self.cleaned_data.get("qpv") or Qpv.INCONNU

    def esf_fields(self) -> list:
        """The ESF+ answers of the desk (bound fields), shown together before the button."""
        return [self[name] for name in self.ESF_FIELDS]

    def esf_missing(self) -> list:
        """ESF+ questions left unticked (a ticked « non renseigné » is an answer: the person
        preferred not to say)."""
        return [self[name] for name in self.ESF_FIELDS if not self[name].value()]

    def clean_commune(self):
        try:
            return self.rules.resolve_commune(self.cleaned_data.get("commune"))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)[0].upper() + str(exc)[1:]) from exc

    def visit_values(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "time": data.get("time"),
            "site": self.site,
            "public_category": data["public_category"],
            "gender": data["gender"],
            "age_band": data["age_band"],
            "qpv": data["qpv"],
            "commune": data.get("commune"),
            "channel": data.get("channel") or "",
            "purpose": data.get("purpose") or "",
            "group_size": data["group_size"],
        }

    @classmethod
    def initial_for(cls, visit) -> dict:
        return {
            "public_category": visit.public_category,
            "purpose": visit.purpose,
            "gender": visit.gender,
            "age_band": visit.age_band,
            "qpv": visit.qpv,
            "channel": visit.channel,
            "commune": f"{visit.commune.name} ({visit.commune.insee})" if visit.commune else "",
            "group_size": visit.group_size,
            "date": visit.date,
            "time": visit.time,
        }


class SiteChoiceForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Espace"), queryset=Site.objects.none(), widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites


# --- follow-up files ---------------------------------------------------------------------------
SENSITIVE_CHOICES = [("", _("Question non posée")), *SensitiveAnswer.choices]


class BeneficiaryForm(forms.ModelForm):
    class Meta:
        model = Beneficiary
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "commune",
            "qpv",
            "age_band",
            "gender",
            "employment_status",
            "long_term_unemployed",
            "self_employed",
            "education_level",
            "site",
            "referent",
            *SENSITIVE_FIELDS,
        ]
        # The model's verbose names, translatable here so that models.py and its migrations
        # stay as they are.
        labels = {
            "first_name": _("Prénom"),
            "last_name": _("Nom"),
            "email": _("Courriel"),
            "phone": _("Téléphone"),
            "commune": _("Commune de résidence"),
            "qpv": _("Habite en quartier prioritaire"),
            "age_band": _("Tranche d'âge"),
            "gender": _("Genre"),
            "employment_status": _("Situation à l'entrée"),
            "long_term_unemployed": _("Demandeur·se d'emploi de longue durée"),
            "self_employed": _("Indépendant·e"),
            "education_level": _("Niveau d'études"),
            "site": _("Espace d'accueil"),
            "referent": _("Référent·e"),
            "disability": _("Situation de handicap"),
            "third_country_national": _("Ressortissant·e d'un pays hors Union européenne"),
            "foreign_background": _("Origine étrangère"),
            "minority": _("Appartenance à une minorité"),
            "homeless": _("Sans domicile ou exclusion du logement"),
        }
        widgets = {
            "qpv": forms.RadioSelect,
            "age_band": forms.RadioSelect,
            "gender": forms.RadioSelect,
            "employment_status": forms.RadioSelect,
            "education_level": forms.RadioSelect,
            **{f: forms.RadioSelect(choices=SENSITIVE_CHOICES) for f in SENSITIVE_FIELDS},
        }

    def __init__(self, *args, territory, referents, consent_basis: bool, **kwargs):
        super().__init__(*args, **kwargs)
        from espaces.territories.models import Commune

        self.fields["commune"].queryset = Commune.objects.filter(territory=territory)
        self.fields["commune"].empty_label = gettext("Non renseignée")
        self.fields["site"].queryset = Site.objects.filter(territory=territory)
        self.fields["site"].empty_label = gettext("Non renseigné")
        self.fields["referent"].queryset = referents
        self.fields["referent"].empty_label = gettext("Personne en particulier")
        self.fields["referent"].label_from_instance = lambda u: (
            f"{u.first_name} {u.last_name}".strip() or u.email
        )
        self.fields["employment_status"].choices = EmploymentStatus.choices
        self.fields["education_level"].choices = EducationLevel.choices
        self.fields["phone"].widget.attrs.update(phones.phone_input_attrs(own=False))
        self.fields["email"].widget.attrs.update({"autocomplete": "off"})
        self.consent_basis = consent_basis
        for name in SENSITIVE_FIELDS:
            self.fields[name].required = False
            self.fields[name].choices = SENSITIVE_CHOICES
            if not consent_basis:
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        status = data.get("employment_status")
        if data.get("long_term_unemployed") and status != EmploymentStatus.DEMANDEUR_EMPLOI:
            self.add_error(
                "long_term_unemployed",
                gettext(
                    "« Longue durée » ne s'applique qu'aux demandeurs et demandeuses d'emploi."
                ),
            )
        if data.get("self_employed") and status != EmploymentStatus.SALARIE:
            self.add_error(
                "self_employed",
                gettext("« Indépendant·e » ne s'applique qu'aux personnes en emploi."),
            )
        if not data.get("email") and not data.get("phone"):
            self.add_error(
                "phone",
                gettext(
                    "Indiquez au moins un moyen de joindre la personne (téléphone ou courriel)."
                ),
            )
        return data

    def beneficiary_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not self.consent_basis:
            for name in SENSITIVE_FIELDS:
                data[name] = ""
        return data


class LegalBasisForm(forms.Form):
    legal_basis = forms.ChoiceField(
        label=_("Base légale du dossier"),
        choices=LegalBasis.choices,
        initial=LegalBasis.CONSENT,
        widget=forms.RadioSelect,
    )
    consent_given = forms.BooleanField(
        label=_(
            "J'ai lu le texte d'information à la personne et elle accepte l'ouverture du dossier"
        ),
        required=False,
    )
    consent_text_version = forms.CharField(
        widget=forms.HiddenInput, initial=CURRENT_VERSION, required=False
    )

    def clean(self):
        data = super().clean()
        data["consent_text_version"] = data.get("consent_text_version") or CURRENT_VERSION
        if data.get("legal_basis") == LegalBasis.CONSENT and not data.get("consent_given"):
            self.add_error(
                "consent_given",
                gettext(
                    "Cochez la case après avoir lu le texte à la personne, ou choisissez une autre "
                    "base légale."
                ),
            )
        return data


class JournalEntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=JournalKind.choices,
        initial=JournalKind.NOTE,
        widget=forms.RadioSelect,
    )
    occurred_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    text = forms.CharField(
        label=_("Texte"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Des faits utiles au parcours ; pas d'avis sur la personne ni de données de santé."
        ),
    )
    reference = forms.CharField(
        label=_("Code du résultat d'orientation"), required=False, max_length=50
    )

    def clean_occurred_on(self):
        return _not_future(self.cleaned_data["occurred_on"])

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not (data.get("reference") or "").strip():
            self.add_error("text", gettext("Écrivez le contenu de l'entrée."))
        return data


class BarrierForm(forms.Form):
    """The barrier picker: about 80 thématiques as checkboxes grouped by category (several at
    once); a search box filters them when JavaScript runs (static/espaces/staff.js)."""

    thematique = forms.MultipleChoiceField(
        label=_("Freins identifiés"),
        choices=THEMATIQUE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un frein dans la liste.")},
    )

    def groups(self) -> list[dict]:
        """[{name, open, items: [{value, label, id, checked}]}] for the grouped checkboxes."""
        checked = set(self["thematique"].value() or [])
        groups, index = [], 0
        for category, options in THEMATIQUE_CHOICES:
            items = []
            for value, label in options:
                items.append(
                    {
                        "value": value,
                        "label": label,
                        "id": f"frein-{index}",
                        "checked": value in checked,
                    }
                )
                index += 1
            groups.append(
                {"name": category, "items": items, "open": any(i["checked"] for i in items)}
            )
        return groups


class RecordVisitForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Espace"), queryset=Site.objects.none(), empty_label=None)
    public_category = forms.ChoiceField(label=_("Public"), choices=PublicCategory.choices)
    purpose = forms.ChoiceField(label=_("Motif"), required=False)

    def __init__(self, *args, sites, purposes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["purpose"].choices = [NOT_SPECIFIED, *purposes]


class ExitForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Situation à la sortie"), choices=ExitOutcome.choices, widget=forms.RadioSelect
    )
    exited_on = forms.DateField(
        label=_("Date de sortie"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )

    def clean_exited_on(self):
        return _not_future(self.cleaned_data["exited_on"])


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Situation six mois après la sortie"),
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
    )
    done_on = forms.DateField(
        label=_("Date du contact"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )

    def clean_done_on(self):
        return _not_future(self.cleaned_data["done_on"])


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partenaire"), queryset=Partner.objects.none(), empty_label=_("Choisissez")
    )
    message = forms.CharField(
        label=_("Demande"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ce que vous demandez au partenaire ; il le lira avec le nom et les coordonnées."
        ),
    )
    reply_due_on = forms.DateField(
        label=_("Réponse attendue avant le"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, territory, reply_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(territory=territory).order_by(
            "name"
        )
        self.fields["reply_due_on"].initial = timezone.localdate() + dt.timedelta(days=reply_days)

    def clean_reply_due_on(self):
        value = self.cleaned_data["reply_due_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(
                gettext("La date de réponse attendue ne peut pas être passée.")
            )
        return value


class TransitionForm(forms.Form):
    """Any state is accepted here: the state machine answers an invalid move with a clear
    message (a page left open while someone else answered, for instance)."""

    to_status = forms.ChoiceField(
        label=_("Nouvel état"), choices=ReferralStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Motif du refus"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(label=_("Commentaire (facultatif)"), required=False, max_length=1000)

    @staticmethod
    def next_choices(current: str) -> list[tuple[str, str]]:
        return [(s, ReferralStatus(s).label) for s in next_statuses(current)]


class StatsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("Du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    site = forms.ModelChoiceField(
        label=_("Espace"),
        required=False,
        queryset=Site.objects.none(),
        empty_label=_("Tous les espaces"),
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(territory=territory)
        self.fields["site"].to_field_name = "slug"

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", gettext("La fin de la période doit suivre son début."))
        return data
