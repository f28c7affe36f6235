"""iCal feeds parsed back with the icalendar package."""

import datetime as dt

import pytest
from icalendar import Calendar

from .factories import EventTypeFactory, SessionFactory, in_days


@pytest.fixture
def sessions(territory, site, other_site, atelier):
    vr = EventTypeFactory(territory=territory, slug="vr", name="Casque VR", kind="immersion_vr")
    return [
        SessionFactory(territory=territory, site=site, event_type=atelier, start=in_days(1)),
        SessionFactory(territory=territory, site=other_site, event_type=vr, start=in_days(2)),
        SessionFactory(
            territory=territory, site=site, event_type=vr, start=in_days(3), status="cancelled"
        ),
        SessionFactory(territory=territory, site=site, event_type=atelier, start=in_days(500)),
    ]


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_full_feed_lists_sessions_with_times_place_and_status(
    client, sessions, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get("/agenda/agenda.ics")
    calendar, items = events(response)
    assert str(calendar["X-WR-CALNAME"]).startswith("Espaces 20 000 emplois")
    assert len(items) == 3  # the one in 500 days is beyond the feed's year
    first = items[0]
    assert first.decoded("dtstart") == sessions[0].start.astimezone(dt.UTC)
    assert first.decoded("dtend") == sessions[0].end.astimezone(dt.UTC)
    assert str(first["summary"]) == "Atelier métiers"
    assert "Espace du centre" in str(first["location"])
    assert str(first["url"]).endswith(f"/agenda/seances/{sessions[0].pk}/")
    assert [str(e["status"]) for e in items] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert len({str(e["uid"]) for e in items}) == 3


def test_per_site_and_per_type_feeds(client, sessions):
    _, by_site = events(client.get("/agenda/espaces/gare/agenda.ics"))
    assert [str(e["summary"]) for e in by_site] == ["Casque VR"]
    _, by_type = events(client.get("/agenda/types/vr/agenda.ics"))
    assert len(by_type) == 2
    _, filtered = events(client.get("/agenda/agenda.ics?site=centre&type=vr"))
    assert len(filtered) == 1
    assert client.get("/agenda/espaces/inconnu/agenda.ics").status_code == 404
    assert client.get("/agenda/types/inconnu/agenda.ics").status_code == 404


def test_add_to_my_calendar_for_one_session(client, sessions):
    _, items = events(client.get(f"/agenda/seances/{sessions[0].pk}/agenda.ics"))
    assert len(items) == 1 and str(items[0]["uid"]).startswith(f"seance-{sessions[0].pk}@")
    page = client.get(f"/agenda/seances/{sessions[0].pk}/").content.decode()
    assert f'href="/agenda/seances/{sessions[0].pk}/agenda.ics"' in page
    assert "Ajouter à mon agenda" in page
