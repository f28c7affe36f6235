"""`espaces run_scheduler`: enqueue the periodic tasks every few minutes (django-tasks has no
scheduler); `espaces db_worker` runs them. `make run` starts both beside the web server."""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

logger = logging.getLogger("espaces.scheduler")

# Dotted paths of the tasks enqueued at every tick; other apps may add theirs here.
PERIODIC_TASKS = [
    "espaces.events.tasks.send_due_reminders",
    "espaces.events.tasks.anonymise_past_registrations",
    "espaces.pros.tasks.send_pros_messages",
]


def _already_waiting(task) -> bool:
    """True when the database backend already holds a run of `task` not yet started, so that
    a stopped worker does not find hundreds of identical runs when it comes back."""
    if type(task.get_backend()).__name__ != "DatabaseBackend":
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists()


def tick(stdout=None) -> list[str]:
    """Enqueue every periodic task once; returns the names enqueued."""
    enqueued = []
    for path in PERIODIC_TASKS:
        task = import_string(path)
        try:
            if _already_waiting(task):
                continue
            task.enqueue()
            enqueued.append(task.name)
        except Exception:  # noqa: BLE001 - the loop must survive a database hiccup
            logger.exception("Impossible de programmer %s", path)
    return enqueued


class Command(BaseCommand):
    help = "Programme les tâches périodiques (rappels, anonymisation) toutes les N secondes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=300, help="secondes entre deux passages (300)"
        )
        parser.add_argument("--once", action="store_true", help="un seul passage, puis quitter")

    def handle(self, *args, interval: int, once: bool, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        if not once:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        while True:
            names = tick()
            self.stdout.write(
                f"Tâches programmées : {', '.join(names) if names else 'aucune (déjà en attente)'}"
            )
            if once:
                return
            deadline = time.monotonic() + max(interval, 1)
            while not stopping and time.monotonic() < deadline:
                time.sleep(1)
            if stopping:
                self.stdout.write("Arrêt du programmateur.")
                return
