"""`espaces run_scheduler`: every minute, enqueue the due jobs of the one schedule
(espaces/ops/schedule.py; django-tasks has no scheduler); `espaces db_worker` runs them. The
same process in `make run` and in production (docs/deployment.md, unit espaces-scheduler)."""

import logging
import signal
import time

from django.core.management.base import BaseCommand

logger = logging.getLogger("espaces.scheduler")


def tick(stdout=None) -> list[str]:
    """Enqueue every due job of the one schedule (espaces/ops/schedule.py); returns the names
    enqueued."""
    from espaces.ops.schedule import tick as schedule_tick

    outcome = schedule_tick()
    return [path.rsplit(".", 1)[1] for path, state in outcome.items() if state != "pas encore due"]


class Command(BaseCommand):
    help = "Programme les tâches périodiques (rappels, anonymisation) toutes les N secondes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=60, help="secondes entre deux passages (60)"
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
            try:
                names = tick()
            except Exception:  # noqa: BLE001 — the scheduler never stops on an error
                logger.exception("Passage du programmateur en échec ; nouvel essai")
                names = []
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
