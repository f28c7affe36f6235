from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "espaces.catalogue"
    verbose_name = "Catalogue des métiers"

    def ready(self):
        from . import pack, signals  # noqa: F401  (pack section, search index invalidation)
