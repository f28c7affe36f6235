"""Settings of the recruitment domain: Django settings first, then the environment, then defaults.

| setting | default | meaning |
|---|---|---|
| `ESPACES_CANDIDACY_REPLY_DAYS` | 7 | days an employer has to answer a candidacy |
| `ESPACES_CANDIDACY_REMINDER_DAYS` | 5 | days between two reminders to an employer late to answer |
| `ESPACES_CANDIDACY_LINK_DAYS` | 30 | validity of the signed link sent to an employer |
| `ESPACES_CANDIDACY_CV_MONTHS` | 6 | months a CV is kept after the candidacy's last change |
| `ESPACES_OFFER_ARCHIVE_DAYS` | 90 | days after which a closed offer is archived |
"""

import os

from django.conf import settings

DEFAULTS = {
    "ESPACES_CANDIDACY_REPLY_DAYS": 7,
    "ESPACES_CANDIDACY_REMINDER_DAYS": 5,
    "ESPACES_CANDIDACY_LINK_DAYS": 30,
    "ESPACES_CANDIDACY_CV_MONTHS": 6,
    "ESPACES_OFFER_ARCHIVE_DAYS": 90,
}
MAX_REMINDERS = 3
CV_MAX_BYTES = 5 * 1024 * 1024
CV_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".jpg", ".jpeg", ".png")


def setting(name: str) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or DEFAULTS[name]
    return int(value)


def candidacy_reply_days() -> int:
    return setting("ESPACES_CANDIDACY_REPLY_DAYS")


def candidacy_reminder_days() -> int:
    return setting("ESPACES_CANDIDACY_REMINDER_DAYS")


def candidacy_link_days() -> int:
    return setting("ESPACES_CANDIDACY_LINK_DAYS")


def cv_retention_months() -> int:
    return setting("ESPACES_CANDIDACY_CV_MONTHS")


def offer_archive_days() -> int:
    return setting("ESPACES_OFFER_ARCHIVE_DAYS")
