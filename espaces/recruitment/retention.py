"""Retention of what candidacies hold about a person: a CV is removed
ESPACES_CANDIDACY_CV_MONTHS months after the candidacy's last change, and at once when the
follow-up file is anonymised (purge or erasure on request), together with the message and the
notes. The candidacy itself stays, with its states and dates, for the figures."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from espaces.reception.calendar_months import add_months

from .conf import cv_retention_months
from .models import Candidacy, CandidacyEvent


def cv_cutoff(today: dt.date | None = None) -> dt.datetime:
    day = add_months(today or timezone.localdate(), -cv_retention_months())
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def expired_cvs(*, today: dt.date | None = None):
    return (
        Candidacy.objects.filter(cv_removed_at__isnull=True)
        .exclude(cv_name="")
        .filter(
            Q(status_changed_at__lt=cv_cutoff(today)) | Q(beneficiary__anonymised_at__isnull=False)
        )
    )


def purge_candidacy_files(*, dry_run: bool = False, today: dt.date | None = None) -> int:
    """Remove expired CVs (registered with reception's purge: `espaces purge_personal_data`)."""
    expired = expired_cvs(today=today)
    count = expired.count()
    if not dry_run and count:
        expired.update(cv_data=None, cv_name="", cv_content_type="", cv_removed_at=timezone.now())
    return count


def candidacies_anonymise(beneficiary) -> None:
    """Called when a follow-up file is anonymised: free texts and the CV go."""
    candidacies = Candidacy.objects.filter(beneficiary=beneficiary)
    candidacies.update(message="")
    candidacies.exclude(cv_name="").update(
        cv_data=None, cv_name="", cv_content_type="", cv_removed_at=timezone.now()
    )
    CandidacyEvent.objects.filter(candidacy__beneficiary=beneficiary).update(note="")
