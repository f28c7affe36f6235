"""Reads of the message queue for the coordinators' page, always for one territory."""

from django.db.models import Count

from . import phones
from .enums import Channel, MessageStatus
from .models import OutboundMessage


def mask_email(address: str) -> str:
    """jean.dupont@exemple.fr → j***@e***.fr"""
    local, _, domain = address.partition("@")
    if not domain:
        return "***"
    name, dot, tld = domain.rpartition(".")
    if not dot:
        name, tld = domain, ""
    return f"{local[:1]}***@{name[:1]}***" + (f".{tld}" if tld else "")


def masked_recipient(message: OutboundMessage) -> str:
    """The recipient as coordinators see it (j***@e***.fr, 06 ** ** ** 12), or « effacé »."""
    if not message.recipient:
        return "effacé"
    if message.channel == Channel.EMAIL:
        return mask_email(message.recipient)
    return phones.mask(message.recipient)


def queue_counts(*, territory) -> dict[str, int]:
    """How many messages of the territory in each state."""
    counts = dict.fromkeys(MessageStatus.values, 0)
    rows = (
        OutboundMessage.objects.filter(territory=territory)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def dead_messages(*, territory):
    """The dead-letter list: messages given up after every retry, newest first."""
    return OutboundMessage.objects.filter(territory=territory, status=MessageStatus.DEAD).order_by(
        "-updated_at", "-pk"
    )


def waiting_messages(*, territory):
    """Messages still to leave (queued, being sent, waiting for a retry), oldest first."""
    return OutboundMessage.objects.filter(
        territory=territory,
        status__in=[MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.FAILED],
    ).order_by("next_attempt_at", "pk")


def message_for(*, territory, pk) -> OutboundMessage | None:
    return OutboundMessage.objects.filter(territory=territory, pk=pk).first()
