from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "espaces.territories"
    verbose_name = "Territoires"

    def ready(self):
        from . import pack  # noqa: F401  (registers the pack sections)
