"""The message queue: stored, sent by the task, retried with back-off, then dead."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from espaces.events import sms
from espaces.messaging.enums import MessageStatus
from espaces.messaging.models import OutboundMessage
from espaces.messaging.services import (
    BACKOFF,
    LEASE,
    RETRY_JOB,
    Delivery,
    describe_error,
    message_abandon,
    message_retry,
    message_send,
    messages_retry_due,
    queue_email,
    queue_sms,
)
from espaces.ops.schedule import JOBS


def test_an_email_is_sent_and_its_address_and_text_erased(territory):
    [message] = queue_email(
        territory=territory,
        kind="test.hello",
        to="jean@exemple.fr",
        subject="Bonjour",
        body="Corps",
    )
    (sent,) = mail.outbox
    assert sent.to == ["jean@exemple.fr"] and sent.subject == "Bonjour" and sent.body == "Corps"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 1
    assert (message.recipient, message.body, message.last_error) == ("", "", "")
    assert message.sent_at is not None and message.territory == territory


def test_one_message_per_distinct_address(territory):
    messages = queue_email(
        territory=territory,
        kind="test.many",
        to=["a@exemple.fr", "b@exemple.fr", "a@exemple.fr", ""],
        subject="S",
        body="B",
    )
    assert len(messages) == 2 and sorted(m.to[0] for m in mail.outbox) == [
        "a@exemple.fr",
        "b@exemple.fr",
    ]


def test_sms_go_to_mobiles_only_with_the_stop_mention(territory):
    assert queue_sms(territory=territory, kind="test.sms", to="03 28 00 00 00", text="x") is None
    assert not OutboundMessage.objects.exists()
    message = queue_sms(territory=territory, kind="test.sms", to="06 12 34 56 78", text="Rappel")
    [sent] = sms.outbox
    assert sent.to == "+33612345678" and sent.text.endswith(
        "Répondez STOP pour ne plus recevoir de SMS."
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.recipient == ""


def test_a_failure_is_retried_after_1_5_30_120_minutes_then_dead(territory, broken_mail):
    start = timezone.now()
    [message] = queue_email(
        territory=territory, kind="test.fail", to="jean@exemple.fr", subject="S", body="B"
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED and message.attempts == 1
    waits = []
    now = message.next_attempt_at
    waits.append(now - message.updated_at)
    for attempt in range(2, 6):
        # Not due one second before: the periodic job leaves it alone.
        assert messages_retry_due(now=now - dt.timedelta(seconds=1)) == 0
        assert message_send(pk=message.pk, now=now) in (MessageStatus.FAILED, MessageStatus.DEAD)
        message.refresh_from_db()
        assert message.attempts == attempt
        if message.status == MessageStatus.FAILED:
            waits.append(message.next_attempt_at - now)
            now = message.next_attempt_at
    assert message.status == MessageStatus.DEAD
    assert [round(w.total_seconds() / 60) for w in waits] == [1, 5, 30, 120]
    assert [b.total_seconds() / 60 for b in BACKOFF] == [1, 5, 30, 120]
    # Kept for a retry by a coordinator, but the error names nobody.
    assert message.recipient == "jean@exemple.fr"
    assert message.last_error.startswith("ConnectionRefusedError: 550 unknown user ***")
    assert "jean" not in message.last_error and "612345678" not in message.last_error
    assert message.created_at >= start and mail.outbox == []
    # A dead message is never taken again by the periodic job.
    assert messages_retry_due(now=now + dt.timedelta(days=1)) == 0


def test_the_periodic_job_sends_a_retry_once_due(territory, broken_mail, settings):
    [message] = queue_email(territory=territory, kind="t", to="a@exemple.fr", subject="S", body="B")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message.refresh_from_db()
    assert messages_retry_due() == 0  # due in one minute
    # A minute later (the task compares with the clock: move the due time instead).
    OutboundMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert messages_retry_due() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(mail.outbox) == 1


def test_a_lost_task_is_sent_by_the_periodic_job(territory):
    # A queued row whose task never ran (worker restarted before taking it).
    lost = OutboundMessage.objects.create(
        territory=territory,
        channel="email",
        kind="t",
        recipient="a@exemple.fr",
        subject="S",
        body="B",
        next_attempt_at=timezone.now() + LEASE,
    )
    assert messages_retry_due() == 0  # still within its lease: its task may be on its way
    assert messages_retry_due(now=timezone.now() + LEASE + dt.timedelta(seconds=1)) == 1
    lost.refresh_from_db()
    assert lost.status == MessageStatus.SENT and len(mail.outbox) == 1


def test_a_message_is_never_sent_twice(territory):
    [message] = queue_email(territory=territory, kind="t", to="a@exemple.fr", subject="S", body="B")
    assert message_send(pk=message.pk) == MessageStatus.SENT
    assert messages_retry_due(now=timezone.now() + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_retry_and_abandon_by_a_coordinator(territory, broken_mail, settings):
    [message] = queue_email(territory=territory, kind="t", to="a@exemple.fr", subject="S", body="B")
    OutboundMessage.objects.filter(pk=message.pk).update(status=MessageStatus.DEAD, attempts=5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert message_retry(message=message)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(mail.outbox) == 1
    assert not message_retry(message=message)  # sent: nothing to retry
    assert not message_abandon(message=message)
    settings.EMAIL_BACKEND = "tests.messaging.conftest.BrokenEmailBackend"
    [other] = queue_email(territory=territory, kind="t", to="b@exemple.fr", subject="S", body="B")
    assert message_abandon(message=other)
    other.refresh_from_db()
    assert other.status == MessageStatus.ABANDONED and (other.recipient, other.body) == ("", "")
    assert messages_retry_due(now=timezone.now() + dt.timedelta(days=1)) == 0


def test_delivery_says_sent_queued_or_none(territory, broken_mail):
    assert Delivery().state() == "none" and not Delivery().any
    delivery = Delivery(
        messages=queue_email(
            territory=territory, kind="t", to="a@exemple.fr", subject="S", body="B"
        )
    )
    assert delivery.any and delivery.email and not delivery.sms
    assert delivery.state() == "queued"  # failed once, retried automatically


def test_errors_lose_addresses_and_numbers():
    error = describe_error(ValueError("refus pour jean.dupont@exemple.fr au 06 12 34 56 78"))
    assert error == "ValueError: refus pour *** au ***"


def test_the_retry_job_is_in_the_one_schedule():
    assert RETRY_JOB in JOBS and RETRY_JOB.every == dt.timedelta(minutes=1)
    assert [job.task for job in JOBS].count(RETRY_JOB.task) == 1


# --- with a deferring backend, as in production ------------------------------------------------
def test_the_task_is_enqueued_only_once_the_transaction_commits(
    territory, deferred_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        [message] = queue_email(
            territory=territory, kind="t", to="a@exemple.fr", subject="S", body="B"
        )
        assert deferred_backend.results == []
    [result] = deferred_backend.results
    assert result.args == [message.pk] and result.task.name == "send_outbound_message"
    assert mail.outbox == []  # the worker sends it
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED


def test_a_rolled_back_message_is_never_enqueued(
    territory, deferred_backend, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_email(territory=territory, kind="t", to="a@exemple.fr", subject="S", body="B")
        raise RuntimeError
    assert callbacks == [] and deferred_backend.results == []
    assert not OutboundMessage.objects.exists()


def test_a_failed_attempt_enqueues_its_retry_after_the_back_off(
    territory, deferred_backend, broken_mail
):
    message = OutboundMessage.objects.create(
        territory=territory, channel="email", kind="t", recipient="a@exemple.fr", body="B"
    )
    now = timezone.now()
    assert message_send(pk=message.pk, now=now) == MessageStatus.FAILED
    [retry] = deferred_backend.results
    assert retry.args == [message.pk] and retry.task.run_after == now + BACKOFF[0]
