"""Background tasks (django-tasks; `espaces db_worker` runs them).

`daily_reception_tasks` runs the purge, the referral reminders and the follow-up notices, then
schedules itself for the next morning when the backend can defer (the database backend can).
Enqueue it once (`schedule_daily_reception_tasks()`, e.g. from the bootstrap) to start the cycle.
"""

import datetime as dt

from django.utils import timezone
from django_tasks import task

DAILY_AT = dt.time(6, 30)


@task()
def referral_remind(referral_id: int) -> bool:
    """Remind the partner of one referral whose reply deadline has passed."""
    from .models import Referral
    from .services import referral_send_reminder

    referral = Referral.objects.filter(pk=referral_id).first()
    return bool(referral and referral_send_reminder(referral=referral))


@task()
def follow_up_notify(follow_up_id: int) -> int:
    """Tell the referent that a six-month follow-up is due."""
    from .services import follow_ups_notify_due

    return follow_ups_notify_due()


@task()
def purge_personal_data_task() -> dict:
    from .retention import purge_personal_data

    return purge_personal_data().counts


@task()
def daily_reception_tasks() -> dict:
    """Purge expired files, remind partners, announce due follow-ups; then plan tomorrow."""
    from .retention import purge_personal_data
    from .services import follow_ups_notify_due, referrals_send_reminders

    result = {
        "purge": purge_personal_data().counts,
        "relances": referrals_send_reminders(),
        "suivis": follow_ups_notify_due(),
    }
    schedule_daily_reception_tasks()
    return result


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now)
    candidate = now.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + dt.timedelta(days=1)


def schedule_daily_reception_tasks() -> bool:
    """Plan the next daily run (no-op when the backend cannot defer, e.g. in tests)."""
    if not daily_reception_tasks.get_backend().supports_defer:
        return False
    if _already_planned():
        return False
    daily_reception_tasks.using(run_after=next_run()).enqueue()
    return True


def _already_planned() -> bool:
    """With the database backend, a waiting run means the cycle is already going."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        return False
    return DBTaskResult.objects.filter(
        task_path=daily_reception_tasks.module_path, status="READY"
    ).exists()


@task()
def referral_reminders_task() -> int:
    """Remind the partners whose reply deadline has passed (espaces/ops/schedule.py)."""
    from .services import referrals_send_reminders

    return referrals_send_reminders()


@task()
def follow_up_notices_task() -> int:
    """Tell the referents that six-month follow-ups are due (espaces/ops/schedule.py)."""
    from .services import follow_ups_notify_due

    return follow_ups_notify_due()
