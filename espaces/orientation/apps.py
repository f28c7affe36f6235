from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "espaces.orientation"
    verbose_name = "Orientation"
