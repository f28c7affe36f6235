"""Background tasks of recruitment (django-tasks): `recruitment_periodic` is enqueued by
`espaces run_scheduler` (closes expired offers, archives old ones, reminds employers late to
answer; idempotent), `candidacy_remind` is planned at a candidacy's reply date."""

import logging

from django_tasks import task

logger = logging.getLogger("espaces.recruitment.tasks")


@task()
def recruitment_periodic() -> dict:
    from .services import candidacies_send_reminders, offers_expire

    result = {**offers_expire(), "relances": candidacies_send_reminders()}
    if any(result.values()):
        logger.info("Recrutement : %s", result)
    return result


@task()
def candidacy_remind(candidacy_id: int) -> bool:
    from .models import Candidacy
    from .services import candidacy_send_reminder

    candidacy = Candidacy.objects.filter(pk=candidacy_id).first()
    return bool(candidacy and candidacy_send_reminder(candidacy=candidacy))
