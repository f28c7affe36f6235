"""Background tasks of the events domain (django-tasks; `espaces db_worker` runs them and
`espaces run_scheduler` enqueues them every few minutes)."""

import logging

from django_tasks import task

from .services import registrations_anonymise, reminders_send_due, surveys_send_due

logger = logging.getLogger("espaces.events.tasks")


@task()
def send_due_reminders() -> dict:
    """Reminders of the sessions starting within ESPACES_REMINDER_HOURS, then the survey
    invitations of the sessions just over; each message goes at most once."""
    reminders = reminders_send_due()
    surveys = surveys_send_due()
    if reminders or surveys:
        logger.info("Rappels envoyés : %s ; questionnaires : %s", reminders, surveys)
    return {"reminders": reminders, "surveys": surveys}


@task()
def anonymise_past_registrations() -> int:
    """Clear the personal data of registrations past ESPACES_REGISTRATION_RETENTION_DAYS."""
    count = registrations_anonymise()
    if count:
        logger.info("Inscriptions anonymisées : %s", count)
    return count
