"""Requests and inbound referrals keep their contact details as long as a follow-up file:
ESPACES_RETENTION_MONTHS (24) after the last activity; then names, contacts and free texts
are cleared, rows and categories stay (the counts do not change). Registered as a purger of
`espaces purge_personal_data` (espaces.reception.retention)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from espaces.reception.retention import retention_cutoff

from .models import InboundReferral, ProRequest

REQUEST_FIELDS = {
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "accessibility_needs": "",
    "survey_comment": "",
}
REFERRAL_FIELDS = {
    "first_name": "",
    "contact_email": "",
    "contact_phone": "",
    "reason": "",
    "preferred_times": "",
    "referrer_name": "",
}


def purge_pros_personal_data(*, dry_run: bool, today: dt.date) -> int:
    cutoff = retention_cutoff(today)
    requests = ProRequest.objects.filter(anonymised_at__isnull=True, last_activity_on__lt=cutoff)
    referrals = InboundReferral.objects.filter(
        anonymised_at__isnull=True, last_activity_on__lt=cutoff
    )
    if dry_run:
        return requests.count() + referrals.count()
    now = timezone.now()
    with transaction.atomic():
        n = requests.update(anonymised_at=now, updated_at=now, **REQUEST_FIELDS)
        n += referrals.update(anonymised_at=now, updated_at=now, **REFERRAL_FIELDS)
    return n
