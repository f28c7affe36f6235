from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "espaces.api"
    verbose_name = "API"
