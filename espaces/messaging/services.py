"""The one way out for e-mails and SMS: `queue_email` / `queue_sms` store the message and hand it
to the task queue once the transaction commits; `message_send` sends it through Django's e-mail
backend or the SMS provider (espaces.events.sms), with retries (1 min, 5 min, 30 min, 2 h) and
then the dead-letter list that coordinators see (docs/deployment.md, « Messages »)."""

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from espaces.ops.schedule import Job

from . import phones
from .enums import PENDING_STATUSES, Channel, MessageStatus
from .models import OutboundMessage

logger = logging.getLogger("espaces.messaging")

# Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure makes the message dead.
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
# A queued message whose task never ran (lost by a restarted worker) is enqueued again after
# this; a message left « sending » by a worker that died is tried again after the same time.
LEASE = dt.timedelta(minutes=10)
RETRY_JOB = Job("espaces.messaging.tasks.retry_due_messages", dt.timedelta(minutes=1))


class MessageError(Exception):
    """A message that cannot even be queued (no address, not a mobile)."""


@dataclass
class Delivery:
    """What a caller asked to send to one person: the queued messages, to say honestly on the
    page whether they left (« envoyé ») or are still waiting (« en attente d'envoi »)."""

    messages: list[OutboundMessage] = field(default_factory=list)

    @property
    def email(self) -> bool:
        return any(m.channel == Channel.EMAIL for m in self.messages)

    @property
    def sms(self) -> bool:
        return any(m.channel == Channel.SMS for m in self.messages)

    @property
    def any(self) -> bool:
        """Something will reach the person (sent, or queued with retries)."""
        return bool(self.messages)

    def state(self) -> str:
        """« sent » when at least one message left, « queued » when they all still wait,
        « failed » when they were all abandoned, « none » when nothing could be queued."""
        if not self.messages:
            return "none"
        statuses = set(
            OutboundMessage.objects.filter(pk__in=[m.pk for m in self.messages]).values_list(
                "status", flat=True
            )
        )
        if MessageStatus.SENT in statuses:
            return "sent"
        if statuses & set(PENDING_STATUSES):
            return "queued"
        return "failed"


def _territory_id(territory) -> int:
    return territory if isinstance(territory, int) else territory.pk


def _enqueue_on_commit(message: OutboundMessage) -> None:
    """Hand the message to the queue once the transaction commits. The immediate backend (the
    tests) sends at once, as the senders did before the queue: callers that must wait for the
    commit already call from their own `transaction.on_commit`."""
    from django_tasks.backends.immediate import ImmediateBackend

    from .tasks import send_outbound_message

    if isinstance(send_outbound_message.get_backend(), ImmediateBackend):
        enqueue_message(message.pk)
    else:
        transaction.on_commit(lambda pk=message.pk: enqueue_message(pk))


def enqueue_message(pk: int, *, run_after: dt.datetime | None = None) -> None:
    """Hand one message to the task queue; if the queue cannot take it, the periodic job will."""
    from .tasks import send_outbound_message

    task = send_outbound_message
    try:
        if run_after is not None and task.get_backend().supports_defer:
            task = task.using(run_after=run_after)
        elif run_after is not None:
            return  # the immediate backend: the periodic job sends it when it is due
        task.enqueue(pk)
    except Exception:  # noqa: BLE001 — the periodic job re-enqueues it
        logger.exception("Message n° %s non confié à la file ; nouvel essai programmé", pk)


def queue_email(
    *, territory, kind: str, to: str | Iterable[str], subject: str, body: str
) -> list[OutboundMessage]:
    """Store one e-mail per address and send each after the current transaction commits."""
    addresses = [to] if isinstance(to, str) else list(to)
    addresses = list(dict.fromkeys(a.strip() for a in addresses if a and a.strip()))
    now = timezone.now()
    messages = [
        OutboundMessage.objects.create(
            territory_id=_territory_id(territory),
            channel=Channel.EMAIL,
            kind=kind[:60],
            recipient=address[:254],
            subject=" ".join(subject.split())[:300],
            body=body,
            next_attempt_at=now + LEASE,
        )
        for address in addresses
    ]
    for message in messages:
        _enqueue_on_commit(message)
    return messages


def queue_sms(*, territory, kind: str, to: str, text: str) -> OutboundMessage | None:
    """Store one SMS and send it after commit; None (nothing stored) when `to` is no mobile."""
    phone = phones.parse(to)
    if phone is None or not phone.mobile:
        return None
    message = OutboundMessage.objects.create(
        territory_id=_territory_id(territory),
        channel=Channel.SMS,
        kind=kind[:60],
        recipient=phone.e164,
        body=text,
        next_attempt_at=timezone.now() + LEASE,
    )
    _enqueue_on_commit(message)
    return message


