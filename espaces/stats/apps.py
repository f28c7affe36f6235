from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "espaces.stats"
    verbose_name = "Statistiques"

    def ready(self):
        from . import pack, tallies  # noqa: F401  (budget section; signals of the tallies)
