from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "espaces.catalogue"
    verbose_name = "Catalogue des métiers"
