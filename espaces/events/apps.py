from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "espaces.events"
    verbose_name = "Événements"

    def ready(self):
        from . import pack  # noqa: F401  (registers the event_types and schools pack sections)
