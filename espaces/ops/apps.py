from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "espaces.ops"
    verbose_name = "Exploitation et sécurité"

    def ready(self):
        from . import content_version, middleware  # noqa: F401  (user_logged_in receiver)

        content_version.connect()
