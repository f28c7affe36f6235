"""Two territories, one database, one server: nothing of one territory in the other's answers.

For every public page, API call, staff page (each role of RECEPTION: mediator, partner, funder,
coordinator, of A and of B), export, search result, iCal feed and statistic, the answers served
for A contain no name of B (every B name holds « Quetzal »), and those served for B contain no
name of A. Records of the other territory are 404, its staff pages 403, and a token of one
territory asking for the other's private data gets 403."""

import json

import pytest
from django.core.management import call_command

from espaces.reception.models import Visit
from espaces.territories.packs.export import export_pack

from .conftest import HOST_A, HOST_B, leaks_of_a, leaks_of_b, private_names_of, text_of

pytestmark = pytest.mark.django_db

ROLES = ["mediator", "partner", "funder", "coordinator"]


def public_urls(own, other) -> list[str]:
    return [
        "/",
        "/projets/",
        "/metiers/",
        "/metiers/?q=soudeur",
        "/metiers/?q=batterie",
        "/metiers/soudeur/",
        "/metiers/soudeur/imprimer/",
        "/metiers/comparer/?m=soudeur&m=cariste",
        "/lever-les-freins/",
        "/lever-les-freins/?besoin=me-deplacer&besoin=faire-garder-mes-enfants&besoin=me-former",
        "/lever-les-freins/?q=nuit",
        "/lever-les-freins/services/bus-de-nuit-exemple/",
        "/agenda/",
        "/agenda/abonnement/",
        "/agenda/agenda.ics",
        "/agenda/espaces/centre/agenda.ics",
        "/agenda/types/atelier-metiers/agenda.ics",
        f"/agenda/seances/{own.future.pk}/",
        f"/agenda/seances/{own.future.pk}/agenda.ics",
        "/orientation/",
        "/impact/",
    ]


def api_urls() -> list[str]:
    return [
        "/api/v1/territory",
        "/api/v1/projects",
        "/api/v1/metiers",
        "/api/v1/metiers?q=soudeur",
        "/api/v1/metiers/soudeur",
        "/api/v1/services",
        "/api/v1/services?thematique=famille--garde-denfants",
        "/api/v1/events",
        "/api/v1/orientation/questionnaire",
    ]


def staff_urls(own) -> list[str]:
    return [
        "/equipe/",
        "/equipe/accueil/",
        "/equipe/accueil/espace/",
        "/equipe/accueil/personnes/",
        "/equipe/accueil/personnes/nouveau/",
        f"/equipe/accueil/personnes/{own.beneficiary.pk}/",
        f"/equipe/accueil/personnes/{own.beneficiary.pk}/modifier/",
        f"/equipe/accueil/personnes/{own.beneficiary.pk}/orienter/",
        f"/equipe/accueil/visites/{own.visit.pk}/corriger/",
        f"/equipe/accueil/personnes/{own.beneficiary.pk}/export/",
        "/equipe/accueil/orientations/",
        f"/equipe/accueil/orientations/{own.referral.pk}/",
        "/equipe/accueil/suivis/",
        "/equipe/accueil/journal/",
        "/equipe/accueil/chiffres/",
        "/agenda/equipe/",
        "/agenda/equipe/nouvelle/",
        "/agenda/equipe/etablissements/nouveau/",
        f"/agenda/equipe/{own.future.pk}/",
        f"/agenda/equipe/{own.future.pk}/modifier/",
        f"/agenda/equipe/{own.future.pk}/inscrire-groupe/",
        f"/agenda/equipe/{own.future.pk}/pointage/",
        f"/agenda/equipe/{own.held.pk}/emargement/",
        f"/agenda/equipe/{own.held.pk}/emargement.csv",
        "/agenda/equipe/bilan/",
        "/equipe/services/a-verifier/",
        "/equipe/metiers/a-relire/",
        "/equipe/metiers/soudeur/historique/",
        "/equipe/statistiques/",
        "/equipe/statistiques/bilan.csv",
        "/equipe/statistiques/bilan.json",
    ]


def check(answers: list[tuple[str, object]], leaks) -> None:
    """Every answer is a page (no 500) and none shows the other territory."""
    problems = []
    for url, response in answers:
        if response.status_code >= 500:
            problems.append(f"{url} : erreur {response.status_code}")
            continue
        found = leaks(text_of(response))
        if found:
            problems.append(f"{url} ({response.status_code}) montre {found}")
    assert not problems, "\n".join(problems)


