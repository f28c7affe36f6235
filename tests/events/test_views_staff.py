"""Team pages: access per role, sessions, bookings, tablet check-in, attendance list."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail

from espaces.events.models import Registration, School, Session
from espaces.events.services import registration_create
from tests.factories import PartnerFactory, UserFactory

from .conftest import person
from .factories import EventTypeFactory, RegistrationFactory, SchoolFactory, SessionFactory


@pytest.fixture
def mediator(territory, client):
    user = UserFactory(role="mediator", territory=territory, first_name="Mina")
    client.force_login(user)
    return user


STAFF_URLS = [
    "/agenda/equipe/",
    "/agenda/equipe/nouvelle/",
    "/agenda/equipe/bilan/",
    "/agenda/equipe/etablissements/nouveau/",
    "/agenda/equipe/{pk}/",
    "/agenda/equipe/{pk}/modifier/",
    "/agenda/equipe/{pk}/dupliquer/",
    "/agenda/equipe/{pk}/annuler/",
    "/agenda/equipe/{pk}/inscrire/",
    "/agenda/equipe/{pk}/inscrire-groupe/",
    "/agenda/equipe/{pk}/pointage/",
    "/agenda/equipe/{pk}/emargement/",
    "/agenda/equipe/{pk}/emargement.csv",
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, session, url):
    response = client.get(url.format(pk=session.pk))
    assert response.status_code == 302 and response["Location"].startswith("/equipe/connexion/")


@pytest.mark.parametrize("url", STAFF_URLS)
@pytest.mark.parametrize("role", ["partner", "funder"])
def test_partners_and_funders_are_refused(client, territory, session, url, role):
    extra = {"organisation": PartnerFactory(territory=territory)} if role == "partner" else {}
    client.force_login(UserFactory(role=role, territory=territory, **extra))
    assert client.get(url.format(pk=session.pk)).status_code == 403


@pytest.mark.parametrize("url", STAFF_URLS)
@pytest.mark.parametrize("role", ["mediator", "coordinator"])
def test_mediators_and_coordinators_of_the_territory_reach_every_page(
    client, territory, session, url, role
):
    client.force_login(UserFactory(role=role, territory=territory))
    assert client.get(url.format(pk=session.pk)).status_code == 200


def test_staff_of_another_territory_is_refused(client, session):
    client.force_login(UserFactory(role="coordinator"))  # its own, other territory
    assert client.get("/agenda/equipe/").status_code == 403


@pytest.mark.parametrize("url", [u for u in STAFF_URLS if "{pk}" in u])
def test_another_territorys_sessions_are_404(client, mediator, url):
    other = SessionFactory()
    assert client.get(url.format(pk=other.pk)).status_code == 404


def test_session_list_shows_counts(client, mediator, session, django_assert_max_num_queries):
    registration_create(session=session, **person(1))
    for _ in range(10):
        SessionFactory(
            territory=session.territory, site=session.site, event_type=session.event_type
        )
    # 7: one lookup of the user's saved filters (espaces/common/list_filters.py)
    with django_assert_max_num_queries(7):
        response = client.get("/agenda/equipe/")
    html = response.content.decode()
    assert "1 / 3" in html and "11 séances" in html


def test_create_session_with_type_defaults(client, mediator, territory, site, atelier):
    response = client.post(
        "/agenda/equipe/nouvelle/",
        {
            "event_type": atelier.pk,
            "site": site.pk,
            "date": "2030-03-04",
            "start_time": "14:00",
            "facilitators": [mediator.pk],
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/agenda/equipe/{session.pk}/"
    assert session.capacity == atelier.default_capacity and session.waitlist_enabled
    assert (session.start.hour, session.end.hour) == (13, 15)  # Paris 14:00 is 13:00 UTC
    assert list(session.facilitators.all()) == [mediator]
    assert session.created_by == mediator


def test_create_school_intervention_goes_on_to_book_the_class(client, mediator, territory, site):
    scolaire = EventTypeFactory(territory=territory, kind="intervention_scolaire")
    response = client.post(
        "/agenda/equipe/nouvelle/",
        {
            "event_type": scolaire.pk,
            "site": site.pk,
            "date": "2030-03-04",
            "start_time": "09:00",
            "place_name": "Lycée fictif",
            "capacity": "30",
        },
    )
    session = Session.objects.get()
    assert response["Location"] == f"/agenda/equipe/{session.pk}/inscrire-groupe/"


def test_session_form_errors_are_shown_and_nothing_is_created(client, mediator, atelier, site):
    response = client.post(
        "/agenda/equipe/nouvelle/",
        {
            "event_type": atelier.pk,
            "site": site.pk,
            "date": "demain",
            "start_time": "14:00",
            "end_time": "13:00",
            "capacity": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Date attendue" in html and "Au moins 1 place." in html
    assert Session.objects.count() == 0


def test_edit_capacity_promotes_and_refuses_below_taken(
    client, mediator, session, django_capture_on_commit_callbacks
):
    for n in range(4):
        registration_create(session=session, **person(n))
    data = {
        "event_type": session.event_type_id,
        "site": session.site_id,
        "date": session.start.date().isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "waitlist": "1",
    }
    refused = client.post(f"/agenda/equipe/{session.pk}/modifier/", data | {"capacity": "2"})
    assert "3 places sont déjà prises" in refused.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/agenda/equipe/{session.pk}/modifier/", data | {"capacity": "5"})
    session.refresh_from_db()
    assert session.capacity == 5
    assert Registration.objects.filter(session=session, status="confirmed").count() == 4
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)  # commits as in production: the message leaves in the view
def test_duplicate_and_cancel(client, mediator, session):
    registration_create(session=session, **person(1))
    response = client.post(
        f"/agenda/equipe/{session.pk}/dupliquer/", {"date": "2031-01-10", "start_time": "10:00"}
    )
    copy = Session.objects.exclude(pk=session.pk).get()
    assert response["Location"] == f"/agenda/equipe/{copy.pk}/"
    assert copy.registrations.count() == 0 and copy.capacity == session.capacity
    mail.outbox.clear()
    response = client.post(f"/agenda/equipe/{session.pk}/annuler/", {"reason": "Grève"})
    session.refresh_from_db()
    assert session.is_cancelled and len(mail.outbox) == 1
    assert (
        "1 personne a reçu un courriel ou un SMS."
        in client.get(response["Location"]).content.decode()
    )


def test_book_a_person_and_a_class(client, mediator, territory, session):
    response = client.post(
        f"/agenda/equipe/{session.pk}/inscrire/",
        {"first_name": "Paul", "last_name": "Durand", "consent": "on"},  # no contact: allowed
    )
    assert response.status_code == 302
    school = SchoolFactory(territory=territory)
    too_big = client.post(
        f"/agenda/equipe/{session.pk}/inscrire-groupe/",
        {
            "school": school.pk,
            "class_level": "2nde",
            "seats": "25",
            "first_name": "Anne",
            "last_name": "Prof",
            "email": "anne@example.org",
            "consent": "on",
        },
    )
    assert "Il reste 2 places" in too_big.content.decode()
    Session.objects.filter(pk=session.pk).update(capacity=30)
    ok = client.post(
        f"/agenda/equipe/{session.pk}/inscrire-groupe/",
        {
            "school": school.pk,
            "class_level": "2nde",
            "seats": "25",
            "first_name": "Anne",
            "last_name": "Prof",
            "email": "anne@example.org",
            "consent": "on",
        },
    )
    assert ok.status_code == 302
    group = Registration.objects.get(school=school)
    assert (group.seats, group.class_level, group.public_category) == (25, "2nde", "jeune_scolaire")
    assert group.created_by == mediator


def test_tablet_check_in_one_tap_with_and_without_htmx(client, mediator, session):
    reg = registration_create(session=session, **person(1))
    page = client.get(f"/agenda/equipe/{session.pk}/pointage/")
    assert 'hx-post="/agenda/equipe/' in page.content.decode()
    url = f"/agenda/equipe/{session.pk}/pointage/{reg.pk}/"
    row = client.post(url, {"attendance": "present"}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    fragment = row.content.decode()
    assert 'aria-pressed="true"' in fragment and "<html" not in fragment
    assert 'hx-swap-oob="true"' in fragment and "<strong>1</strong> présent·e·s" in fragment
    again = client.post(url, {"attendance": "present"}, HTTP_HX_REQUEST="true")
    assert again.status_code == 200
    reg.refresh_from_db()
    assert reg.attendance == "present"
    plain = client.post(url, {"attendance": "excused"})
    assert plain.status_code == 302 and plain["Location"].endswith(f"#inscription-{reg.pk}")
    reg.refresh_from_db()
    assert reg.attendance == "excused"
    bad = client.post(url, {"attendance": "dansant"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 409 and "inconnu" in bad.content.decode()


def test_walk_in_is_added_present(client, mediator, session):
    client.post(
        f"/agenda/equipe/{session.pk}/pointage/ajouter/",
        {"first_name": "Nora", "last_name": "Sans-Inscription", "consent": "on"},
    )
    reg = Registration.objects.get()
    assert (reg.status, reg.attendance, reg.channel) == ("confirmed", "present", "staff")


def test_staff_cancels_one_registration_and_the_first_waiting_gets_the_seat(
    client, mediator, session
):
    regs = [registration_create(session=session, **person(n)) for n in range(4)]
    client.post(f"/agenda/equipe/{session.pk}/inscriptions/{regs[0].pk}/annuler/")
    regs[0].refresh_from_db()
    regs[3].refresh_from_db()
    assert (regs[0].status, regs[3].status) == ("cancelled_by_organiser", "confirmed")


def test_attendance_sheet_and_csv(client, mediator, session):
    reg = registration_create(session=session, **person(1, first_name="=cmd|calc"))
    client.post(f"/agenda/equipe/{session.pk}/pointage/{reg.pk}/", {"attendance": "present"})
    sheet = client.get(f"/agenda/equipe/{session.pk}/emargement/").content.decode()
    assert "Liste d'émargement" in sheet and "MARTIN1" in sheet and "Signature" in sheet
    response = client.get(f"/agenda/equipe/{session.pk}/emargement.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["séance", "date", "prénom", "nom"]
    assert rows[1][2] == "'=cmd|calc"  # formula neutralised
    assert rows[1][3] == "Martin1" and rows[1][-2] == "Présent·e"


def test_add_a_college(client, mediator, territory, commune):
    response = client.post(
        "/agenda/equipe/etablissements/nouveau/",
        {
            "uai": "0599999z",
            "name": "Collège Fictif",
            "kind": "college",
            "commune": commune.pk,
            "next": "/agenda/equipe/",
        },
    )
    assert response.status_code == 302
    school = School.objects.get()
    assert (school.uai, school.kind, school.commune) == ("0599999Z", "college", commune)
    duplicate = client.post(
        "/agenda/equipe/etablissements/nouveau/",
        {"uai": "0599999Z", "name": "Encore", "kind": "college"},
    )
    assert "déjà le code UAI" in duplicate.content.decode()


def test_figures_page(client, mediator, session):
    from django.utils import timezone

    Session.objects.filter(pk=session.pk).update(
        start=timezone.now() - dt.timedelta(days=3),
        end=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2),
    )
    RegistrationFactory(session=session, attendance="present")
    RegistrationFactory(session=session, attendance="absent")
    html = client.get("/agenda/equipe/bilan/?du=2020-01-01&au=2040-12-31").content.decode()
    assert "Présence par type d'événement" in html and "Atelier métiers" in html
    assert "50\u00a0%" in html  # no-show rate: 1 absent / (1 present + 1 absent)


def _without_csrf(html: str) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_session_list_is_kept_until_a_registration_or_an_edit(
    client, mediator, session, django_assert_num_queries
):
    """The filter and the table are fragments (content and seats versions, address): a second
    visit reads the session, the account and its saved filters only; a registration or an edit
    shows at once."""
    first = client.get("/agenda/equipe/").content.decode()
    assert "0 / 3" in first
    with django_assert_num_queries(3):
        assert client.get("/agenda/equipe/").content.decode() == first
    registration_create(session=session, **person(1))
    assert "1 / 3" in client.get("/agenda/equipe/").content.decode()
    session.title = "Atelier du jeudi"
    session.save()
    assert "Atelier du jeudi" in client.get("/agenda/equipe/").content.decode()
    assert "Aucune séance passée" in client.get("/agenda/equipe/?periode=passees").content.decode()


def test_session_page_roster_is_never_cached_and_its_description_follows_seats(
    client, mediator, session, django_assert_num_queries
):
    """The description (seats, actions) is a fragment; the roster (names, contacts) is read at
    every request: a registration shows in both at once."""
    url = f"/agenda/equipe/{session.pk}/"
    client.get(url)
    # the session's row, its registrations (plus the browser session and the account)
    with django_assert_num_queries(4):
        client.get(url)
    registration_create(session=session, **person(1))
    html = client.get(url).content.decode()
    assert "Camille Martin1" in html and "Plus que 2 places" in html
    assert "1 prise sur 3" in html and "Inscrits (1 inscription, 1 place)" in html
    assert "Inscrire une personne" in html
    # over: the actions that need a future session go (the fragment is kept per state)
    Session.objects.filter(pk=session.pk).update(
        start=session.start - dt.timedelta(days=30), end=session.end - dt.timedelta(days=30)
    )
    html = client.get(url).content.decode()
    assert "Inscrire une personne" not in html and "Camille Martin1" in html


def test_session_page_shows_the_survey_once_the_session_has_started(client, mediator, session):
    from espaces.events.models import SurveyResponse

    registration = registration_create(session=session, **person(1))
    url = f"/agenda/equipe/{session.pk}/"
    assert "Questionnaire de satisfaction" not in client.get(url).content.decode()
    Session.objects.filter(pk=session.pk).update(
        start=session.start - dt.timedelta(days=30), end=session.end - dt.timedelta(days=30)
    )
    SurveyResponse.objects.create(
        territory=session.territory,
        session=session,
        registration=registration,
        rating=4,
        discovery="oui",
    )
    html = client.get(url).content.decode()
    assert "Questionnaire de satisfaction (1 réponse)" in html
    assert "Note moyenne : 4.0 sur 4" in html or "Note moyenne : 4,0 sur 4" in html


def test_roster_rows_show_contacts_and_cancel_forms_escaped(client, mediator, session):
    """The roster's rows (drawn in Python, espaces/events/roster.py): name, contact, public,
    seats, attendance and a cancel form with its CSRF field; the waiting list likewise."""
    session.capacity = 1
    session.waitlist_enabled = True
    session.save()
    first = registration_create(session=session, **person(1, first_name="<i>Léa</i>"))
    waiting = registration_create(session=session, **person(2, first_name="Zoé"))
    html = client.get(f"/agenda/equipe/{session.pk}/").content.decode()
    assert "&lt;i&gt;Léa&lt;/i&gt; Martin1" in html and "<i>Léa</i>" not in html
    assert f'action="/agenda/equipe/{session.pk}/inscriptions/{first.pk}/annuler/"' in html
    assert f'action="/agenda/equipe/{session.pk}/inscriptions/{waiting.pk}/annuler/"' in html
    assert html.count('name="csrfmiddlewaretoken"') >= 2
    assert 'data-confirm="Retirer Zoé Martin2 de la liste d\'attente ?"' in html
    assert first.email in html and "Liste d'attente (1)" in html
