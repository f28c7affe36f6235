from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "espaces.services"
    verbose_name = "Services pour lever les freins"

    def ready(self):
        from . import pack  # noqa: F401  (registers the `structures` and `services` sections)
