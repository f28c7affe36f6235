"""Exit with its outcome, and the automatic follow-up six months later."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espaces.reception import services
from espaces.reception.calendar_months import add_months
from espaces.reception.models import Beneficiary, FollowUp
from espaces.reception.tasks import daily_reception_tasks, next_run, schedule_daily_reception_tasks


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 15), 6, dt.date(2025, 7, 15)),
        (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2026, 3, 31), -24, dt.date(2024, 3, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_exit_records_the_outcome_and_plans_the_follow_up(client, world):
    b = world.beneficiary
    Beneficiary.objects.filter(pk=b.pk).update(opened_on=dt.date(2025, 1, 2))
    client.force_login(world.users.mediator_a)
    response = client.post(
        reverse("reception:beneficiary_exit", args=[b.pk]),
        {"outcome": "en_emploi", "exited_on": "2025-08-31"},
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert (b.exited_on, b.exit_outcome) == (dt.date(2025, 8, 31), "en_emploi")
    follow_up = FollowUp.objects.get(beneficiary=b)
    assert follow_up.due_on == dt.date(2026, 2, 28) and follow_up.done_on is None
    again = client.post(
        reverse("reception:beneficiary_exit", args=[b.pk]),
        {"outcome": "en_emploi", "exited_on": "2025-08-31"},
    )
    assert again.status_code == 422
    assert "déjà enregistrée" in again.content.decode()


def test_due_follow_up_is_listed_notified_once_and_recorded(client, world):
    b = world.beneficiary
    follow_up = services.beneficiary_exit(
        beneficiary=b, user=world.users.mediator_a, outcome="en_recherche_emploi"
    )
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=timezone.localdate())
    assert services.follow_ups_notify_due() == 1
    assert mail.outbox[-1].to == ["med.a@example.org"]
    assert "Camille" not in mail.outbox[-1].body
    assert services.follow_ups_notify_due() == 0
    client.force_login(world.users.mediator_b)
    html = client.get(reverse("reception:follow_up_list")).content.decode()
    assert "1 suivi à faire" in html
    url = reverse("reception:follow_up_record", args=[follow_up.pk])
    assert (
        client.post(
            url, {"outcome": "en_emploi", "done_on": timezone.localdate().isoformat()}
        ).status_code
        == 302
    )
    follow_up.refresh_from_db()
    assert (follow_up.outcome, follow_up.recorded_by) == ("en_emploi", world.users.mediator_b)
    assert "Aucun suivi à faire" in client.get(reverse("reception:follow_up_list")).content.decode()


def test_follow_up_without_referent_goes_to_the_site_mediators(world):
    b = world.beneficiary
    Beneficiary.objects.filter(pk=b.pk).update(referent=None)
    b.refresh_from_db()
    follow_up = services.beneficiary_exit(
        beneficiary=b, user=world.users.coordinator, outcome="en_emploi"
    )
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=timezone.localdate())
    services.follow_ups_notify_due()
    assert mail.outbox[-1].to == ["med.a@example.org"]


def test_daily_task_runs_purge_reminders_and_follow_ups(world):
    result = daily_reception_tasks.enqueue().return_value
    assert set(result) == {"purge", "relances", "suivis"}
    assert result["purge"]["dossiers de suivi"] == 0
    # the immediate backend used in tests cannot defer: nothing is planned
    assert schedule_daily_reception_tasks() is False


def test_next_daily_run_is_tomorrow_morning_once_the_hour_has_passed():
    now = timezone.make_aware(dt.datetime(2025, 5, 10, 9, 0))
    assert timezone.localtime(next_run(now)).replace(tzinfo=None) == dt.datetime(2025, 5, 11, 6, 30)
    early = timezone.make_aware(dt.datetime(2025, 5, 10, 5, 0))
    assert timezone.localtime(next_run(early)).replace(tzinfo=None) == dt.datetime(
        2025, 5, 10, 6, 30
    )


def test_follow_up_list_query_count_is_pinned(client, world, django_assert_max_num_queries):
    from .factories import BeneficiaryFactory

    for _ in range(20):
        b = BeneficiaryFactory(territory=world.territory, referent=world.users.mediator_b)
        services.beneficiary_exit(beneficiary=b, user=world.users.mediator_b, outcome="en_emploi")
    FollowUp.objects.update(due_on=timezone.localdate())
    client.force_login(world.users.mediator_a)
    with django_assert_max_num_queries(7):
        html = client.get(reverse("reception:follow_up_list")).content.decode()
    assert "20 suivis à faire" in html


def test_schedule_command_plans_once_with_the_database_backend(settings, world):
    from django_tasks_db.models import DBTaskResult

    from tests.conftest import run_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert "Tâche quotidienne planifiée" in run_command("schedule_reception_tasks")
    assert "Rien à planifier" in run_command("schedule_reception_tasks")
    assert DBTaskResult.objects.filter(status="READY").count() == 1
