from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "espaces.events"
    verbose_name = "Événements"
