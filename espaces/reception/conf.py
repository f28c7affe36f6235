"""Settings of the reception domain: Django settings first, then the environment, then defaults.

| setting | default | meaning |
|---|---|---|
| `ESPACES_RETENTION_MONTHS` | 24 | months a follow-up file is kept after the last contact |
| `ESPACES_REFERRAL_REPLY_DAYS` | 10 | days a partner has to answer a referral |
| `ESPACES_REFERRAL_REMINDER_DAYS` | 5 | days between two reminders to a partner late to answer |
| `ESPACES_REFERRAL_LINK_DAYS` | 30 | validity of the signed link sent to a partner |
| `ESPACES_FOLLOW_UP_MONTHS` | 6 | months after exit of the follow-up |
| `ESPACES_PUBLIC_URL` | the request's host, else the territory's | absolute address used in e-mails (espaces.common.public_url) |
"""

import os

from django.conf import settings

DEFAULTS = {
    "ESPACES_RETENTION_MONTHS": 24,
    "ESPACES_REFERRAL_REPLY_DAYS": 10,
    "ESPACES_REFERRAL_REMINDER_DAYS": 5,
    "ESPACES_REFERRAL_LINK_DAYS": 30,
    "ESPACES_FOLLOW_UP_MONTHS": 6,
}


def setting(name: str) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or DEFAULTS[name]
    return int(value)


def retention_months() -> int:
    return setting("ESPACES_RETENTION_MONTHS")


def referral_reply_days() -> int:
    return setting("ESPACES_REFERRAL_REPLY_DAYS")


def referral_reminder_days() -> int:
    return setting("ESPACES_REFERRAL_REMINDER_DAYS")


def referral_link_days() -> int:
    return setting("ESPACES_REFERRAL_LINK_DAYS")


def follow_up_months() -> int:
    return setting("ESPACES_FOLLOW_UP_MONTHS")


def base_url(territory=None) -> str:
    """Absolute address of the site for links in e-mails: espaces.common.public_url."""
    from espaces.common.public_url import public_base_url

    return public_base_url(territory=territory)
