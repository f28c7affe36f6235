"""/sante/ (liveness, the bench's trivial view) and /sante/base/ (database readiness)."""

import pytest
from django.db import connection


def test_health_answers_ok_without_touching_the_database(client):
    # No django_db mark: any database access would raise.
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "sessionid" not in response.cookies
    assert client.head("/sante/").status_code == 200
    assert client.post("/sante/").status_code == 405


@pytest.mark.django_db
def test_database_health_runs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/sante/base/")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_database_health_is_503_when_the_database_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("base arrêtée")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/sante/base/")
    assert response.status_code == 503
    assert "indisponible" in response.content.decode()


def test_health_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    from django.test import Client

    assert Client().get("/sante/").status_code == 200
    assert Client().get("/metiers/").status_code == 301
