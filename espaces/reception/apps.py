from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "espaces.reception"
    verbose_name = "Accueil et suivi"

    def ready(self):
        from . import pack  # noqa: F401  (registers the visit_options pack section)
