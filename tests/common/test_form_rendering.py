"""The form renderer (espaces/common/form_rendering.py): `<input>` widgets drawn in Python
give exactly the HTML of Django's templates."""

import datetime as dt

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy

from espaces.common.form_rendering import FormRenderer


class Everything(forms.Form):
    text = forms.CharField(max_length=20, help_text="aide", widget=forms.TextInput({"list": "x"}))
    number = forms.IntegerField(min_value=1, widget=forms.NumberInput({"inputmode": "numeric"}))
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    search = forms.CharField(required=False, widget=forms.TextInput({"type": "search"}))
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"))
    moment = forms.DateTimeField(required=False)
    hour = forms.TimeField(widget=forms.TimeInput({"type": "time"}, format="%H:%M"))
    agree = forms.BooleanField(required=False)
    upload = forms.FileField(required=False)
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    note = forms.CharField(widget=forms.Textarea, required=False)


def draw(form) -> dict:
    return {name: str(form[name]) for name in form.fields}


def test_same_html_as_django_for_blank_bound_and_hostile_values():
    initial = {"day": dt.date(2026, 12, 3), "hour": dt.time(9, 41), "text": gettext_lazy("Oui")}
    hostile = "<b>\"&'</b>"
    data = {
        "text": hostile,
        "number": "0",
        "email": "pas-une-adresse",
        "password": hostile,
        "hidden": hostile,
        "day": "2026-13-40",
        "hour": "09:41",
        "agree": "on",
        "choice": "b",
        "note": hostile,
        "search": "",
    }
    compared = 0
    for make in (
        lambda r: Everything(renderer=r),
        lambda r: Everything(initial=initial, renderer=r),
        lambda r: Everything(data, renderer=r),
        lambda r: Everything(data, auto_id="champ-%s", renderer=r),
    ):
        fast, django = make(FormRenderer()), make(DjangoTemplates())
        if fast.is_bound:  # errors drawn too
            assert not fast.is_valid() and not django.is_valid()
        assert draw(fast) == draw(django)
        compared += len(fast.fields)
    assert compared == 56
    # the values reached the HTML, escaped
    bound = draw(Everything(data, renderer=FormRenderer()))
    assert 'value="&lt;b&gt;&quot;&amp;&#x27;&lt;/b&gt;"' in bound["text"]
    assert "required" in bound["number"] and 'value="09:41"' in bound["hour"]
