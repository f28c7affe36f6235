"""Background tasks of the messages (django-tasks; `espaces db_worker` runs them)."""

import logging

from django_tasks import task

from .services import message_send, messages_retry_due

logger = logging.getLogger("espaces.messaging.tasks")


@task()
def send_outbound_message(message_id: int) -> str:
    """One attempt at sending one stored message; failures are recorded and retried."""
    return message_send(pk=message_id)


@task()
def retry_due_messages() -> int:
    """Enqueue again the messages whose retry is due, or whose task was lost (the one
    schedule runs this every minute)."""
    count = messages_retry_due()
    if count:
        logger.info("Messages confiés à nouveau à la file : %s", count)
    return count
