from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "espaces.common"
    verbose_name = "Commun"

    def ready(self):
        # every form date (pages, admin) lies in the documented range (espaces/common/dates.py)
        from django import forms

        from .dates import validate_date_range

        for field in (forms.DateField, forms.DateTimeField):
            if validate_date_range not in field.default_validators:
                field.default_validators = [*field.default_validators, validate_date_range]
