"""The personal-data lifecycle: follow-up files are anonymised ESPACES_RETENTION_MONTHS months
(24 by default) after the last contact with the person (docs/rgpd.md).

Anonymising keeps each row and its categories, so every aggregate count stays the same;
only names, contact details, sensitive answers and free texts go. Other apps may register
their own purge with `register_purger` so that `espaces purge_personal_data` runs them too."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .calendar_months import add_months
from .conf import retention_months
from .models import Beneficiary
from .services import beneficiary_anonymise

# name → callable(*, dry_run: bool, today: date) -> int (records purged or to purge)
PURGERS: dict[str, Callable[..., int]] = {}


def register_purger(name: str, purger: Callable[..., int]) -> None:
    PURGERS[name] = purger


def _event_registrations(*, dry_run: bool, today: dt.date) -> int:
    from espaces.events.services import registrations_anonymise

    return registrations_anonymise(dry_run=dry_run)


register_purger("inscriptions aux événements", _event_registrations)


@dataclass
class PurgeReport:
    dry_run: bool
    cutoff: dt.date
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        prefix = "[essai, rien n'est modifié] " if self.dry_run else ""
        verb = "à anonymiser" if self.dry_run else "anonymisé(s)"
        lines = [
            f"{prefix}Dossiers de suivi sans contact depuis le {self.cutoff:%d/%m/%Y} "
            f"(plus de {retention_months()} mois) : {self.counts.get('dossiers de suivi', 0)} "
            f"{verb}."
        ]
        lines += [
            f"{prefix}{name} : {count} {verb}."
            for name, count in self.counts.items()
            if name != "dossiers de suivi"
        ]
        return lines


def retention_cutoff(today: dt.date | None = None) -> dt.date:
    """Files whose last contact is before this date are past their retention period."""
    return add_months(today or timezone.localdate(), -retention_months())


def expired_beneficiaries(*, today: dt.date | None = None):
    return Beneficiary.objects.active().filter(last_contact_on__lt=retention_cutoff(today))


def purge_personal_data(*, dry_run: bool = False, today: dt.date | None = None) -> PurgeReport:
    """Anonymise every expired follow-up file (and run the purgers other apps registered)."""
    today = today or timezone.localdate()
    report = PurgeReport(dry_run=dry_run, cutoff=retention_cutoff(today))
    expired = list(expired_beneficiaries(today=today).select_related("territory"))
    if not dry_run:
        with transaction.atomic():
            for beneficiary in expired:
                beneficiary_anonymise(beneficiary=beneficiary)
    report.counts["dossiers de suivi"] = len(expired)
    for name, purger in PURGERS.items():
        report.counts[name] = purger(dry_run=dry_run, today=today)
    return report
