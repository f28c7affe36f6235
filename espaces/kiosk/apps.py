from django.apps import AppConfig


class KioskConfig(AppConfig):
    name = "espaces.kiosk"
    verbose_name = "Borne (mode kiosque)"
