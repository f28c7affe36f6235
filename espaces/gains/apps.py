from django.apps import AppConfig


class GainsConfig(AppConfig):
    name = "espaces.gains"
    verbose_name = "Simulateur de revenus"
