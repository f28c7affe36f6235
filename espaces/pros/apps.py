from django.apps import AppConfig


class ProsConfig(AppConfig):
    name = "espaces.pros"
    label = "pros"
    verbose_name = "Professionnels (demandes, orientations entrantes, disponibilités)"

    def ready(self):
        from espaces.reception.retention import register_purger

        from .retention import purge_pros_personal_data

        register_purger("demandes et orientations des professionnels", purge_pros_personal_data)
