from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique"), max_length=254)
