import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from espaces.pros import kits, tokens
from espaces.pros.services import appointment_book, inbound_referral_create
from tests.events.factories import SessionFactory

from .conftest import next_weekday


@pytest.fixture
def month_sessions(world):
    year, month = kits.next_month()
    start = timezone.make_aware(dt.datetime(year, month, 10, 14))
    public = SessionFactory(
        territory=world.territory, site=world.site_a, start=start, title="Atelier soudure"
    )
    private = SessionFactory(
        territory=world.territory,
        site=world.site_a,
        start=start,
        title="Classe privée",
        public=False,
    )
    return year, month, public, private


@pytest.mark.django_db
def test_resources_page_and_pdfs(client, world, month_sessions):
    year, month, _, _ = month_sessions
    page = client.get(reverse("pros:resources"))
    assert page.status_code == 200
    for url in (
        reverse("pros:kit", args=["batteries"]),
        reverse("pros:poster", args=["centre", year, month]),
        reverse("pros:presentation"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert client.get(reverse("pros:kit", args=["inconnu"])).status_code == 404
    assert client.get(reverse("pros:poster", args=["centre", year, 13])).status_code == 404


@pytest.mark.django_db
def test_kit_has_one_page_per_job_sheet_plus_cover(world):
    from espaces.catalogue.models import Metier
    from espaces.territories.models import Sector

    sector = Sector.objects.get(territory=world.territory, slug="batteries")
    n = Metier.objects.filter(territory=world.territory, sectors=sector).count()
    assert n >= 1
    body = kits.kit_pdf(territory=world.territory, sector=sector)
    assert (
        body.count(b"/Type /Page\n") + body.count(b"/Type /Page ") >= n + 1
        or body.count(b"/Type /Page") - body.count(b"/Type /Pages") == n + 1
    )


@pytest.mark.django_db
def test_newsletter_lists_public_sessions_of_the_month(client, world, month_sessions):
    year, month, public, _ = month_sessions
    text = client.get(reverse("pros:newsletter", args=[year, month, "txt"])).content.decode()
    html = client.get(reverse("pros:newsletter", args=[year, month, "html"])).content.decode()
    assert "Atelier soudure" in text and "Classe privée" not in text
    assert f"/agenda/seances/{public.pk}/" in html and "<ul>" in html
    assert client.get(reverse("pros:newsletter", args=[year, month, "pdf"])).status_code == 404


@pytest.mark.django_db
def test_mediator_feed_is_signed_and_lists_appointments_without_names(client, world):
    referral = inbound_referral_create(
        territory=world.territory,
        organisation=world.org_x,
        site=world.site_a,
        first_name="Samira",
        contact_email="s@example.org",
        reason="emploi",
        consent=True,
    )
    start = timezone.make_aware(dt.datetime.combine(next_weekday(0), dt.time(9)))
    appointment_book(
        referral=referral, site=world.site_a, mediator=world.users.mediator_a, start=start
    )
    url = tokens.feed_url(world.users.mediator_a).removeprefix("http://testserver")
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and referral.reference in body and "Samira" not in body
    assert client.get("/pros/agenda/pas-signe.ics").status_code == 404