# --- public pages, search, iCal ------------------------------------------------------------------
def test_public_pages_of_a_show_nothing_of_b(client, two):
    answers = [(url, client.get(url, HTTP_HOST=HOST_A)) for url in public_urls(two.a, two.b)]
    assert all(r.status_code == 200 for _, r in answers), [
        (u, r.status_code) for u, r in answers if r.status_code != 200
    ]
    check(answers, leaks_of_b)


def test_public_pages_of_b_show_nothing_of_a(client, two):
    answers = [(url, client.get(url, HTTP_HOST=HOST_B)) for url in public_urls(two.b, two.a)]
    assert all(r.status_code == 200 for _, r in answers), [
        (u, r.status_code) for u, r in answers if r.status_code != 200
    ]
    check(answers, lambda text: leaks_of_a(text, two.a_names))
    home = text_of(client.get("/", HTTP_HOST=HOST_B))
    assert "Électrolyseur Quetzal" in home and "Espace Quetzal du marché" in home


def test_same_slug_gives_each_territory_its_own_record(client, two):
    a = text_of(client.get("/metiers/soudeur/", HTTP_HOST=HOST_A))
    b = text_of(client.get("/metiers/soudeur/", HTTP_HOST=HOST_B))
    assert "Soudeur / Soudeuse" in a and "Quetzal" not in a
    assert "Soudeur Quetzal / Soudeuse Quetzal" in b
    service_a = text_of(
        client.get("/lever-les-freins/services/bus-de-nuit-exemple/", HTTP_HOST=HOST_A)
    )
    service_b = text_of(
        client.get("/lever-les-freins/services/bus-de-nuit-exemple/", HTTP_HOST=HOST_B)
    )
    assert "Bus de nuit d'exemple" in service_a
    assert "Navette de nuit Quetzal" in service_b


def test_records_of_the_other_territory_are_not_found(client, two):
    for url in (
        f"/agenda/seances/{two.b.future.pk}/",
        f"/agenda/seances/{two.b.future.pk}/agenda.ics",
        "/metiers/cariste-quetzal/",
        "/metiers/cariste-quetzal/imprimer/",
        "/lever-les-freins/services/garde-quetzal/",
        "/agenda/espaces/inconnu/agenda.ics",
    ):
        response = client.get(url, HTTP_HOST=HOST_A)
        assert response.status_code == 404, url
        # the page may repeat the address asked for; it shows no record of B
        assert not leaks_of_a(text_of(response), two.b_names), url


def test_search_of_a_never_finds_b(client, two):
    response = client.get("/metiers/?q=quetzal", HTTP_HOST=HOST_A)
    assert "/metiers/cariste-quetzal/" not in text_of(response)
    assert "Cariste Quetzal" not in text_of(response)
    compare = text_of(
        client.get("/metiers/comparer/?m=soudeur&m=cariste-quetzal", HTTP_HOST=HOST_A)
    )
    assert "Soudeur Quetzal" not in compare and "Cariste Quetzal" not in compare
    api = client.get("/api/v1/metiers?q=quetzal", HTTP_HOST=HOST_A).json()
    assert [m["slug"] for m in api["items"]] == []
    api_b = client.get("/api/v1/metiers?q=quetzal", HTTP_HOST=HOST_B).json()
    assert {m["slug"] for m in api_b["items"]} == {"soudeur", "cariste-quetzal"}


def test_ical_feeds_list_only_the_territory_sessions(client, two):
    feed_a = text_of(client.get("/agenda/agenda.ics", HTTP_HOST=HOST_A))
    feed_b = text_of(client.get("/agenda/agenda.ics", HTTP_HOST=HOST_B))
    assert "Séance alpha à venir" in feed_a and "quetzal" not in feed_a.lower()
    assert "Séance quetzal à venir" in feed_b and "alpha" not in feed_b


# --- API -------------------------------------------------------------------------------------
def test_public_api_of_a_shows_nothing_of_b(client, two):
    by_host = [(url, client.get(url, HTTP_HOST=HOST_A)) for url in api_urls()]
    by_param = [(f"{url}{'&' if '?' in url else '?'}territory=exemple", None) for url in api_urls()]
    by_param = [(url, client.get(url, HTTP_HOST=HOST_B)) for url, _ in by_param]
    for url, response in by_host + by_param:
        assert response.status_code == 200, (url, response.status_code)
    check(by_host + by_param, leaks_of_b)
    assert client.get("/api/v1/territory?territory=exemple", HTTP_HOST=HOST_B).json()["slug"] == (
        "exemple"
    )


