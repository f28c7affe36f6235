from django.db import models


class Channel(models.TextChoices):
    EMAIL = "email", "Courriel"
    SMS = "sms", "SMS"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "En attente d'envoi"
    SENDING = "sending", "En cours d'envoi"
    SENT = "sent", "Envoyé"
    FAILED = "failed", "En échec, nouvel essai prévu"
    DEAD = "dead", "Abandonné après plusieurs essais"
    ABANDONED = "abandoned", "Abandonné par la coordination"


# Still to leave: the periodic job re-enqueues these when their next attempt is due.
PENDING_STATUSES = (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.FAILED)
