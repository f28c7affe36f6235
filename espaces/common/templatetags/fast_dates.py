"""The `date` filter with its results remembered (issue SPEED).

Django's `date` filter builds a formatter and looks the format up in the active language's
settings on every call: about 20 µs, which a list of 25 rows with a date each pays at every
request. Its result only depends on the value, the format, the language and the time zone (the
value reaches the filter already in the current time zone, `expects_localtime`), so this filter
— registered as a template builtin after Django's own (config/settings/base.py), hence replacing
`|date` in every template — keeps it per process. Values that are neither dates nor date-times
(strings, lazy objects) go through Django's filter unchanged."""

import datetime as dt
import functools

from django import template
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if type(value) not in (dt.date, dt.datetime):
        return django_date(value, arg)
    zone = str(value.tzinfo) if type(value) is dt.datetime and value.tzinfo else ""
    return _date(value, zone, arg, translation.get_language(), timezone.get_current_timezone_name())


@functools.lru_cache(maxsize=8192)
def _date(value, _zone: str, arg, _language: str, _current_zone: str) -> str:
    return django_date(value, arg)
