"""`|date` remembered per process (espaces/common/templatetags/fast_dates.py): the same text as
Django's filter whatever the value, the format, the language or the time zone."""

import datetime as dt
import zoneinfo

from django.template import engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_same_text_as_django_for_dates_and_date_times():
    day = dt.date(2026, 3, 9)
    moment = dt.datetime(2026, 3, 9, 22, 30, tzinfo=dt.UTC)
    for fmt in ("d/m/Y", "j F Y", "l j F", "SHORT_DATE_FORMAT"):
        assert render(f'{{{{ d|date:"{fmt}" }}}}', d=day) == django_date(day, fmt)
    # an aware date-time is shown in the current time zone (Europe/Paris: the next day)
    assert render('{{ m|date:"d/m/Y H:i" }}', m=moment) == "09/03/2026 23:30"
    with timezone.override(zoneinfo.ZoneInfo("America/Cayenne")):
        assert render('{{ m|date:"d/m/Y H:i" }}', m=moment) == "09/03/2026 19:30"
    assert render('{{ m|date:"d/m/Y H:i" }}', m=moment) == "09/03/2026 23:30"


def test_the_language_is_part_of_what_is_remembered():
    day = dt.date(2026, 3, 9)
    assert render('{{ d|date:"l j F" }}', d=day) == "lundi 9 mars"
    with translation.override("en"):
        assert render('{{ d|date:"l j F" }}', d=day) == "Monday 9 March"
    assert render('{{ d|date:"l j F" }}', d=day) == "lundi 9 mars"


def test_same_instant_in_two_zones_is_two_texts():
    paris = dt.datetime(2026, 6, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    utc = paris.astimezone(dt.UTC)
    assert paris == utc  # equal instants: the value's zone must be part of the key
    source = (
        '{% load tz %}{% localtime off %}{{ a|date:"H:i" }}|{{ b|date:"H:i" }}{% endlocaltime %}'
    )
    assert render(source, a=paris, b=utc) == "12:00|10:00"
    assert render('{{ a|date:"H:i" }}|{{ b|date:"H:i" }}', a=paris, b=utc) == "12:00|12:00"


def test_other_values_go_through_django():
    assert render('{{ v|date:"d/m/Y" }}', v=None) == ""
    assert render('{{ v|date:"d/m/Y" }}', v="") == ""
    assert render('{{ v|date:"d/m/Y" }}', v="pas une date") == ""
    assert render("{{ v|date }}", v=dt.date(2026, 1, 2)) == django_date(dt.date(2026, 1, 2))
