"""The one schedule of periodic jobs: every job is enqueued by the same tick, and a failing job
is logged and never stops the others."""

import datetime as dt
import logging

import pytest
from django_tasks import task

from espaces.ops import schedule

pytestmark = pytest.mark.django_db
CALLS = []


@task()
def failing_job() -> None:
    CALLS.append("failing")
    raise RuntimeError("panne simulée")


@task()
def working_job() -> str:
    CALLS.append("working")
    return "ok"


def test_the_schedule_holds_every_periodic_job():
    paths = [job.task for job in schedule.JOBS]
    assert "espaces.reception.tasks.purge_personal_data_task" in paths
    assert "espaces.reception.tasks.referral_reminders_task" in paths
    assert "espaces.reception.tasks.follow_up_notices_task" in paths
    assert "espaces.events.tasks.send_due_reminders" in paths
    assert len(paths) == len(set(paths))


def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch, caplog):
    CALLS.clear()
    monkeypatch.setattr(
        schedule,
        "JOBS",
        [
            schedule.Job(f"{__name__}.failing_job", dt.timedelta(minutes=1)),
            schedule.Job("espaces.ops.schedule.does_not_exist", dt.timedelta(minutes=1)),
            schedule.Job(f"{__name__}.working_job", dt.timedelta(minutes=1)),
        ],
    )
    with caplog.at_level(logging.ERROR, logger="espaces.scheduler"):
        outcome = schedule.tick()
        again = schedule.tick()  # the next tick tries the failing job again
    assert outcome == {
        f"{__name__}.failing_job": "échec",
        "espaces.ops.schedule.does_not_exist": "erreur",
        f"{__name__}.working_job": "programmée",
    }
    assert again[f"{__name__}.working_job"] == "programmée"
    assert CALLS == ["failing", "working", "failing", "working"]
    assert "impossible à programmer" in caplog.text and "en échec" in caplog.text