def test_public_api_of_b_shows_nothing_of_a(client, two):
    answers = [(url, client.get(url, HTTP_HOST=HOST_B)) for url in api_urls()]
    check(answers, lambda text: leaks_of_a(text, two.a_names))
    events = client.get("/api/v1/events", HTTP_HOST=HOST_B).json()
    items = events["items"] if isinstance(events, dict) else events
    assert {e["id"] for e in items} == {two.b.future.pk}


def test_orientation_results_come_from_the_territory_catalogue(client, two):
    for host, own_titles, other in (
        (HOST_A, None, "quetzal"),
        (HOST_B, {"Soudeur Quetzal / Soudeuse Quetzal", "Cariste Quetzal"}, None),
    ):
        questions = client.get("/api/v1/orientation/questionnaire", HTTP_HOST=host).json()
        answers = {q["id"]: 2 for q in questions["questions"] if q["kind"] == "scale"}
        response = client.post(
            "/api/v1/orientation",
            data=json.dumps({"answers": answers}),
            content_type="application/json",
            HTTP_HOST=host,
        )
        assert response.status_code in (200, 201), response.content
        titles = {r["metier"]["title"] for r in response.json()["results"]}
        if other:
            assert not any(other in t.lower() for t in titles)
        else:
            assert titles <= own_titles


def test_registration_to_a_session_of_b_is_refused_from_a(client, two):
    response = client.post(
        f"/api/v1/sessions/{two.b.future.pk}/registrations",
        data=json.dumps(
            {"first_name": "Sam", "last_name": "Test", "email": "sam@example.org", "consent": True}
        ),
        content_type="application/json",
        HTTP_HOST=HOST_A,
    )
    assert response.status_code == 404
    assert two.b.future.registrations.filter(last_name="Test").count() == 0


def test_stats_summary_counts_only_the_territory(client, two, bearer):
    from .test_network import _into_the_last_closed_month

    _into_the_last_closed_month()  # funders read closed months only (disclosure control)
    for world in (two.a, two.b):
        host = HOST_A if world is two.a else HOST_B
        for role in ("coordinator", "funder"):
            response = client.get(
                "/api/v1/stats/summary",
                HTTP_HOST=host,
                **bearer(getattr(world.users, role)),
            )
            assert response.status_code == 200, response.content
            body = response.json()
            assert body["visitors"] == world.visitors
            # a funder's counts under 5 are withheld (3 professionals in B)
            small = role == "funder" and world.professionals < 5
            assert body["professionals"] == (0 if small else world.professionals)
            assert body["sessions"] == 6  # the held session and five classes
            assert body["school_interventions"] == 5
            assert set(body["by_site"]) == {"centre"}


@pytest.mark.parametrize("role", ROLES)
def test_token_of_a_gets_403_on_private_data_of_b(client, two, bearer, role):
    headers = bearer(getattr(two.a.users, role))
    calls = [
        ("get", "/api/v1/stats/summary?territory=exemple-b", HOST_A),
        ("get", "/api/v1/stats/summary", HOST_B),
        (
            "get",
            "/api/v1/stats/indicators?from=2020-01-01&to=2030-12-31&territory=exemple-b",
            HOST_A,
        ),
        ("post", "/api/v1/visits?territory=exemple-b", HOST_A),
        ("post", "/api/v1/visits", HOST_B),
    ]
    visit = json.dumps({"site": "centre", "public_category": "demandeur_emploi"})
    for method, url, host in calls:
        if method == "get":
            response = client.get(url, HTTP_HOST=host, **headers)
        else:
            response = client.post(
                url, data=visit, content_type="application/json", HTTP_HOST=host, **headers
            )
        assert response.status_code == 403, (role, url, host, response.status_code)
        assert not leaks_of_b(text_of(response))
    assert Visit.objects.filter(territory=two.b.territory).count() == 2  # nothing recorded


def test_token_of_b_gets_403_on_private_data_of_a(client, two, bearer):
    headers = bearer(two.b.users.coordinator)
    response = client.get("/api/v1/stats/summary?territory=exemple", HTTP_HOST=HOST_B, **headers)
    assert response.status_code == 403


