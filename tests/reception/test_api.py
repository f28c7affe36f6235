"""POST /api/v1/visits and GET /api/v1/stats/summary."""

import datetime as dt

import pytest
from django.utils import timezone

from espaces.reception.models import Visit
from tests.events.factories import RegistrationFactory, SchoolFactory, SessionFactory

from .factories import VisitFactory


def post_visit(client, headers, **body):
    return client.post("/api/v1/visits", body, content_type="application/json", **headers)


def test_mediator_records_a_visit_of_their_site(client, world, bearer):
    response = post_visit(
        client,
        bearer(world.users.mediator_a),
        date="2025-03-14",
        site="centre",
        public_category="demandeur_emploi",
        gender="femme",
        age_band="30_54",
        qpv="oui",
        commune="99002",
        channel="orientation-partenaire",
        purpose="aide-cv",
        group_size=3,
    )
    assert response.status_code == 201
    data = response.json()
    assert data == {
        "id": data["id"],
        "date": "2025-03-14",
        "site": "centre",
        "public_category": "demandeur_emploi",
        "gender": "femme",
        "age_band": "30_54",
        "qpv": "oui",
        "commune": "99002",
        "channel": "orientation-partenaire",
        "purpose": "aide-cv",
        "group_size": 3,
    }
    visit = Visit.objects.get(pk=data["id"])
    assert visit.source == "api" and visit.recorded_by == world.users.mediator_a


def test_minimal_body_takes_the_defaults(client, world, bearer):
    response = post_visit(
        client, bearer(world.users.coordinator), site="gare", public_category="habitant"
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["date"], data["gender"], data["age_band"], data["qpv"], data["group_size"]) == (
        timezone.localdate().isoformat(),
        "non_renseigne",
        "inconnu",
        "inconnu",
        1,
    )


def test_unknown_values_are_422_naming_the_allowed_ones(client, world, bearer):
    response = post_visit(
        client,
        bearer(world.users.mediator_a),
        site="centre",
        public_category="touriste",
        purpose="piscine",
        group_size=0,
    )
    assert response.status_code == 422
    data = response.json()
    by_field = {e["champ"]: e["message"] for e in data["erreurs"]}
    assert by_field["public_category"].startswith(
        "valeur « touriste » inconnue. Valeurs permises : demandeur_emploi, stagiaire_formation"
    )
    assert by_field["purpose"] == (
        "motif « piscine » inconnu pour l'espace « centre ». Valeurs permises : "
        "information-metiers, orientation, atelier, casque-vr, rencontre-entreprise, aide-cv, "
        "autre (ou vide)."
    )
    assert "un entier de 1 à 500" in by_field["group_size"]
    assert data["message"].startswith("Visite refusée : ")
    assert not Visit.objects.filter(source="api").exists()


def test_mediator_cannot_record_for_another_site(client, world, bearer):
    response = post_visit(
        client, bearer(world.users.mediator_b), site="centre", public_category="habitant"
    )
    assert response.status_code == 403
    assert response.json() == {
        "message": "Votre compte ne saisit pas de visites pour l'espace « centre »."
    }


def test_unknown_site_is_422_with_the_sites(client, world, bearer):
    response = post_visit(
        client, bearer(world.users.coordinator), site="lune", public_category="habitant"
    )
    assert response.status_code == 422
    assert {e["champ"]: e["message"] for e in response.json()["erreurs"]}["site"] == (
        "espace « lune » inconnu. Valeurs permises : centre, gare."
    )


def test_malformed_json_is_a_french_error_not_a_500(client, world, bearer):
    response = client.post(
        "/api/v1/visits",
        "{pas du json",
        content_type="application/json",
        **bearer(world.users.coordinator),
    )
    assert response.status_code in (400, 422)
    assert "message" in response.json()


# --- stats/summary -----------------------------------------------------------------------------
@pytest.fixture
def visits(world):
    """A known set of visits in March 2025 (plus the world's visit of today)."""
    day = dt.date(2025, 3, 10)
    a, b = world.site_a, world.site_b
    VisitFactory(
        site=a,
        date=day,
        public_category="demandeur_emploi",
        gender="femme",
        age_band="30_54",
        qpv="oui",
        purpose="atelier",
        channel="spontane",
    )
    VisitFactory(
        site=a,
        date=day,
        public_category="jeune_scolaire",
        gender="homme",
        age_band="moins_18",
        qpv="non",
        group_size=25,
        purpose="casque-vr",
        channel="ecole",
    )
    VisitFactory(
        site=b,
        date=day + dt.timedelta(days=5),
        public_category="habitant",
        gender="femme",
        age_band="55_plus",
        group_size=2,
    )
    VisitFactory(
        site=b,
        date=day,
        public_category="professionnel_accompagnement",
        gender="femme",
        age_band="30_54",
        group_size=4,
        purpose="information-metiers",
    )
    VisitFactory(site=a, date=dt.date(2025, 4, 2), public_category="salarie", group_size=1)
    return world


