from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "espaces.recruitment"
    verbose_name = "Recrutement"

    def ready(self):
        from espaces.reception import services as reception_services
        from espaces.reception.retention import register_purger

        from .retention import candidacies_anonymise, purge_candidacy_files

        # Its periodic job (expiry of offers, reminders to employers) is in the one schedule,
        # espaces/ops/schedule.py.
        register_purger("CV des candidatures", purge_candidacy_files)
        if candidacies_anonymise not in reception_services.ANONYMISE_HOOKS:
            reception_services.ANONYMISE_HOOKS.append(candidacies_anonymise)
