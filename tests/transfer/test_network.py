"""The network view: anonymous indicators of every territory, counts under k = 5 withheld."""

import datetime as dt

import pytest
from django.utils import timezone

from espaces.orientation.models import OrientationCompletion

from .conftest import HOST_A, text_of

pytestmark = pytest.mark.django_db


def _into_the_last_closed_month():
    """Disclosure control publishes closed months only (docs/stats.md): the figures of the
    fixture, recorded these last days, are moved to a day of the previous month."""
    from espaces.events.models import Session
    from espaces.reception.models import Visit

    today = timezone.localdate()
    day = today.replace(day=1) - dt.timedelta(days=10)
    Visit.objects.update(date=day)
    OrientationCompletion.objects.update(date=day)
    now = timezone.now()
    for session in Session.objects.filter(start__lt=now):
        length = session.end - session.start
        start = session.start.replace(year=day.year, month=day.month, day=day.day)
        Session.objects.filter(pk=session.pk).update(start=start, end=start + length)


def by_slug(body):
    return {t["slug"]: t for t in body["territories"]}


def test_api_gives_each_territory_with_small_counts_withheld(client, two):
    _into_the_last_closed_month()
    body = client.get("/api/v1/network/stats", HTTP_HOST=HOST_A).json()
    assert body["k"] == 5
    assert [i["key"] for i in body["indicators"]] == [
        "visitors",
        "professionals",
        "sessions",
        "school_interventions",
        "questionnaires",
    ]
    rows = by_slug(body)
    assert rows["exemple"]["indicators"] == {
        "visitors": 11,
        "professionals": 7,
        "sessions": 6,
        "school_interventions": 5,
        "questionnaires": 6,
    }
    assert rows["exemple-b"]["indicators"]["visitors"] == 37
    assert rows["exemple-b"]["indicators"]["professionals"] is None  # 3 < 5
    assert rows["exemple-b"]["suppressed"] == ["professionals"]
    totals = {t["key"]: t for t in body["totals"]}
    # the withheld 3 is not in the total, so that it cannot be found back by subtraction
    assert totals["professionals"] == {
        "key": "professionals",
        "label": "Professionnels de l'accompagnement",
        "published_total": 7,
        "territories_withheld": 1,
    }
    assert totals["visitors"]["published_total"] == 48
    assert totals["questionnaires"]["published_total"] == 15


def test_api_period_bounds_are_included(client, two):
    today = timezone.localdate()
    OrientationCompletion.objects.create(
        territory=two.a.territory, date=today - dt.timedelta(days=40)
    )
    old = (today - dt.timedelta(days=40)).isoformat()
    body = client.get(f"/api/v1/network/stats?from={old}&to={old}", HTTP_HOST=HOST_A).json()
    assert body["period"] == {"from": old, "to": old}  # as asked; counted on the whole month
    rows = by_slug(body)
    assert rows["exemple"]["indicators"]["questionnaires"] is None  # 1 < 5
    assert rows["exemple"]["indicators"]["visitors"] is None  # 0 < 5


def test_api_refuses_bad_dates_in_french(client, two):
    response = client.get("/api/v1/network/stats?from=2025-13-01")
    assert response.status_code == 400
    assert response.json()["message"] == "from : date attendue au format AAAA-MM-JJ."
    response = client.get("/api/v1/network/stats?from=2025-06-01&to=2025-01-01")
    assert response.status_code == 400
    assert "doit suivre" in response.json()["message"]


def test_public_page_shows_both_territories(client, two, django_assert_max_num_queries):
    _into_the_last_closed_month()
    # disclosure control reads every closed month since the first opening, per territory
    # (docs/stats.md): the cost grows with the history — not pinned at 40 any more
    with django_assert_max_num_queries(1500):
        response = client.get("/reseau/", HTTP_HOST=HOST_A)
    assert response.status_code == 200
    text = text_of(response)
    assert "Communauté d'exemple" in text and "Communauté Quetzal (fictive)" in text
    assert "moins de 5" in text
    assert "hors 1 territoire sous le seuil" in text


def test_public_page_keeps_the_bad_input_and_says_what_to_do(client, two):
    response = client.get("/reseau/?from=2025-06-01&to=2025-01-01", HTTP_HOST=HOST_A)
    assert response.status_code == 400
    text = text_of(response)
    assert "La date de fin doit suivre la date de début." in text
    assert 'value="2025-06-01"' in text


def test_public_page_without_territory(client, db):
    response = client.get("/reseau/")
    assert response.status_code == 200
    assert "Aucun territoire n'est encore chargé." in text_of(response)


def test_public_page_is_kept_until_a_visit_or_an_edit(client, two, django_assert_num_queries):
    """The page's figures are kept under the day, k, the period, the content version and the
    visit months' versions: a second view reads those versions only; a visit recorded in a
    closed month or a renamed territory shows at once."""
    from espaces.reception.models import Visit
    from espaces.territories.models import Territory

    _into_the_last_closed_month()
    first = text_of(client.get("/reseau/", HTTP_HOST=HOST_A))
    with django_assert_num_queries(1):
        assert text_of(client.get("/reseau/", HTTP_HOST=HOST_A)) == first
    visit = Visit.objects.filter(territory__slug="exemple").first()
    for _ in range(12):
        Visit.objects.create(
            territory=visit.territory, site=visit.site, date=visit.date, public_category="habitant"
        )
    second = text_of(client.get("/reseau/", HTTP_HOST=HOST_A))
    assert second != first
    renamed = Territory.objects.get(slug="exemple")
    renamed.name = "Communauté d'exemple renommée"
    renamed.save()
    assert "Communauté d'exemple renommée" in text_of(client.get("/reseau/", HTTP_HOST=HOST_A))
