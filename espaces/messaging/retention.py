"""Retention of the queued messages (docs/rgpd.md): the address and the text go as soon as a
message is sent or abandoned; a dead message keeps them ESPACES_DEAD_MESSAGE_DAYS days so that a
coordinator may try again; every row goes after ESPACES_MESSAGE_LOG_DAYS days."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from . import conf
from .enums import MessageStatus
from .models import OutboundMessage


def purge_outbound_messages(*, dry_run: bool = False, today: dt.date | None = None) -> int:
    """Erase the addresses of old dead messages, delete old rows; returns how many rows."""
    now = timezone.now()
    dead_cutoff = now - dt.timedelta(days=conf.dead_message_days())
    log_cutoff = now - dt.timedelta(days=conf.message_log_days())
    to_erase = OutboundMessage.objects.filter(
        ~Q(recipient="") | ~Q(body=""),
        status__in=[MessageStatus.DEAD, MessageStatus.SENT, MessageStatus.ABANDONED],
        updated_at__lt=dead_cutoff,
    )
    to_delete = OutboundMessage.objects.filter(created_at__lt=log_cutoff).exclude(
        status__in=[MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.FAILED],
        updated_at__gte=dead_cutoff,
    )
    erased_ids = set(to_erase.values_list("pk", flat=True))
    deleted_ids = set(to_delete.values_list("pk", flat=True))
    if not dry_run:
        to_erase.update(recipient="", body="", closed_at=now)
        OutboundMessage.objects.filter(pk__in=deleted_ids).delete()
    return len(erased_ids | deleted_ids)