def summary(client, headers, query=""):
    response = client.get(f"/api/v1/stats/summary{query}", **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_summary_counts_people_of_the_public_exactly(client, visits, bearer):
    data = summary(client, bearer(visits.users.coordinator), "?from=2025-03-01&to=2025-03-31")
    assert data["visitors"] == 1 + 25 + 2
    assert data["professionals"] == 4
    assert data["by_public_category"] == {
        "demandeur_emploi": 1,
        "stagiaire_formation": 0,
        "salarie": 0,
        "jeune_scolaire": 25,
        "etudiant": 0,
        "habitant": 2,
        "nouvel_arrivant": 0,
        "enseignant": 0,
        "employeur": 0,
        "autre": 0,
    }
    assert data["by_gender"] == {"femme": 3, "homme": 25, "autre": 0, "non_renseigne": 0}
    assert data["by_age_band"] == {
        "moins_18": 25,
        "18_29": 0,
        "30_54": 1,
        "55_plus": 2,
        "inconnu": 0,
    }
    assert data["qpv"] == {"oui": 1, "non": 25, "inconnu": 2}
    assert data["by_purpose"] == {"": 2, "atelier": 1, "casque-vr": 25}
    assert data["by_channel"] == {"": 2, "ecole": 25, "spontane": 1}
    assert data["by_site"] == {"centre": 26, "gare": 2}
    assert data["entries"] == 4 and data["group_entries"] == 3
    assert data["period"] == {"from": "2025-03-01", "to": "2025-03-31"}
    for key in ("sessions", "school_interventions", "schools"):
        assert data[key] == 0


def test_summary_filters_by_site_and_has_no_personal_data(client, visits, bearer):
    data = summary(client, bearer(visits.users.coordinator), "?from=2025-03-01&site=gare")
    assert (data["visitors"], data["professionals"], data["site"]) == (2, 4, "gare")
    assert "first_name" not in str(data) and "Camille" not in str(data)


def test_summary_bad_inputs_are_french_json_errors(client, visits, bearer):
    headers = bearer(visits.users.coordinator)
    bad_date = client.get("/api/v1/stats/summary?from=10/03/2025", **headers)
    assert bad_date.status_code == 400
    assert bad_date.json() == {"message": "from : date attendue au format AAAA-MM-JJ."}
    reversed_period = client.get("/api/v1/stats/summary?from=2025-04-01&to=2025-03-01", **headers)
    assert reversed_period.status_code == 400
    unknown_site = client.get("/api/v1/stats/summary?site=lune", **headers)
    assert unknown_site.status_code == 404
    assert unknown_site.json()["message"] == "Espace « lune » inconnu. Espaces : centre, gare."


def test_summary_runs_a_fixed_number_of_queries(
    client, visits, bearer, django_assert_max_num_queries
):
    headers = bearer(visits.users.coordinator)
    for _ in range(20):
        VisitFactory(site=visits.site_a, date=dt.date(2025, 3, 12), group_size=3)
    with django_assert_max_num_queries(25):  # the statistics selectors (summary_figures)
        data = summary(client, headers, "?from=2025-03-01&to=2025-03-31")
    assert data["visitors"] == 28 + 60


def test_summary_counts_sessions_and_schools_from_the_events_app(client, world, bearer):
    t, a = world.territory, world.site_a
    start = timezone.make_aware(dt.datetime(2025, 3, 12, 14, 0))
    lycee, college = SchoolFactory(territory=t), SchoolFactory(territory=t, kind="college")
    first = SessionFactory(territory=t, site=a, start=start, capacity=60)
    second = SessionFactory(territory=t, site=world.site_b, start=start, capacity=60)
    SessionFactory(territory=t, site=a, start=start, status="cancelled")
    SessionFactory(territory=t, site=a, start=start + dt.timedelta(days=40))  # April
    RegistrationFactory(session=first, school=lycee, seats=25, first_name="", last_name="")
    RegistrationFactory(session=first, school=college, seats=20, first_name="", last_name="")
    RegistrationFactory(session=second, school=lycee, seats=28, first_name="", last_name="")
    data = summary(client, bearer(world.users.coordinator), "?from=2025-03-01&to=2025-03-31")
    assert (data["sessions"], data["school_interventions"], data["schools"], data["pupils"]) == (
        2,
        3,
        2,
        73,
    )
    site_only = summary(
        client, bearer(world.users.coordinator), "?from=2025-03-01&to=2025-03-31&site=gare"
    )
    assert (site_only["sessions"], site_only["school_interventions"], site_only["schools"]) == (
        1,
        1,
        1,
    )


def test_openapi_documents_both_operations(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/visits"]
    parameters = {p["name"] for p in paths["/api/v1/stats/summary"]["get"]["parameters"]}
    assert parameters == {"from", "to", "site"}


def test_a_body_that_is_not_json_gets_a_french_400(client, world, bearer):
    before = Visit.objects.count()
    response = client.post(
        "/api/v1/visits",
        "{pas du json",
        content_type="application/json",
        **bearer(world.users.mediator_a),
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("Corps de la requête illisible")
    assert Visit.objects.count() == before
