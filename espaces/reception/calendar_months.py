"""Adding calendar months to a date (retention periods, follow-up six months after exit)."""

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """31 August + 6 months → 28 (or 29) February: the last day when the month is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
