import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from espaces.events.models import EventType
from espaces.pros import tokens
from espaces.pros.models import InboundReferral, ProRequest
from espaces.pros.services import request_create, request_propose, structure_link_create
from tests.events.factories import SessionFactory

from .conftest import next_weekday, school_request_args


def form_data(**extra):
    start = next_weekday(2, weeks=2)
    data = {
        "uai": "9990002B",
        "organisation_name": "",
        "level": "terminale",
        "participants": "18",
        "place": "espace",
        "site": "",
        "topics": "Logistique",
        "period_1_from": start.isoformat(),
        "period_1_to": (start + dt.timedelta(days=10)).isoformat(),
        "contact_name": "Marc Enseignant",
        "contact_email": "marc@example.org",
        "contact_phone": "",
        "consent": "on",
    }
    data.update(extra)
    return data


@pytest.mark.django_db(transaction=True)
def test_school_form_confirms_and_sends_the_status_link(client, world):
    page = client.get(reverse("pros:request_school"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'autocomplete="email"' in html and 'inputmode="tel"' in html
    assert '<option value="9990001A">' in html  # the pack's schools
    response = client.post(reverse("pros:request_school"), form_data())
    assert response.status_code == 302
    pro_request = ProRequest.objects.get()
    assert pro_request.school.uai == "9990002B" and pro_request.level == "terminale"
    page = client.get(response["Location"])
    assert "D-" in page.content.decode() and "Reçue" in page.content.decode()
    link = re.search(r"http://testserver(/pros/demande/([^\s/]+)/)", mail.outbox[0].body)
    # The same request's status link (signed tokens hold the second they were made: the mail's
    # and the redirect's may differ by one).
    redirect = re.fullmatch(r"/pros/demande/([^/]+)/", response["Location"])
    assert redirect and link
    assert tokens.read(link.group(2), tokens.REQUEST_SALT) == pro_request.pk
    assert tokens.read(redirect.group(1), tokens.REQUEST_SALT) == pro_request.pk
    assert "D-" in client.get(link.group(1)).content.decode()


@pytest.mark.django_db
def test_school_form_errors_in_french(client, world):
    response = client.post(reverse("pros:request_school"), form_data(uai="12", consent=""))
    assert response.status_code == 422
    assert "7 chiffres" in response.content.decode()
    assert not ProRequest.objects.exists()


@pytest.mark.django_db
def test_group_form(client, world):
    data = form_data(
        organisation_name="Asso du quartier", structure_kind="association", level="adultes"
    )
    del data["uai"]
    response = client.post(reverse("pros:request_group"), data)
    assert response.status_code == 302
    assert ProRequest.objects.get().kind == "group"


@pytest.mark.django_db
def test_requester_picks_a_proposed_date(client, world):
    pro_request = request_create(territory=world.territory, **school_request_args())
    start = next_weekday(1, weeks=2)
    from django.utils import timezone

    when = timezone.make_aware(dt.datetime.combine(start, dt.time(9)))
    (proposal,) = request_propose(
        pro_request=pro_request,
        slots=[(world.site_a, world.users.mediator_a, when, when + dt.timedelta(hours=2))],
    )
    url = reverse("pros:request_status", args=[tokens.make(pro_request.pk, tokens.REQUEST_SALT)])
    assert "Confirmer cette date" in client.get(url).content.decode()
    response = client.post(url, {"proposal": proposal.pk})
    assert response.status_code == 302
    pro_request.refresh_from_db()
    assert pro_request.status == "accepted" and pro_request.session.public is False
    assert client.get("/pros/demande/faux-jeton/").status_code == 404


@pytest.mark.django_db
def test_structure_link_refers_and_shows_only_statuses(client, world):
    link = structure_link_create(territory=world.territory, organisation=world.org_y)
    url = tokens.structure_url(link).removeprefix("http://testserver")
    page = client.get(url)
    assert page.status_code == 200 and "lire à la personne" in page.content.decode()
    response = client.post(
        url,
        {
            "first_name": "Nadia",
            "contact_phone": "0699887766",
            "site": world.site_b.pk,
            "needs": ["mobilite--preparer-un-permis"],
            "reason": "Reprise d'emploi",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    referral = InboundReferral.objects.get()
    assert referral.link == link and referral.organisation == world.org_y
    page = client.get(url).content.decode()
    assert referral.reference in page and "Reçue" in page
    assert "Nadia" not in page and "0699887766" not in page
    status_page = client.get(tokens.referral_status_url(referral).removeprefix("http://testserver"))
    assert status_page.status_code == 200 and "Nadia" not in status_page.content.decode()
    link.revoked_at = link.created_at
    link.save()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_prescriber_space_is_theirs_only(client, world):
    client.force_login(world.users.prescriber_x)
    response = client.post(
        reverse("pros:prescriber_refer"),
        {
            "first_name": "Karim",
            "contact_email": "karim@example.org",
            "site": world.site_a.pk,
            "reason": "Découvrir les métiers",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    referral = InboundReferral.objects.get()
    page = client.get(reverse("pros:prescriber_home")).content.decode()
    assert referral.reference in page and "Karim" not in page
    assert client.get(reverse("pros:prescriber_referral", args=[referral.pk])).status_code == 200
    client.force_login(world.users.prescriber_y)
    assert client.get(reverse("pros:prescriber_referral", args=[referral.pk])).status_code == 404
    assert referral.reference not in client.get(reverse("pros:prescriber_home")).content.decode()


@pytest.mark.django_db
def test_school_sessions_leave_the_public_agenda_and_feeds(client, world):
    school_type = EventType.objects.get(territory=world.territory, kind="intervention_scolaire")
    private = SessionFactory(
        territory=world.territory,
        site=world.site_a,
        event_type=school_type,
        public=False,
        title="Classe de 3e du lycée",
    )
    public = SessionFactory(territory=world.territory, site=world.site_a, title="Atelier ouvert")
    agenda = client.get(reverse("events:agenda")).content.decode()
    assert "Atelier ouvert" in agenda and "Classe de 3e du lycée" not in agenda
    assert client.get(reverse("events:session", args=[private.pk])).status_code == 404
    assert client.get(reverse("events:session", args=[public.pk])).status_code == 200
    feed = client.get(reverse("events:agenda_ics")).content.decode()
    assert "Atelier ouvert" in feed and "Classe de 3e" not in feed


@pytest.mark.django_db
def test_existing_school_sessions_are_made_private_by_the_migration(world):
    from importlib import import_module

    from django.apps import apps

    from espaces.events.models import Session

    school_type = EventType.objects.get(territory=world.territory, kind="intervention_scolaire")
    session = SessionFactory(territory=world.territory, site=world.site_a, event_type=school_type)
    assert session.public is True  # written directly, as before the migration
    migration = import_module("espaces.events.migrations.0003_session_public")
    migration.school_sessions_private(apps, None)
    assert Session.objects.get(pk=session.pk).public is False


@pytest.mark.django_db
def test_new_school_session_from_the_staff_service_is_private(world):
    from django.utils import timezone

    from espaces.events.services import session_create

    school_type = EventType.objects.get(territory=world.territory, kind="intervention_scolaire")
    session = session_create(
        territory=world.territory,
        event_type=school_type,
        site=world.site_a,
        start=timezone.now() + dt.timedelta(days=3),
    )
    assert session.public is False