def _claim(pk: int, now: dt.datetime) -> bool:
    """Take the message for one attempt; False when another worker has it or it is done."""
    due = Q(status=MessageStatus.QUEUED) | Q(
        status__in=[MessageStatus.FAILED, MessageStatus.SENDING], next_attempt_at__lte=now
    )
    return bool(
        OutboundMessage.objects.filter(due, pk=pk).update(
            status=MessageStatus.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=now + LEASE,
            updated_at=now,
        )
    )


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITS = re.compile(r"\+?\d[\d .-]{5,}\d")


def describe_error(exc: BaseException, recipient: str = "") -> str:
    """The error's kind and message without any address or number (they may name the
    recipient: « 550 unknown user jean@… »)."""
    text = str(exc)
    if recipient:
        text = text.replace(recipient, "***")
    text = _DIGITS.sub("***", _EMAIL.sub("***", text))
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _deliver(message: OutboundMessage) -> None:
    if message.channel == Channel.EMAIL:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
        ).send(fail_silently=False)
    else:
        from espaces.events import sms

        sms.send_sms(to=message.recipient, text=message.body)


def message_send(*, pk: int, now: dt.datetime | None = None) -> str:
    """One attempt at sending message `pk`; returns its status afterwards."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return OutboundMessage.objects.filter(pk=pk).values_list("status", flat=True).first() or ""
    message = OutboundMessage.objects.get(pk=pk)
    try:
        _deliver(message)
    except Exception as exc:  # noqa: BLE001 — recorded, retried, never raised to the worker
        error = describe_error(exc, message.recipient)
        if message.attempts >= MAX_ATTEMPTS:
            status, next_at = MessageStatus.DEAD, now
            logger.error("Message n° %s (%s) abandonné : %s", pk, message.kind, error)
        else:
            status, next_at = MessageStatus.FAILED, now + BACKOFF[message.attempts - 1]
            logger.warning("Message n° %s (%s) en échec : %s", pk, message.kind, error)
        OutboundMessage.objects.filter(pk=pk).update(
            status=status, last_error=error, next_attempt_at=next_at, updated_at=timezone.now()
        )
        if status == MessageStatus.FAILED:
            enqueue_message(pk, run_after=next_at)
        return status
    # Sent: the address and the text are no longer needed.
    OutboundMessage.objects.filter(pk=pk).update(
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
        recipient="",
        body="",
        last_error="",
        updated_at=timezone.now(),
    )
    return MessageStatus.SENT


def messages_retry_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Enqueue again every pending message whose attempt is due (lost tasks, retries)."""
    now = now or timezone.now()
    pks = list(
        OutboundMessage.objects.filter(status__in=PENDING_STATUSES, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in pks:  # a task still waiting in the queue too is harmless: one claim wins
        enqueue_message(pk)
    return len(pks)


def message_retry(*, message: OutboundMessage) -> bool:
    """A coordinator asks for one more try of a dead message (its attempts start again)."""
    updated = OutboundMessage.objects.filter(
        pk=message.pk, status=MessageStatus.DEAD, territory_id=message.territory_id
    ).exclude(recipient="")
    with transaction.atomic():
        done = bool(
            updated.update(
                status=MessageStatus.QUEUED,
                attempts=0,
                next_attempt_at=timezone.now() + LEASE,
                updated_at=timezone.now(),
            )
        )
        if done:
            _enqueue_on_commit(message)
    return done


def message_abandon(*, message: OutboundMessage) -> bool:
    """A coordinator gives up a dead or waiting message: its address and text are erased."""
    now = timezone.now()
    return bool(
        OutboundMessage.objects.filter(
            pk=message.pk,
            territory_id=message.territory_id,
            status__in=[MessageStatus.DEAD, MessageStatus.FAILED, MessageStatus.QUEUED],
        ).update(
            status=MessageStatus.ABANDONED,
            recipient="",
            body="",
            closed_at=now,
            updated_at=now,
        )
    )


def contact_allowed(scope: str, *, email: str = "", phone: str = "", limit: int) -> bool:
    """Count one more message the public asks for to this e-mail address and phone number in
    `scope`; False beyond `limit` a day. The cache keys hold a keyed hash, never the address."""
    from espaces.ops.rate_limit import allow, fingerprint

    keys = []
    if email.strip():
        keys.append(fingerprint("email:" + email.strip().lower()))
    if phone.strip():
        keys.append(fingerprint("tel:" + (phones.normalise(phone) or phone.strip())))
    results = [allow(scope, key, limit=limit, seconds=86400) for key in keys]
    return all(results)
