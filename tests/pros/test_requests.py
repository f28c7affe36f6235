"""A teacher's request becomes a scheduled school intervention that is not publicly bookable
and is counted; a group's visit feeds the visitor, professional and group counts."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from espaces.events.enums import RegistrationChannel
from espaces.events.models import Registration, School, Session
from espaces.events.selectors import agenda_sessions, school_stats
from espaces.events.services import registration_create, reminders_send_due, surveys_send_due
from espaces.pros.availability import free_slots
from espaces.pros.enums import RequestStatus
from espaces.pros.models import ProRequest
from espaces.pros.services import (
    ProsError,
    request_accept,
    request_create,
    request_decline,
    request_mark_done,
    request_propose,
    request_surveys_send_due,
)
from espaces.reception.models import Visit

from .conftest import school_request_args


def _propose_first(pro_request, world, n=2):
    free = free_slots(
        territory=world.territory,
        date_from=dt.date.fromisoformat(pro_request.wished_periods[0]["from"]),
        date_to=dt.date.fromisoformat(pro_request.wished_periods[0]["to"]),
        duration=dt.timedelta(hours=2),
    )
    assert free, "the mediator's weekly slots give free dates"
    slots = [(world.site_a, world.users.mediator_a, f.start, f.end) for f in free[:n]]
    return request_propose(pro_request=pro_request, slots=slots, user=world.users.coordinator)


@pytest.mark.django_db(transaction=True)
def test_school_request_becomes_private_counted_intervention(world):
    pro_request = request_create(territory=world.territory, **school_request_args())
    assert pro_request.status == RequestStatus.RECEIVED
    assert pro_request.school.uai == "9990001A"  # the pack's school
    assert pro_request.contact_phone == "+33612345678"
    assert any("D-" in m.subject and "reçue" in m.subject for m in mail.outbox)
    assert any(world.users.coordinator.email in m.to for m in mail.outbox)

    proposals = _propose_first(pro_request, world)
    pro_request.refresh_from_db()
    assert pro_request.status == RequestStatus.PROPOSED
    assert len(proposals) == 2
    assert "Choisissez celle qui vous convient" in mail.outbox[-1].body

    request_accept(pro_request=pro_request, proposal=proposals[1])
    pro_request.refresh_from_db()
    session = pro_request.session
    assert pro_request.status == RequestStatus.ACCEPTED
    assert session.public is False
    assert session.event_type.kind == "intervention_scolaire"
    assert session.start == proposals[1].start
    assert list(session.facilitators.all()) == [world.users.mediator_a]
    registration = pro_request.registration
    assert (registration.seats, registration.school_id, registration.class_level) == (
        24,
        pro_request.school_id,
        "2nde",
    )
    assert "date confirmée" in mail.outbox[-1].subject
    # never in the public agenda, never bookable
    assert session not in agenda_sessions(territory=world.territory)
    with pytest.raises(Exception, match="réservée à un groupe"):
        registration_create(
            session=session,
            first_name="A",
            last_name="B",
            email="a.b@example.org",
            consent=True,
            channel=RegistrationChannel.WEB,
        )
    # the events' reminder reaches the teacher two days before
    now = session.start - dt.timedelta(hours=24)
    assert reminders_send_due(now=now) == 1
    assert "rappel" in mail.outbox[-1].subject
    # counted like any school intervention once held
    Session.objects.filter(pk=session.pk).update(
        start=timezone.now() - dt.timedelta(hours=3), end=timezone.now() - dt.timedelta(hours=1)
    )
    stats = school_stats(territory=world.territory, date_from=None, date_to=None)
    assert (stats.interventions, stats.schools, stats.pupils) == (1, 1, 24)
    assert stats.by_level == {"2nde": {"interventions": 1, "pupils": 24}}
    # the teacher's survey (this app's), not the events' one
    Registration.objects.filter(pk=registration.pk).update(attendance="present")
    assert surveys_send_due() == 0
    assert request_surveys_send_due() == 1
    assert "/pros/demande/avis/" in mail.outbox[-1].body
    assert request_surveys_send_due() == 0  # once


@pytest.mark.django_db
def test_new_school_is_created_from_a_valid_uai(world):
    pro_request = request_create(
        territory=world.territory,
        **school_request_args(uai="0590999z", organisation_name="Collège fictif"),
    )
    assert School.objects.get(territory=world.territory, uai="0590999Z").name == "Collège fictif"
    assert pro_request.organisation_name == "Collège fictif"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"uai": "12345"}, "uai"),
        ({"uai": "0590999Z"}, "organisation_name"),  # unknown school without a name
        ({"participants": 0}, "participants"),
        ({"level": "master"}, "level"),
        ({"wished_periods": []}, "wished_periods"),
        ({"wished_periods": [{"from": "2020-01-01", "to": "2020-01-10"}]}, "wished_periods"),
        ({"contact_email": "pas-une-adresse"}, "contact_email"),
        ({"contact_email": ""}, "contact_email"),
        ({"consent": False}, "consent"),
        ({"place": "ailleurs"}, "place"),
        ({"kind": "club"}, "kind"),
    ],
)
@pytest.mark.django_db
def test_bad_requests_are_refused_naming_the_field(world, change, field):
    with pytest.raises(ProsError) as exc:
        request_create(territory=world.territory, **school_request_args(**change))
    assert exc.value.field == field
    assert not ProRequest.objects.exists()


@pytest.mark.django_db
def test_decline_needs_a_reason_and_tells_the_requester(world):
    pro_request = request_create(territory=world.territory, **school_request_args())
    with pytest.raises(ProsError):
        request_decline(pro_request=pro_request, reason=" ")
    request_decline(pro_request=pro_request, reason="Pas de médiateur en juin")
    assert pro_request.status == RequestStatus.DECLINED
    with pytest.raises(ProsError):
        _propose_first(pro_request, world)


@pytest.mark.django_db
def test_group_visit_done_feeds_visitors_professionals_and_groups(world):
    pro_request = request_create(
        territory=world.territory,
        **school_request_args(
            kind="group",
            uai="",
            level="adultes",
            organisation_name="Centre social des Dunes",
            structure_kind="centre_social",
            participants=12,
        ),
    )
    proposals = _propose_first(pro_request, world, n=1)
    request_accept(pro_request=pro_request, proposal=proposals[0])
    pro_request.refresh_from_db()
    assert pro_request.session.public is False
    assert pro_request.session.event_type.kind == "atelier"
    with pytest.raises(ProsError, match="pas encore eu lieu"):
        request_mark_done(pro_request=pro_request, participants=11, accompanying=2)
    Session.objects.filter(pk=pro_request.session_id).update(
        start=timezone.now() - dt.timedelta(hours=2), end=timezone.now() - dt.timedelta(hours=1)
    )
    pro_request = request_mark_done(pro_request=pro_request, participants=11, accompanying=2)
    visits = {v.public_category: v.group_size for v in Visit.objects.filter(site=world.site_a)}
    assert visits == {"habitant": 11, "professionnel_accompagnement": 2}
    assert pro_request.status == RequestStatus.DONE
    with pytest.raises(ProsError):
        request_mark_done(pro_request=pro_request, participants=11, accompanying=2)
    assert Visit.objects.count() == 2
