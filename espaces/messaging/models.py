from django.db import models
from django.utils import timezone

from espaces.common.models import TerritoryScopedModel

from .enums import Channel, MessageStatus


class OutboundMessage(TerritoryScopedModel):
    """One e-mail or SMS to one recipient, sent by the task queue with retries.

    The recipient and the text are kept only while the message may still leave: they are
    cleared as soon as it is sent or abandoned, and a dead message's are purged after
    ESPACES_DEAD_MESSAGE_DAYS (docs/rgpd.md). `last_error` never holds personal data."""

    channel = models.CharField("canal", max_length=10, choices=Channel.choices)
    kind = models.CharField("nature", max_length=60)  # e.g. events.confirmed, reception.referral
    recipient = models.CharField("destinataire", max_length=254, blank=True)
    subject = models.CharField("objet", max_length=300, blank=True)
    body = models.TextField("texte", blank=True)
    status = models.CharField(
        "état", max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    last_error = models.CharField("dernière erreur", max_length=300, blank=True)
    next_attempt_at = models.DateTimeField("prochain essai", default=timezone.now)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    closed_at = models.DateTimeField("abandonné le", null=True, blank=True)

    class Meta:
        verbose_name = "message sortant"
        verbose_name_plural = "messages sortants"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="messaging_due_idx"),
            models.Index(fields=["territory", "status"], name="messaging_territory_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_channel_display()} {self.kind} n° {self.pk} ({self.get_status_display()})"
        )
