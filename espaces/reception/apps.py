from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "espaces.reception"
    verbose_name = "Accueil et suivi"
