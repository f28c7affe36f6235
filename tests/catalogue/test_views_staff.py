"""Staff pages (to review, history) and admin editing, per role."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from espaces.catalogue.models import Metier, MetierRevision
from espaces.catalogue.services import metier_mark_reviewed
from tests.catalogue.factories import MetierFactory
from tests.factories import TerritoryFactory, UserFactory

TO_REVIEW = "/equipe/metiers/a-relire/"


@pytest.fixture
def coordinator(example_territory):
    return UserFactory(role="coordinator", territory=example_territory, is_staff=True)


@pytest.fixture
def staff_client(client, settings_example):
    return client


def test_anonymous_is_sent_to_login(staff_client):
    response = staff_client.get(TO_REVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/equipe/connexion/?next=")


@pytest.mark.parametrize("role", ["mediator", "partner", "funder"])
def test_other_roles_are_refused(staff_client, example_territory, role):
    extra = {}
    if role == "partner":
        from espaces.territories.models import Partner

        extra["organisation"] = Partner.objects.get(slug="usine-exemple")
    user = UserFactory(role=role, territory=example_territory, **extra)
    staff_client.force_login(user)
    assert staff_client.get(TO_REVIEW).status_code == 403


def test_coordinator_of_another_territory_is_refused(staff_client, example_territory):
    other = UserFactory(role="coordinator", territory=TerritoryFactory())
    staff_client.force_login(other)
    assert staff_client.get(TO_REVIEW).status_code == 403


def test_coordinator_sees_sheets_not_reviewed_for_twelve_months(
    staff_client, coordinator, django_assert_max_num_queries
):
    staff_client.force_login(coordinator)
    # 10 for the sheets + 7 for the stale facts by owner (a fixed number, freshness.py).
    with django_assert_max_num_queries(17):
        response = staff_client.get(TO_REVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    # cariste: reviewed 2024-03-01; docker and soudeur: never; operateur-batteries: 2026-06.
    assert "3 fiches à relire" in html
    assert html.index("Docker") < html.index("Cariste")  # never reviewed, then the oldest
    assert "Opérateur / Opératrice de fabrication" not in html
    assert "jamais" in html


def test_marking_a_sheet_reviewed_removes_it_and_keeps_history(staff_client, coordinator):
    staff_client.force_login(coordinator)
    response = staff_client.post(TO_REVIEW, {"metier": "docker"}, follow=True)
    html = response.content.decode()
    assert "est marquée comme relue" in html
    assert "2 fiches à relire" in html
    docker = Metier.objects.get(slug="docker")
    assert docker.reviewed_on == timezone.localdate()
    revision = docker.revisions.first()
    assert (revision.user, revision.origin) == (coordinator, "relecture")
    history = staff_client.get("/equipe/metiers/docker/historique/").content.decode()
    assert coordinator.email in history and "Fiche relue le" in history


def test_to_review_boundary_is_twelve_months(example_territory):
    today = dt.date(2026, 3, 31)
    metier = MetierFactory(territory=example_territory, reviewed_on=dt.date(2025, 3, 31))
    assert not Metier.objects.to_review(today=today).filter(pk=metier.pk).exists()
    metier_mark_reviewed(metier=metier, user=None, on=dt.date(2025, 3, 30))
    assert Metier.objects.to_review(today=today).filter(pk=metier.pk).exists()


def test_history_of_another_territory_is_404(staff_client, coordinator):
    other = MetierFactory(territory=TerritoryFactory(), slug="ailleurs")
    staff_client.force_login(coordinator)
    assert staff_client.get(f"/equipe/metiers/{other.slug}/historique/").status_code == 404


def test_admin_is_scoped_to_the_coordinators_territory(staff_client, coordinator):
    other = MetierFactory(territory=TerritoryFactory(), title="Métier d'ailleurs")
    staff_client.force_login(coordinator)
    listing = staff_client.get("/admin/catalogue/metier/").content.decode()
    assert "Cariste" in listing and "Métier d&#x27;ailleurs" not in listing
    assert staff_client.get(f"/admin/catalogue/metier/{other.pk}/change/").status_code == 302
    mediator = UserFactory(role="mediator", territory=coordinator.territory, is_staff=True)
    staff_client.force_login(mediator)
    # The scoped admin site (espaces/common/admin_scope.py) sends other roles to its login.
    response = staff_client.get("/admin/catalogue/metier/")
    assert response.status_code in (302, 403) and "Cariste" not in response.content.decode()


def test_admin_change_records_who_when_and_which_fields(staff_client, coordinator):
    metier = Metier.objects.get(slug="docker")
    staff_client.force_login(coordinator)
    page = staff_client.get(f"/admin/catalogue/metier/{metier.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if k not in ("territory", "rome_fiches", "sectors", "employers", "salary_source")
    }
    data.update(
        {
            "title": "Docker portuaire",
            "rome_fiches": "N3203",
            "sectors": [s.pk for s in metier.sectors.all()],
            "employers": [],
            "summary": metier.summary,
            "day_tasks": '["Un", "Deux", "Trois"]',
            "likes": "[]",
            "hard": "[]",
            "keywords": '["docker"]',
            "salary_min": "",
            "salary_max": "",
            "salary_as_of": "",
            "short_training_months": "2",
            "reviewed_on": "",
        }
    )
    for prefix in ("conditions", "trainings", "project_links", "role_models"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data["conditions-INITIAL_FORMS"] = "0"
    data = {k: v for k, v in data.items() if v is not None}
    response = staff_client.post(f"/admin/catalogue/metier/{metier.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    metier.refresh_from_db()
    assert metier.title == "Docker portuaire"
    entry = LogEntry.objects.get(object_id=str(metier.pk))
    assert entry.user == coordinator
    revision = MetierRevision.objects.filter(metier=metier, origin="admin").get()
    assert revision.user == coordinator and "Intitulé" in revision.fields
    history = staff_client.get("/equipe/metiers/docker/historique/").content.decode()
    assert "Intitulé" in history


def test_admin_edits_translations_and_refuses_a_field_that_cannot_be_translated(
    staff_client, coordinator
):
    metier = Metier.objects.get(slug="docker")
    staff_client.force_login(coordinator)
    page = staff_client.get(f"/admin/catalogue/metier/{metier.pk}/change/")
    assert "Traductions (facultatif)" in page.content.decode()
    data = {
        "slug": metier.slug,
        "title": metier.title,
        "rome_fiches": "N3203",
        "sectors": [s.pk for s in metier.sectors.all()],
        "summary": metier.summary,
        "day_tasks": '["Un", "Deux", "Trois"]',
        "likes": "[]",
        "hard": "[]",
        "keywords": "[]",
        "entry_level": metier.entry_level,
        "salary_period": "",
        "salary_basis": "",
        "translations": '{"en": {"salary_min": "2000"}}',
    }
    for prefix in ("conditions", "trainings", "project_links", "role_models"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = staff_client.post(f"/admin/catalogue/metier/{metier.pk}/change/", data)
    assert response.status_code == 200
    assert "champ « salary_min » non traduisible" in response.content.decode()
    data["translations"] = '{"en": {"title": "Docker (port worker)"}}'
    response = staff_client.post(f"/admin/catalogue/metier/{metier.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    metier.refresh_from_db()
    assert metier.translations == {"en": {"title": "Docker (port worker)"}}
