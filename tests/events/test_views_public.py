"""Public agenda, session page and registration form, signed links, survey."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from espaces.catalogue.models import Metier
from espaces.events.models import Registration, Session
from espaces.events.services import registration_create
from espaces.events.tokens import SURVEY_SALT, make_token

from .conftest import person
from .factories import EventTypeFactory, SessionFactory, in_days


def metier(territory, slug, title):
    return Metier.objects.create(
        territory=territory, slug=slug, title=title, summary="Résumé.", entry_level="cap_bep"
    )


@pytest.fixture
def agenda(territory, site, other_site, atelier):
    """Sessions at two sites, of two types, one showing a job, one past, one cancelled."""
    vr = EventTypeFactory(territory=territory, slug="vr", name="Casque VR", kind="immersion_vr")
    soudeur = metier(territory, "soudeur", "Soudeur / Soudeuse")
    a = SessionFactory(territory=territory, site=site, event_type=atelier, start=in_days(2))
    b = SessionFactory(territory=territory, site=other_site, event_type=vr, start=in_days(5))
    b.metiers.add(soudeur)
    c = SessionFactory(
        territory=territory, site=site, event_type=vr, start=in_days(9), status="cancelled"
    )
    SessionFactory(
        territory=territory,
        site=site,
        event_type=atelier,
        start=timezone.now() - dt.timedelta(days=2),
        end=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2),
        title="Séance passée",
    )
    return {"a": a, "b": b, "c": c, "vr": vr}


def titles(response) -> list[str]:
    return re.findall(r'<h2><a href="/agenda/seances/\d+/">([^<]+)</a>', response.content.decode())


def test_agenda_lists_upcoming_sessions_with_seats_and_marks_cancelled_ones(
    client, agenda, django_assert_max_num_queries
):
    registration_create(session=agenda["a"], **person(1))
    with django_assert_max_num_queries(8):
        response = client.get("/agenda/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(titles(response)) == 3 and "Séance passée" not in html
    assert "9 places libres sur 10" in html
    assert "Séance annulée" in html
    assert "Soudeur / Soudeuse" in html


def test_agenda_query_count_does_not_grow_with_sessions(
    client, territory, site, atelier, django_assert_max_num_queries
):
    for day in range(1, 21):
        s = SessionFactory(territory=territory, site=site, event_type=atelier, start=in_days(day))
        s.metiers.add(metier(territory, f"m{day}", f"Métier {day}"))
        registration_create(session=s, **person(day))
    with django_assert_max_num_queries(8):
        response = client.get("/agenda/")
    assert len(titles(response)) == 20


@pytest.mark.parametrize(
    "query, expected",
    [
        ("site=gare", ["Casque VR"]),
        ("type=vr", ["Casque VR", "Casque VR"]),
        ("metier=soudeur", ["Casque VR"]),
        ("site=centre&type=atelier", ["Atelier métiers"]),
    ],
)
def test_agenda_filters(client, agenda, query, expected):
    assert titles(client.get(f"/agenda/?{query}")) == expected


def test_agenda_date_filters_and_unknown_values(client, agenda):
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    assert titles(client.get(f"/agenda/?du={day}&au={day}")) == ["Casque VR"]
    response = client.get("/agenda/?site=inconnu&du=pas-une-date")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cet Espace n&#x27;existe pas." in html and "Date attendue" in html
    assert len(titles(response)) == 3  # ignored filters


def test_agenda_filter_on_a_job_without_sessions_says_so(client, territory, agenda):
    metier(territory, "cariste", "Cariste")
    response = client.get("/agenda/?metier=cariste")
    assert titles(response) == []
    assert "Aucune séance ne correspond à ces critères" in response.content.decode()


def test_agenda_empty_states(client, territory, agenda):
    far = (timezone.localdate() + dt.timedelta(days=300)).isoformat()
    html = client.get(f"/agenda/?du={far}").content.decode()
    assert "Aucune séance ne correspond à ces critères" in html
    Session.objects.all().delete()
    html = client.get("/agenda/").content.decode()
    assert "Aucune séance n'est prévue pour le moment" in html


def test_agenda_paginates(client, territory, site, atelier):
    for day in range(1, 26):
        SessionFactory(territory=territory, site=site, event_type=atelier, start=in_days(day))
    first = client.get("/agenda/")
    assert len(titles(first)) == 20 and "Page 1 sur 2" in first.content.decode()
    assert len(titles(client.get("/agenda/?page=2"))) == 5
    assert len(titles(client.get("/agenda/?page=abc"))) == 20


def test_session_page_and_registration_confirmed_then_confirmation_page(
    client, session, django_capture_on_commit_callbacks
):
    page = client.get(f"/agenda/seances/{session.pk}/")
    assert page.status_code == 200 and "M'inscrire" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/agenda/seances/{session.pk}/",
            {
                "first_name": "Camille",
                "last_name": "Martin",
                "email": "c@example.org",
                "consent": "on",
            },
        )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert response["Location"] == f"/agenda/inscription/{make_token(registration.pk)}/"
    html = client.get(response["Location"]).content.decode()
    assert "une place vous est réservée" in html and "Annuler mon inscription" in html
    assert len(mail.outbox) == 1


def test_registration_form_errors_are_french_and_keep_the_input(client, session):
    response = client.post(
        f"/agenda/seances/{session.pk}/",
        {"first_name": "Camille", "last_name": "", "email": "", "phone": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez une adresse électronique ou un numéro de téléphone" in html
    assert "Cochez cette case pour vous inscrire" in html
    assert 'value="Camille"' in html
    assert 'aria-invalid="true"' in html
    assert Registration.objects.count() == 0


def test_full_session_offers_the_waiting_list_then_refuses_without_one(client, session):
    for n in range(3):
        registration_create(session=session, **person(n))
    html = client.get(f"/agenda/seances/{session.pk}/").content.decode()
    assert "sur la liste d'attente" in html
    response = client.post(
        f"/agenda/seances/{session.pk}/",
        {"first_name": "Léa", "last_name": "Roux", "phone": "06 12 34 56 78", "consent": "on"},
    )
    follow = client.get(response["Location"]).content.decode()
    assert "vous êtes sur la liste d'attente, en position 1" in follow
    Session.objects.filter(pk=session.pk).update(waitlist_enabled=False)
    html = client.get(f"/agenda/seances/{session.pk}/").content.decode()
    assert "complète et n'a pas de liste d'attente" in html
    assert 'name="first_name"' not in html


def test_cancel_link_confirms_then_cancels_and_promotes(
    client, session, django_capture_on_commit_callbacks
):
    regs = [registration_create(session=session, **person(n)) for n in range(4)]
    token = make_token(regs[0].pk)
    page = client.get(f"/agenda/inscription/{token}/annuler/")
    assert "Oui, annuler mon inscription" in page.content.decode()
    regs[0].refresh_from_db()
    assert regs[0].status == "confirmed"  # GET changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/agenda/inscription/{token}/annuler/")
    assert response.status_code == 302
    regs[0].refresh_from_db()
    regs[3].refresh_from_db()
    assert (regs[0].status, regs[3].status) == ("cancelled", "confirmed")
    assert [m.to for m in mail.outbox] == [["camille3@example.org"]]
    html = client.get(response["Location"]).content.decode()
    assert "Cette inscription est annulée" in html
    again = client.post(f"/agenda/inscription/{token}/annuler/")
    assert again.status_code == 200 and "déjà annulée" in again.content.decode()


def test_altered_or_foreign_links_are_404(client, session):
    reg = registration_create(session=session, **person(1))
    token = make_token(reg.pk)
    assert client.get(f"/agenda/inscription/{token[:-2]}xx/").status_code == 404
    assert client.get(f"/agenda/inscription/{make_token(reg.pk + 1)}/").status_code == 404
    assert client.get(f"/agenda/avis/{token}/").status_code == 404  # wrong salt
    assert client.get("/agenda/seances/999999/").status_code == 404


def test_other_territorys_session_is_404(client, session):
    other = SessionFactory()
    assert client.get(f"/agenda/seances/{other.pk}/").status_code == 404


def test_survey_after_the_session(client, session):
    reg = registration_create(session=session, **person(1))
    url = f"/agenda/avis/{make_token(reg.pk, salt=SURVEY_SALT)}/"
    assert "pas disponible avant le début" in client.get(url).content.decode()
    Session.objects.filter(pk=session.pk).update(
        start=timezone.now() - dt.timedelta(hours=3), end=timezone.now() - dt.timedelta(hours=1)
    )
    assert "Cette séance vous a-t-elle plu" in client.get(url).content.decode()
    response = client.post(url, {"rating": "4", "discovery": "oui"})
    assert "Merci pour votre avis" in response.content.decode()
    reg.refresh_from_db()
    assert (reg.survey.rating, reg.survey.discovery, reg.survey.next_step) == (4, "oui", "")
    bad = client.post(url, {"rating": "9"})
    assert bad.status_code == 200 and "Merci" not in bad.content.decode()


# --- content in English (docs/accessibility.md « Languages ») ------------------------------------
def test_agenda_and_session_in_english_show_translations_else_french_marked(client, session):
    atelier = session.event_type
    atelier.description = "Un atelier pour découvrir les métiers."
    atelier.translations = {"en": {"name": "Jobs workshop"}}
    atelier.save()
    client.cookies["django_language"] = "en"
    agenda = client.get("/agenda/").content.decode()
    assert f'<a href="/agenda/seances/{session.pk}/">Jobs workshop</a>' in agenda
    assert '<option value="atelier">Jobs workshop</option>' in agenda
    page = client.get(f"/agenda/seances/{session.pk}/").content.decode()
    assert "<h1>Jobs workshop</h1>" in page
    # The type's description has no translation: French, marked, in its paragraphs.
    assert (
        '<div class="box"><div lang="fr"><p>Un atelier pour découvrir les métiers.</p></div>'
        in page
    )
    # A session's own title and description take over, with their own translations.
    session.title = "Atelier <soudure>"
    session.description = "Venez souder."
    session.translations = {"en": {"description": "Come and weld."}}
    session.save()
    page = client.get(f"/agenda/seances/{session.pk}/").content.decode()
    assert '<h1><span lang="fr">Atelier &lt;soudure&gt;</span></h1>' in page
    assert '<div class="box"><p>Come and weld.</p></div>' in page


def test_session_page_stays_french_by_default(client, session):
    session.event_type.translations = {"en": {"name": "Jobs workshop"}}
    session.event_type.save()
    page = client.get(f"/agenda/seances/{session.pk}/").content.decode()
    assert "<h1>Atelier métiers</h1>" in page and "Jobs workshop" not in page


def test_session_page_fragments_follow_seats_and_edits(client, session, django_assert_num_queries):
    """The description of a session and its empty form are cached fragments: a registration
    (seats version) and an edit saved through the ORM (content version) show at once, a bound
    form (errors) is never taken from the cache, and a repeated visit reads one row."""
    url = f"/agenda/seances/{session.pk}/"

    def page() -> str:  # without the CSRF token, new at every response
        html = client.get(url).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    first = page()
    assert "Plus que 3 places" in first
    with django_assert_num_queries(1):  # the session with its counts (the territory is kept)
        assert page() == first
    registration_create(session=session, **person(1))
    assert "Plus que 2 places" in page()
    session.title = "Atelier renommé"
    session.accessibility = "Salle au rez-de-chaussée."
    session.save()
    html = page()
    assert "Atelier renommé" in html and "Salle au rez-de-chaussée." in html
    errors = client.post(url, {"first_name": "Zoé", "email": "pas-une-adresse"}).content.decode()
    assert 'value="Zoé"' in errors and 'aria-invalid="true"' in errors
    clean = page()
    assert 'value="Zoé"' not in clean and 'aria-invalid="true"' not in clean
