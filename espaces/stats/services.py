"""Writes of the statistics app: the coordinator's commentary of a report period."""

import datetime as dt

from django.db import transaction

from espaces.common.audit import AuditAction, audit_record
from espaces.territories.models import Territory

from .models import ReportCommentary


@transaction.atomic
def report_commentary_save(
    *, territory: Territory, user, date_from: dt.date, date_to: dt.date, text: str
) -> ReportCommentary | None:
    """Stores (or, when empty, deletes) the commentary of the period; audited either way."""
    text = text.strip()
    existing = (
        ReportCommentary.objects.select_for_update()
        .filter(territory=territory, date_from=date_from, date_to=date_to)
        .first()
    )
    period = f"{date_from.isoformat()} → {date_to.isoformat()}"
    if not text:
        if existing is not None:
            audit_record(
                territory=territory,
                user=user,
                action=AuditAction.DELETE,
                obj=existing,
                summary=f"commentaire du bilan {period} effacé",
            )
            existing.delete()
        return None
    if existing is None:
        existing = ReportCommentary.objects.create(
            territory=territory, date_from=date_from, date_to=date_to, text=text, updated_by=user
        )
        action = AuditAction.CREATE
    elif existing.text == text:
        return existing
    else:
        existing.text, existing.updated_by = text, user
        existing.save(update_fields=["text", "updated_by", "updated_at"])
        action = AuditAction.UPDATE
    audit_record(
        territory=territory,
        user=user,
        action=action,
        obj=existing,
        summary=f"commentaire du bilan {period} enregistré ({len(text)} caractères)",
    )
    return existing
