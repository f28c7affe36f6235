"""Bursts of registrations through real, separate database connections (one per thread).

These tests commit for real (`transaction=True`); on SQLite the test database is a file
(config/settings/test.py) so that each thread has its own connection and SQLite's write lock
serialises the transactions; on PostgreSQL the session row is locked with SELECT … FOR UPDATE.
Run them on PostgreSQL with DATABASE_URL=postgres://… .
"""

import json
import threading
from collections import Counter

import pytest
from django.db import connections
from django.test import Client

from espaces.events.enums import RegistrationChannel
from espaces.events.models import Registration, Session
from espaces.events.services import (
    EventError,
    registration_cancel,
    registration_create,
    reminders_send_due,
)
from tests.factories import SiteFactory, TerritoryFactory

from .conftest import person
from .factories import EventTypeFactory, SessionFactory, in_days

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_threads(functions) -> list:
    """Start every function at the same moment, each in its own thread (and connection)."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait(timeout=30)
            results[index] = function()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return results


@pytest.fixture
def burst_session(settings):
    territory = TerritoryFactory(slug="concurrence")
    settings.ESPACES_TERRITORY = territory.slug
    site = SiteFactory(territory=territory)
    event_type = EventTypeFactory(territory=territory)
    return SessionFactory(
        territory=territory, site=site, event_type=event_type, capacity=9, start=in_days(5)
    )


def counts(session) -> Counter:
    return Counter(Registration.objects.filter(session=session).values_list("status", flat=True))


def test_fifty_concurrent_registrations_on_every_path_give_nine_seats_and_41_waiting(
    burst_session,
):
    session = burst_session

    def by_api(n):
        def call():
            response = Client().post(
                f"/api/v1/sessions/{session.pk}/registrations",
                data=json.dumps(person(n)),
                content_type="application/json",
            )
            return response.status_code, response.json()["status"]

        return call

    def by_form(n):
        def call():
            data = {k: v for k, v in person(n).items() if k != "consent"} | {"consent": "on"}
            response = Client().post(f"/agenda/seances/{session.pk}/", data)
            assert response.status_code == 302, response.content.decode()[:500]
            status = Registration.objects.get(email=f"camille{n}@example.org").status
            return 302, status

        return call

    def by_staff(n):
        def call():
            registration = registration_create(
                session=Session.objects.get(pk=session.pk),
                channel=RegistrationChannel.STAFF,
                **person(n),
            )
            return "service", registration.status

        return call

    calls = (
        [by_api(n) for n in range(0, 20)]
        + [by_form(n) for n in range(20, 40)]
        + [by_staff(n) for n in range(40, 50)]
    )
    results = run_in_threads(calls)

    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == []
    assert {code for code, _ in results} <= {201, 302, "service"}
    assert Counter(status for _, status in results) == {"confirmed": 9, "waitlisted": 41}
    assert counts(session) == {"confirmed": 9, "waitlisted": 41}
    fresh = Session.objects.with_counts().get(pk=session.pk)
    assert (fresh.seats_left, fresh.waitlist_count) == (0, 41)


def test_concurrent_groups_and_individuals_never_exceed_capacity(burst_session):
    session = burst_session  # 9 seats

    def group(n, seats):
        def call():
            try:
                return registration_create(
                    session=Session.objects.get(pk=session.pk),
                    channel=RegistrationChannel.STAFF,
                    seats=seats,
                    **person(n),
                ).seats
            except EventError:
                return 0

        return call

    results = run_in_threads([group(n, 4) for n in range(6)] + [group(n, 1) for n in range(6, 16)])
    assert not [r for r in results if isinstance(r, BaseException)]
    confirmed = sum(
        Registration.objects.filter(session=session, status="confirmed").values_list(
            "seats", flat=True
        )
    )
    assert confirmed == 9
    assert not Registration.objects.filter(session=session, status="waitlisted", seats__gt=1)


def test_concurrent_cancellations_promote_each_waiting_person_once(burst_session):
    session = burst_session
    registrations = [registration_create(session=session, **person(n)) for n in range(20)]
    confirmed, waiting = registrations[:9], registrations[9:]

    def cancel(registration):
        return lambda: len(registration_cancel(registration=registration))

    def register(n):
        return lambda: (
            registration_create(session=Session.objects.get(pk=session.pk), **person(n)).status
        )

    results = run_in_threads(
        [cancel(r) for r in confirmed[:5]] + [register(n) for n in range(100, 110)]
    )
    assert not [r for r in results if isinstance(r, BaseException)]
    assert sum(results[:5]) == 5  # each cancellation promoted exactly one person
    assert set(results[5:]) == {"waitlisted"}  # the newcomers queue behind
    promoted = Registration.objects.filter(pk__in=[r.pk for r in waiting], status="confirmed")
    assert sorted(promoted.values_list("pk", flat=True)) == [r.pk for r in waiting[:5]]
    assert counts(session)["confirmed"] == 9


def test_reminders_run_by_several_workers_at_once_go_once(burst_session):
    from django.core import mail

    session = burst_session
    Session.objects.filter(pk=session.pk).update(start=in_days(1), end=in_days(1, hour=16))
    for n in range(8):
        registration_create(session=session, send_messages=False, **person(n))
    mail.outbox.clear()
    results = run_in_threads([reminders_send_due for _ in range(6)])
    assert not [r for r in results if isinstance(r, BaseException)]
    assert sum(results) == 8
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"camille{n}@example.org" for n in range(8)
    )
