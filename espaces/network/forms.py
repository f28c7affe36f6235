import datetime as dt

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.common.dates import parse_day


class PeriodForm(forms.Form):
    """The period of the network page (both bounds optional and included)."""

    date_from = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {"date_from": data.get("from", ""), "date_to": data.get("to", "")}
        super().__init__(data, **kwargs)
        self.fields["date_from"].error_messages["invalid"] = gettext(
            "Date de début invalide (AAAA-MM-JJ)."
        )
        self.fields["date_to"].error_messages["invalid"] = gettext(
            "Date de fin invalide (AAAA-MM-JJ)."
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(gettext("La date de fin doit suivre la date de début."))
        return cleaned


def parse_iso(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    return parse_day(value, name)
