from django.apps import AppConfig


class RomeConfig(AppConfig):
    name = "espaces.rome"
    verbose_name = "Référentiel ROME"
