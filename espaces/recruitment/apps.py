from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "espaces.recruitment"
    verbose_name = "Recrutement"

    def ready(self):
        from espaces.events.management.commands.run_scheduler import PERIODIC_TASKS
        from espaces.reception import services as reception_services
        from espaces.reception.retention import register_purger

        from .retention import candidacies_anonymise, purge_candidacy_files

        path = "espaces.recruitment.tasks.recruitment_periodic"
        if path not in PERIODIC_TASKS:
            PERIODIC_TASKS.append(path)  # expiry of offers and reminders to employers
        register_purger("CV des candidatures", purge_candidacy_files)
        if candidacies_anonymise not in reception_services.ANONYMISE_HOOKS:
            reception_services.ANONYMISE_HOOKS.append(candidacies_anonymise)
