"""The range of dates the application accepts (docs/security.md): every date entered — form,
admin, API, import — lies between DATE_MIN and DATE_MAX. Year 1, 1900 or 9999 are typing
errors or attacks, and dates near the limits of the date types make computations (the day
after, a month later) overflow."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)


def date_in_range(value) -> bool:
    if isinstance(value, dt.datetime):
        value = value.date()
    return DATE_MIN <= value <= DATE_MAX


def validate_date_range(value) -> None:
    """Django validator (forms, models): a date between 2000-01-01 and 2100-12-31."""
    if value is None:
        return
    if not date_in_range(value):
        raise ValidationError(
            gettext("Date hors des limites : indiquez une date entre le %(min)s et le %(max)s.")
            % {"min": DATE_MIN.strftime("%d/%m/%Y"), "max": DATE_MAX.strftime("%d/%m/%Y")},
            code="date_range",
        )


def validate_not_future(value) -> None:
    from django.utils import timezone

    if value is not None and value > timezone.localdate():
        raise ValidationError(gettext("La date ne peut pas être dans le futur."), code="future")


def parse_day(value: str, name: str) -> dt.date:
    """An ISO date (AAAA-MM-JJ) within the range, or ValueError with a French message."""
    try:
        day = dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ValueError(f"{name} : date attendue au format AAAA-MM-JJ.") from exc
    if not date_in_range(day):
        raise ValueError(
            f"{name} : date hors des limites (entre le {DATE_MIN:%d/%m/%Y} et le "
            f"{DATE_MAX:%d/%m/%Y})."
        )
    return day
