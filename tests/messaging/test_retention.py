"""Retention of queued messages (docs/rgpd.md): addresses of dead messages go after
ESPACES_DEAD_MESSAGE_DAYS, every row after ESPACES_MESSAGE_LOG_DAYS."""

import datetime as dt

from django.utils import timezone

from espaces.messaging.enums import MessageStatus
from espaces.messaging.models import OutboundMessage
from espaces.reception.retention import purge_personal_data


def _message(territory, *, status, days_old, recipient="a@exemple.fr"):
    message = OutboundMessage.objects.create(
        territory=territory, channel="email", kind="t", recipient=recipient, body="B", status=status
    )
    when = timezone.now() - dt.timedelta(days=days_old)
    OutboundMessage.objects.filter(pk=message.pk).update(created_at=when, updated_at=when)
    return message


def test_purge_erases_old_dead_addresses_and_deletes_old_rows(territory, settings):
    settings.ESPACES_DEAD_MESSAGE_DAYS = 30
    settings.ESPACES_MESSAGE_LOG_DAYS = 90
    recent_dead = _message(territory, status=MessageStatus.DEAD, days_old=10)
    old_dead = _message(territory, status=MessageStatus.DEAD, days_old=31)
    ancient_sent = _message(territory, status=MessageStatus.SENT, days_old=91, recipient="")
    recent_sent = _message(territory, status=MessageStatus.SENT, days_old=5, recipient="")
    report = purge_personal_data(dry_run=True)
    assert report.counts["messages sortants (adresses et numéros)"] == 2
    assert OutboundMessage.objects.get(pk=old_dead.pk).recipient == "a@exemple.fr"
    report = purge_personal_data()
    assert report.counts["messages sortants (adresses et numéros)"] == 2
    old_dead.refresh_from_db()
    assert (old_dead.recipient, old_dead.body) == ("", "")
    assert not OutboundMessage.objects.filter(pk=ancient_sent.pk).exists()
    assert OutboundMessage.objects.get(pk=recent_dead.pk).recipient == "a@exemple.fr"
    assert OutboundMessage.objects.filter(pk=recent_sent.pk).exists()
