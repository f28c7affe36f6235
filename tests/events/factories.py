"""Factories of the events domain."""

import datetime as dt

import factory
from django.utils import timezone

from espaces.events.enums import EventKind, RegistrationChannel, RegistrationStatus, SchoolKind
from espaces.events.models import EventType, Registration, School, Session
from tests.factories import SiteFactory, TerritoryFactory


class EventTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventType

    territory = factory.SubFactory(TerritoryFactory)
    slug = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"Atelier {n}")
    kind = EventKind.ATELIER
    default_capacity = 10
    default_duration_minutes = 120
    waitlist_enabled = True


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    territory = factory.SubFactory(TerritoryFactory)
    uai = factory.Sequence(lambda n: f"{5900000 + n:07d}A")
    name = factory.Sequence(lambda n: f"Lycée {n}")
    kind = SchoolKind.LYCEE


def in_days(days: float, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    territory = factory.SubFactory(TerritoryFactory)
    event_type = factory.SubFactory(
        EventTypeFactory, territory=factory.SelfAttribute("..territory")
    )
    site = factory.SubFactory(SiteFactory, territory=factory.SelfAttribute("..territory"))
    start = factory.LazyFunction(lambda: in_days(10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    capacity = 10
    waitlist_enabled = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration written directly (tests of reading code); services are
    tested with registration_create."""

    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    territory = factory.LazyAttribute(lambda o: o.session.territory)
    status = RegistrationStatus.CONFIRMED
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    channel = RegistrationChannel.WEB
    consent_at = factory.LazyFunction(timezone.now)