def test_an_admin_of_a_reads_a_and_nothing_of_b(client, two, bearer):
    """Admins belong to the territory they administer and nothing else (PRIVACY issue)."""
    headers = bearer(two.admin)
    a = client.get("/api/v1/stats/summary", HTTP_HOST=HOST_A, **headers).json()
    assert a["visitors"] == 11
    b = client.get("/api/v1/stats/summary?territory=exemple-b", HTTP_HOST=HOST_A, **headers)
    assert b.status_code == 403
    posted = client.post(
        "/api/v1/visits?territory=exemple-b",
        {"date": "2025-03-10", "site": "centre", "public_category": "habitant"},
        content_type="application/json",
        HTTP_HOST=HOST_A,
        **headers,
    )
    assert posted.status_code == 403
    client.force_login(two.admin)
    beneficiary = two.b.beneficiary if hasattr(two.b, "beneficiary") else None
    if beneficiary is not None:
        page = client.get(f"/equipe/accueil/personnes/{beneficiary.pk}/", HTTP_HOST=HOST_B)
        assert page.status_code in (403, 404)


# --- staff pages, exports --------------------------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_of_a_show_nothing_of_b(client, two, role):
    client.force_login(getattr(two.a.users, role))
    answers = [(url, client.get(url, HTTP_HOST=HOST_A)) for url in staff_urls(two.a)]
    check(answers, leaks_of_b)
    reachable = [url for url, r in answers if r.status_code == 200]
    assert reachable, f"{role} : aucune page d'équipe ouverte"


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_of_b_show_nothing_of_a(client, two, role):
    client.force_login(getattr(two.b.users, role))
    answers = [(url, client.get(url, HTTP_HOST=HOST_B)) for url in staff_urls(two.b)]
    check(answers, lambda text: leaks_of_a(text, two.a_names))


@pytest.mark.parametrize("role", ROLES)
def test_staff_of_a_cannot_open_the_staff_pages_of_b(client, two, role):
    client.force_login(getattr(two.a.users, role))
    opened = []
    for url in staff_urls(two.b):
        if url == "/equipe/":  # the account's own home: says which territory it belongs to
            continue
        response = client.get(url, HTTP_HOST=HOST_B)
        if response.status_code not in (302, 403):
            opened.append((url, response.status_code))
        text = text_of(response)
        assert not [n for n in private_names_of(two.b) if n in text], url
    assert not opened, f"{role} de A ouvre chez B : {opened}"


def test_records_of_b_are_404_for_staff_of_a(client, two):
    client.force_login(two.a.users.coordinator)
    for url in (
        f"/equipe/accueil/personnes/{two.b.beneficiary.pk}/",
        f"/equipe/accueil/personnes/{two.b.beneficiary.pk}/export/",
        f"/equipe/accueil/orientations/{two.b.referral.pk}/",
        f"/equipe/accueil/visites/{two.b.visit.pk}/corriger/",
        f"/agenda/equipe/{two.b.future.pk}/",
        f"/agenda/equipe/{two.b.held.pk}/emargement.csv",
        "/equipe/metiers/cariste-quetzal/historique/",
    ):
        response = client.get(url, HTTP_HOST=HOST_A)
        assert response.status_code == 404, (url, response.status_code)


def test_forms_of_a_refuse_the_records_of_b(client, two):
    client.force_login(two.a.users.coordinator)
    from espaces.events.models import Session
    from espaces.reception.models import Referral

    def session(world):
        return {
            "event_type": world.future.event_type_id,
            "title": "Séance d'essai",
            "site": world.site.pk,
            "date": "2030-01-10",
            "start_time": "10:00",
            "end_time": "12:00",
            "capacity": 10,
            "waitlist": "1",
        }

    sessions = Session.objects.count()
    response = client.post("/agenda/equipe/nouvelle/", session(two.b), HTTP_HOST=HOST_A)
    assert response.status_code != 302 and Session.objects.count() == sessions
    # the same form with A's own records is accepted: the refusal above is about B's records
    response = client.post("/agenda/equipe/nouvelle/", session(two.a), HTTP_HOST=HOST_A)
    assert response.status_code == 302, response.content.decode()[:2000]
    referrals = Referral.objects.count()
    response = client.post(
        f"/equipe/accueil/personnes/{two.a.beneficiary.pk}/orienter/",
        {"partner": two.b.partner.pk, "message": "Essai"},
        HTTP_HOST=HOST_A,
    )
    assert response.status_code != 302 and Referral.objects.count() == referrals


def test_orientation_result_of_b_is_not_found_from_a(client, two):
    questions = client.get("/api/v1/orientation/questionnaire", HTTP_HOST=HOST_B).json()
    answers = {q["id"]: 2 for q in questions["questions"] if q["kind"] == "scale"}
    created = client.post(
        "/api/v1/orientation",
        data=json.dumps({"answers": answers}),
        content_type="application/json",
        HTTP_HOST=HOST_B,
    ).json()
    code = created["code"]
    assert client.get(f"/orientation/resultat/{code}/", HTTP_HOST=HOST_B).status_code == 200
    assert client.get(f"/orientation/resultat/{code}/", HTTP_HOST=HOST_A).status_code == 404


