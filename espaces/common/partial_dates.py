"""Dates known only to the month or the year ("novembre 2023", "2027"), as sources give them."""

import datetime as dt
import re

from django.db import models

MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


class DatePrecision(models.TextChoices):
    DAY = "day", "jour"
    MONTH = "month", "mois"
    YEAR = "year", "année"


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_partial_date(value) -> tuple[dt.date, str]:
    """Return (date, precision) from a date, '2023', 2023, '2023-11' or '2023-11-05'."""
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, dt.date):
        return value, DatePrecision.DAY
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("date attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)")
    match = _PARTIAL.match(value.strip())
    if not match:
        raise ValueError("date attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)")
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), DatePrecision.DAY
        if month:
            return dt.date(int(year), int(month), 1), DatePrecision.MONTH
        return dt.date(int(year), 1, 1), DatePrecision.YEAR
    except ValueError as exc:
        raise ValueError("date impossible") from exc


def format_partial_date(value: dt.date | None, precision: str) -> str:
    """French display: '24 octobre 2024', 'novembre 2023' or '2027'."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{MONTHS_FR[value.month - 1]} {value.year}"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS_FR[value.month - 1]} {value.year}"


def serialize_partial_date(value: dt.date | None, precision: str) -> str | None:
    """ISO form keeping the precision: '2024-10-24', '2023-11' or '2027'."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
