from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "espaces.accounts"
    verbose_name = "Comptes"
