from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "espaces.network"
    label = "network"
    verbose_name = "Réseau des territoires"
