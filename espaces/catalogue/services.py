"""Writes on the catalogue."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import Metier, MetierRevision


@transaction.atomic
def metier_mark_reviewed(*, metier: Metier, user, on: dt.date | None = None) -> Metier:
    """Record that `user` reviewed the sheet today (or `on`), with a revision."""
    on = on or timezone.localdate()
    metier.reviewed_on = on
    metier.save(update_fields=["reviewed_on", "updated_at"])
    MetierRevision.objects.create(
        metier=metier,
        user=user,
        origin="relecture",
        fields=["reviewed_on"],
        message=f"Fiche relue le {on:%d/%m/%Y}",
    )
    return metier


def metier_record_revision(*, metier: Metier, user, fields: list[str], message: str) -> None:
    """Keep who changed what on a sheet (called by the admin after each save)."""
    MetierRevision.objects.create(
        metier=metier, user=user, origin="admin", fields=fields, message=message[:500]
    )
