"""The audit log of personal data: every read and change of a follow-up file, by whom, when.

Entries never hold personal data (no names, no free text): an action, an object type and id,
and a short summary of what was done. Coordinators read them on the staff audit page."""

from django.db.models import QuerySet

from .models import AuditAction, AuditLog

__all__ = ["AuditAction", "AuditLog", "audit_entries_for", "audit_record"]


def audit_record(
    *,
    territory,
    user=None,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
    actor: str = "",
) -> AuditLog:
    """Append one entry; `obj` gives the object type and id when passed."""
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_id = object_id or obj.pk
    return AuditLog.objects.create(
        territory=territory,
        user=user if user is not None and user.is_authenticated else None,
        actor=actor[:200],
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        summary=summary[:300],
    )


def audit_entries_for(
    *, territory, object_type: str = "", object_id: str | int = ""
) -> QuerySet[AuditLog]:
    """Entries of a territory, newest first, optionally for one object."""
    entries = AuditLog.objects.filter(territory=territory).select_related("user")
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id != "":
        entries = entries.filter(object_id=str(object_id))
    return entries
