"""The one list of periodic jobs (docs/deployment.md, « Background work »).

`espaces run_scheduler` (one process: the `espaces-scheduler` systemd unit, and `make run`)
enqueues each job when its period has passed; `espaces db_worker` runs them. Each job is its own
task: one that fails is logged by the worker (and by the scheduler when it cannot even be
enqueued), is enqueued again at the next tick after its retry delay, and never stops the others.

Add a job here, never a second scheduler. Other apps may append to JOBS at import time."""

import contextlib
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("espaces.scheduler")


@dataclass(frozen=True)
class Job:
    task: str  # dotted path of a django-tasks task without arguments
    every: dt.timedelta  # enqueue again once this much time has passed since the last success
    retry: dt.timedelta = dt.timedelta(minutes=15)  # after a failure, try again after this


JOBS: list[Job] = [
    Job("espaces.events.tasks.send_due_reminders", dt.timedelta(minutes=5)),
    Job("espaces.events.tasks.anonymise_past_registrations", dt.timedelta(hours=1)),
    Job("espaces.reception.tasks.purge_personal_data_task", dt.timedelta(days=1)),
    Job("espaces.reception.tasks.referral_reminders_task", dt.timedelta(hours=1)),
    Job("espaces.reception.tasks.follow_up_notices_task", dt.timedelta(hours=1)),
    # Professionals: appointment reminders, teachers' confirmations and surveys (docs/pros.md).
    Job("espaces.pros.tasks.send_pros_messages", dt.timedelta(minutes=5)),
    # Recruitment: offers expire and are archived, employers reminded (docs/recruitment.md).
    Job("espaces.recruitment.tasks.recruitment_periodic", dt.timedelta(hours=1)),
]


def _last_runs(task) -> tuple[dt.datetime | None, dt.datetime | None, bool]:
    """(last success, last failure, waiting) from the database backend; nothing elsewhere."""
    if type(task.get_backend()).__name__ != "DatabaseBackend":
        return None, None, False
    from django.db.models import Count, Max, Q
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path=task.module_path).aggregate(
        success=Max("finished_at", filter=Q(status="SUCCESSFUL")),
        failure=Max("finished_at", filter=Q(status="FAILED")),
        # Count, not Max: the primary key is a UUID, and PostgreSQL has no max(uuid) (the
        # scheduler failed on every job there).
        waiting=Count("pk", filter=Q(status__in=["READY", "RUNNING"])),
    )
    return rows["success"], rows["failure"], rows["waiting"] > 0


def due(job: Job, now: dt.datetime) -> bool:
    task = import_string(job.task)
    success, failure, waiting = _last_runs(task)
    if waiting:
        return False
    if failure and (success is None or failure > success):
        return now - failure >= job.retry
    return success is None or now - success >= job.every


@contextlib.contextmanager
def job_lock(task_path: str):
    """One scheduler at a time decides and enqueues a given job, however many run (several app
    servers each with its scheduler, docs/deployment.md): a transaction holding a database lock
    on the job (PostgreSQL: an advisory lock on the job's name; SQLite: the write lock its
    immediate transactions take), in which the second scheduler then sees the task the first
    one enqueued, waiting or done, and does not enqueue it again."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            digest = hashlib.sha256(f"espaces-schedule:{task_path}".encode()).digest()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s)",
                    [int.from_bytes(digest[:8], "big", signed=True)],
                )
        yield


def tick(now: dt.datetime | None = None) -> dict[str, str]:
    """Enqueue every job that is due; returns {task path: "programmée" | "erreur" | …}. A job
    that cannot be enqueued (or, with the immediate backend of the tests, that fails) is logged
    and the loop goes on with the next one."""
    now = now or timezone.now()
    outcome = {}
    for job in list(JOBS):
        try:
            with job_lock(job.task):
                if not due(job, now):
                    outcome[job.task] = "pas encore due"
                    continue
                result = import_string(job.task).enqueue()
            failed = getattr(result, "status", None) == "FAILED"
            outcome[job.task] = "échec" if failed else "programmée"
            if failed:
                logger.error("Tâche %s en échec ; nouvel essai dans %s", job.task, job.retry)
        except Exception:  # noqa: BLE001 — one job never stops the others
            logger.exception(
                "Tâche %s impossible à programmer ; nouvel essai au prochain passage", job.task
            )
            outcome[job.task] = "erreur"
    return outcome
