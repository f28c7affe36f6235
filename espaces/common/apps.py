from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "espaces.common"
    verbose_name = "Commun"