def test_staff_statistics_count_only_the_territory(client, two):
    client.force_login(two.a.users.coordinator)
    data = client.get("/equipe/statistiques/bilan.json", HTTP_HOST=HOST_A)
    assert data.status_code == 200
    assert "quetzal" not in text_of(data).lower()
    client.force_login(two.b.users.funder)
    data_b = text_of(client.get("/equipe/statistiques/bilan.json", HTTP_HOST=HOST_B))
    assert not leaks_of_a(data_b, two.a_names)


def test_report_command_writes_only_the_territory(two, tmp_path):
    for slug, other in (("exemple", leaks_of_b), ("exemple-b", None)):
        output = tmp_path / f"{slug}.json"
        call_command(
            "report",
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--format",
            "json",
            "--output",
            str(output),
            "--territory",
            slug,
        )
        text = output.read_text(encoding="utf-8")
        if other:
            assert not other(text)
        else:
            assert not leaks_of_a(text, two.a_names)


def test_pack_export_of_a_holds_nothing_of_b(two, tmp_path):
    export_pack(two.a.territory, tmp_path / "a")
    export_pack(two.b.territory, tmp_path / "b")
    # Every file, the pack's images in their sub-folders included.
    for path in sorted(p for p in (tmp_path / "a").rglob("*") if p.is_file()):
        assert "quetzal" not in path.read_text(encoding="utf-8").lower(), path.name
    text_b = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((tmp_path / "b").rglob("*")) if p.is_file()
    )
    assert not leaks_of_a(text_b, two.a_names)


def test_network_view_shows_both_territories_side_by_side(client, two):
    from .test_network import _into_the_last_closed_month

    _into_the_last_closed_month()
    body = client.get("/api/v1/network/stats", HTTP_HOST=HOST_A).json()
    rows = {t["slug"]: t["indicators"] for t in body["territories"]}
    assert rows["exemple"]["visitors"] == 11 and rows["exemple-b"]["visitors"] == 37


def test_admin_of_the_catalogue_shows_a_coordinator_only_their_territory(client, two):
    from espaces.catalogue.models import Metier

    coordinator = two.a.users.coordinator
    coordinator.is_staff = True  # as `create_user --role coordinator` sets it
    coordinator.save()
    client.force_login(coordinator)
    listing = client.get("/admin/catalogue/metier/", HTTP_HOST=HOST_A)
    assert listing.status_code == 200
    assert not leaks_of_b(text_of(listing))
    b_sheet = Metier.objects.get(territory=two.b.territory, slug="soudeur")
    change = client.get(f"/admin/catalogue/metier/{b_sheet.pk}/change/", HTTP_HOST=HOST_A)
    assert change.status_code in (302, 404)
    assert not leaks_of_b(text_of(change))


def test_csv_downloads_linked_from_the_statistics_pages_show_nothing_of_b(client, two):
    import re

    client.force_login(two.a.users.coordinator)
    links = set()
    for page in ("/impact/", "/equipe/statistiques/", "/agenda/equipe/bilan/"):
        text = text_of(client.get(page, HTTP_HOST=HOST_A))
        links |= set(re.findall(r'href="([^"]+\.(?:csv|ics)[^"]*)"', text))
    assert links, "aucun téléchargement trouvé sur les pages de statistiques"
    answers = [(url, client.get(url, HTTP_HOST=HOST_A)) for url in sorted(links)]
    assert all(r.status_code == 200 for _, r in answers), [
        (u, r.status_code) for u, r in answers if r.status_code != 200
    ]
    check(answers, leaks_of_b)


def test_cached_public_pages_stay_with_their_territory(client, two, settings):
    from django.core.cache import caches

    settings.ESPACES_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    try:
        for url in ("/", "/metiers/soudeur/", "/agenda/"):
            first_a = text_of(client.get(url, HTTP_HOST=HOST_A))
            first_b = text_of(client.get(url, HTTP_HOST=HOST_B))
            again_a = text_of(client.get(url, HTTP_HOST=HOST_A))
            assert not leaks_of_b(first_a) and not leaks_of_b(again_a), url
            assert not leaks_of_a(first_b, two.a_names), url
            assert "Quetzal" in first_b, url
    finally:
        caches["pages"].clear()
