from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "espaces.services"
    verbose_name = "Services pour lever les freins"
