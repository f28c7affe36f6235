from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "espaces.ops"
    verbose_name = "Exploitation et sécurité"

    def ready(self):
        from . import middleware  # noqa: F401  (user_logged_in receiver)
