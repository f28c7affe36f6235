from django.apps import AppConfig


class RomeConfig(AppConfig):
    name = "espaces.rome"
    verbose_name = "Référentiel ROME"

    def ready(self):
        from . import pack  # noqa: F401  (pack sections centres_interet and rome)
