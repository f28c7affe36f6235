from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "espaces.orientation"
    verbose_name = "Orientation"

    def ready(self):
        from . import (
            pack,  # noqa: F401  (registers the `questionnaire` pack section)
            signals,  # noqa: F401  (drops the catalogue indexes on a change)
        )
