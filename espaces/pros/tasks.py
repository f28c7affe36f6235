"""Background work of the professionals' space (django-tasks; `espaces run_scheduler` enqueues
it every few minutes beside the events' reminders)."""

import logging

from django_tasks import task

logger = logging.getLogger("espaces.pros.tasks")


@task()
def send_pros_messages() -> dict:
    """Appointment reminders to referred people, survey invitations to requesters."""
    from .services import appointments_send_reminders, request_surveys_send_due

    result = {
        "rappels_rendez_vous": appointments_send_reminders(),
        "questionnaires": request_surveys_send_due(),
    }
    if any(result.values()):
        logger.info("Messages des professionnels : %s", result)
    return result
