"""Forms of the events pages (they validate input; the services write)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.common.translations import in_language
from espaces.messaging import phones
from espaces.territories.models import Commune, Partner, Site

from .enums import (
    ClassLevel,
    PublicCategory,
    SchoolKind,
    SurveyDiscovery,
    SurveyNextStep,
    SurveyRating,
)
from .models import EventType, School
from .sms import normalise_phone

REQUIRED = {"required": _("Ce champ est obligatoire.")}


def _blank_choice(label: str, choices) -> list:
    return [("", label), *choices]


class ContactMixin:
    """One of e-mail or phone; the phone is checked and written as +33…"""

    contact_required = True

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if value and normalise_phone(value) is None:
            raise forms.ValidationError(
                gettext("Ce numéro n'est pas valide.") + " " + phones.problem(value)
            )
        return value

    def clean(self):
        data = super().clean()
        if (
            self.contact_required
            and not data.get("email")
            and not data.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email",
                gettext(
                    "Indiquez une adresse électronique ou un numéro de téléphone (l'un des deux "
                    "suffit) : nous en avons besoin pour confirmer et vous rappeler la date."
                ),
            )
        return data


class RegistrationForm(ContactMixin, forms.Form):
    """The public form: no account, one seat."""

    # Phones show the right keyboard (inputmode) and offer the person's own details
    # (autocomplete); the kiosk turns autocomplete off (static/espaces/kiosk.js).
    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        required=False,
        error_messages={
            "invalid": _("Cette adresse n'est pas valide (exemple : prenom.nom@exemple.fr).")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    phone = forms.CharField(
        label=_("Téléphone portable"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    phone = forms.CharField(
        label=_("Téléphone portable"),
        max_length=30,
        required=False,
        help_text=_(
            "Pour recevoir la confirmation et le rappel par SMS. Exemple : 06 12 34 56 78."
        ),
        widget=forms.TextInput(attrs=phones.phone_input_attrs(own=True)),
    )
    public_category = forms.ChoiceField(
        label=_("Vous êtes… (facultatif)"),
        choices=_blank_choice(_("Je préfère ne pas répondre"), PublicCategory.choices),
        required=False,
    )
    consent = forms.BooleanField(
        label=(
            _(
                "J'accepte que mes coordonnées soient utilisées pour cette inscription : "
                "confirmation, rappel avant la séance, et un questionnaire facultatif après."
            )
        ),
        error_messages={
            "required": _(
                "Cochez cette case pour vous inscrire : sans votre accord, nous ne "
                "pouvons pas garder vos coordonnées."
            )
        },
    )


class StaffPersonBookingForm(RegistrationForm):
    """The team books someone (at the desk, on the phone): contact optional."""

    contact_required = False
    consent = forms.BooleanField(
        label=_(
            "La personne est d'accord pour que ses coordonnées soient enregistrées pour cette séance"
        ),
        error_messages={"required": _("Demandez l'accord de la personne avant de l'inscrire.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Someone else's details, typed by the team: the browser must not suggest or keep them.
        for name in ("first_name", "last_name", "email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        # The team types someone else's number: no suggestion of their own.
        self.fields["phone"].widget.attrs.update(phones.phone_input_attrs(own=False))


class GroupBookingForm(ContactMixin, forms.Form):
    """A class (or another group) takes as many seats as pupils."""

    school = forms.ModelChoiceField(
        label=_("Établissement"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("— Pas un établissement scolaire —"),
    )
    class_level = forms.ChoiceField(
        label=_("Niveau de la classe"),
        choices=_blank_choice("—", ClassLevel.choices),
        required=False,
    )
    seats = forms.IntegerField(
        label=_("Nombre d'élèves ou de personnes"),
        min_value=1,
        max_value=500,
        error_messages=REQUIRED
        | {
            "min_value": _("Au moins 1."),
            "max_value": _("500 au plus."),
            "invalid": _("Nombre entier attendu."),
        },
    )
    first_name = forms.CharField(
        label=_("Prénom de l'enseignant·e ou du ou de la responsable"),
        max_length=150,
        error_messages=REQUIRED,
    )
    last_name = forms.CharField(label=_("Nom"), max_length=150, error_messages=REQUIRED)
    email = forms.EmailField(
        label=_("Adresse électronique"),
        required=False,
        error_messages={"invalid": _("Cette adresse n'est pas valide.")},
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs=phones.phone_input_attrs(own=False)),
    )
    consent = forms.BooleanField(
        label=_("La personne de contact est d'accord pour que ses coordonnées soient enregistrées"),
        error_messages={"required": _("Demandez l'accord de la personne de contact.")},
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(territory=territory).order_by(
            "kind", "name"
        )

    def clean(self):
        data = super().clean()
        if data.get("class_level") and not data.get("school"):
            self.add_error("school", gettext("Choisissez l'établissement de la classe."))
        return data


class SchoolForm(forms.Form):
    uai = forms.CharField(
        label=_("Code UAI"),
        max_length=8,
        help_text=_("7 chiffres et une lettre, par exemple 0590073J (annuaire de l'Éducation)."),
        error_messages=REQUIRED,
    )
    name = forms.CharField(label=_("Nom"), max_length=200, error_messages=REQUIRED)
    kind = forms.ChoiceField(
        label=_("Type"), choices=SchoolKind.choices, initial=SchoolKind.COLLEGE
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.filter(territory=territory)


class SessionForm(forms.Form):
    """Create or edit a session; empty places, end or waiting list take the type's defaults."""

    event_type = forms.ModelChoiceField(
        label=_("Type d'événement"), queryset=EventType.objects.none(), error_messages=REQUIRED
    )
    title = forms.CharField(
        label=_("Titre (facultatif)"),
        max_length=200,
        required=False,
        help_text=_("Laissez vide pour reprendre le nom du type."),
    )
    description = forms.CharField(
        label=_("Présentation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    site = forms.ModelChoiceField(
        label=_("Espace organisateur"), queryset=Site.objects.none(), error_messages=REQUIRED
    )
    place_name = forms.CharField(
        label=_("Lieu extérieur (facultatif)"),
        max_length=200,
        required=False,
        help_text=_("Lycée, entreprise… si la séance n'a pas lieu à l'Espace."),
    )
    place_address = forms.CharField(
        label=_("Adresse du lieu extérieur"), max_length=300, required=False
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages=REQUIRED | {"invalid": _("Date attendue (JJ/MM/AAAA).")},
    )
    start_time = forms.TimeField(
        label=_("Début"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages=REQUIRED | {"invalid": _("Heure attendue (HH:MM).")},
    )
    end_time = forms.TimeField(
        label=_("Fin (facultatif)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        required=False,
        help_text=_("Vide : la durée habituelle du type."),
        error_messages={"invalid": _("Heure attendue (HH:MM).")},
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places (facultatif)"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Vide : le nombre habituel du type."),
        error_messages={
            "min_value": _("Au moins 1 place."),
            "invalid": _("Nombre entier attendu."),
        },
    )
    waitlist = forms.ChoiceField(
        label=_("Liste d'attente"),
        choices=[("", _("Selon le type d'événement")), ("1", _("Oui")), ("0", _("Non"))],
        required=False,
    )
    audience = forms.CharField(label=_("Public visé"), max_length=200, required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Entreprises et partenaires"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    metiers = forms.ModelMultipleChoiceField(
        label=_("Métiers présentés"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Animé par"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_facilitators = forms.CharField(
        label=_("Autres intervenants"), max_length=300, required=False
    )
    accessibility = forms.CharField(
        label=_("Accessibilité"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, territory, **kwargs):
        from espaces.catalogue.models import Metier

        super().__init__(*args, **kwargs)
        self.fields["event_type"].queryset = EventType.objects.filter(territory=territory)
        self.fields["site"].queryset = Site.objects.filter(territory=territory)
        self.fields["partners"].queryset = Partner.objects.filter(territory=territory)
        self.fields["metiers"].queryset = Metier.objects.filter(territory=territory).order_by(
            "title"
        )
        self.fields["facilitators"].queryset = User.objects.filter(
            territory=territory,
            is_active=True,
            role__in=[Role.MEDIATOR, Role.COORDINATOR],
        ).order_by("first_name", "last_name", "email")

    def clean(self):
        data = super().clean()
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if start_time and end_time and end_time <= start_time:
            self.add_error("end_time", gettext("La fin doit être après le début."))
        return data

    @staticmethod
    def initial_for(session) -> dict:
        start, end = timezone.localtime(session.start), timezone.localtime(session.end)
        return {
            "event_type": session.event_type_id,
            "title": session.title,
            "description": session.description,
            "site": session.site_id,
            "place_name": session.place_name,
            "place_address": session.place_address,
            "date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "end_time": end.time().replace(second=0, microsecond=0),
            "capacity": session.capacity,
            "waitlist": "1" if session.waitlist_enabled else "0",
            "audience": session.audience,
            "partners": list(session.partners.all()),
            "metiers": list(session.metiers.all()),
            "facilitators": list(session.facilitators.all()),
            "other_facilitators": session.other_facilitators,
            "accessibility": session.accessibility,
        }

    def service_values(self) -> dict:
        """Keyword arguments for session_create / session_update."""
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz)
        event_type = data["event_type"]
        if data.get("end_time"):
            end = dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz)
        else:
            end = start + dt.timedelta(minutes=event_type.default_duration_minutes)
        waitlist = data.get("waitlist")
        return {
            "event_type": event_type,
            "title": data["title"],
            "description": data["description"],
            "site": data["site"],
            "place_name": data["place_name"],
            "place_address": data["place_address"],
            "start": start,
            "end": end,
            "capacity": data.get("capacity") or event_type.default_capacity,
            "waitlist_enabled": event_type.waitlist_enabled if waitlist == "" else waitlist == "1",
            "audience": data["audience"],
            "partners": list(data["partners"]),
            "metiers": list(data["metiers"]),
            "facilitators": list(data["facilitators"]),
            "other_facilitators": data["other_facilitators"],
            "accessibility": data["accessibility"],
        }


class DuplicateForm(forms.Form):
    date = forms.DateField(
        label=_("Nouvelle date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages=REQUIRED | {"invalid": _("Date attendue (JJ/MM/AAAA).")},
    )
    start_time = forms.TimeField(
        label=_("Début"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages=REQUIRED | {"invalid": _("Heure attendue (HH:MM).")},
    )

    def start(self) -> dt.datetime:
        return dt.datetime.combine(
            self.cleaned_data["date"],
            self.cleaned_data["start_time"],
            tzinfo=timezone.get_current_timezone(),
        )


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif (facultatif, visible dans l'agenda)"), max_length=300, required=False
    )


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Cette séance vous a-t-elle plu ?"),
        choices=SurveyRating.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    discovery = forms.ChoiceField(
        label=_("Avez-vous découvert un métier qui vous intéresse ?"),
        choices=SurveyDiscovery.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    next_step = forms.ChoiceField(
        label=_("Avez-vous envie d'aller plus loin (formation, stage, rencontre) ?"),
        choices=SurveyNextStep.choices,
        required=False,
        widget=forms.RadioSelect,
    )


class AgendaFilterForm(forms.Form):
    """Filters of the public agenda; unknown values are ignored with a message."""

    site = forms.ChoiceField(label=_("Espace"), required=False)
    type = forms.ChoiceField(label=_("Type d'événement"), required=False)
    metier = forms.ChoiceField(label=_("Métier"), required=False)
    du = forms.DateField(
        label=_("Du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Date attendue (JJ/MM/AAAA).")},
    )
    au = forms.DateField(
        label=_("Au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Date attendue (JJ/MM/AAAA).")},
    )

    def __init__(self, *args, sites, event_types, metiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = _blank_choice(
            gettext("Tous les Espaces"), [(s.slug, s.name) for s in sites]
        )
        # Names in the page's language when the pack translates them (French otherwise).
        self.fields["type"].choices = _blank_choice(
            gettext("Tous les types"), [(t.slug, in_language(t, "name").value) for t in event_types]
        )
        self.fields["metier"].choices = _blank_choice(
            gettext("Tous les métiers"), [(m.slug, in_language(m, "title").value) for m in metiers]
        )
        self.fields["site"].error_messages["invalid_choice"] = gettext("Cet Espace n'existe pas.")
        self.fields["type"].error_messages["invalid_choice"] = gettext(
            "Ce type d'événement n'existe pas."
        )
        self.fields["metier"].error_messages["invalid_choice"] = gettext(
            "Aucune séance à venir ne présente ce métier."
        )

    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["au"] < data["du"]:
            self.add_error("au", gettext("La date de fin est avant la date de début."))
        return data
