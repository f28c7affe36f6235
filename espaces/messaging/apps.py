from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "espaces.messaging"
    label = "messaging"
    verbose_name = "Messages sortants (courriels et SMS en file d'attente)"

    def ready(self):
        from espaces.ops.schedule import JOBS
        from espaces.reception.retention import register_purger

        from .retention import purge_outbound_messages
        from .services import RETRY_JOB

        register_purger("messages sortants (adresses et numéros)", purge_outbound_messages)
        if not any(job.task == RETRY_JOB.task for job in JOBS):
            JOBS.append(RETRY_JOB)
