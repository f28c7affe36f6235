"""Database sessions read with one plain SELECT (espaces/ops/sessions.py): the same data as
Django's store, nothing for an expired or unknown key."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from espaces.ops.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_reads_what_django_wrote_and_nothing_else():
    written = DjangoStore()
    written["espace"] = 7
    written["liste"] = ["a", "é"]
    written.create()
    read = SessionStore(written.session_key)
    assert read["espace"] == 7 and read["liste"] == ["a", "é"]
    assert dict(read.items()) == dict(DjangoStore(written.session_key).items())
    # expired: nothing, and the key is dropped (a new session will be made), as Django does
    Session.objects.filter(pk=written.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    expired = SessionStore(written.session_key)
    assert expired.get("espace") is None and expired.session_key is None
    assert SessionStore("inconnue-" + "x" * 24).get("espace") is None


def test_is_the_configured_engine_and_a_login_survives_requests(client, settings):
    from tests.factories import UserFactory

    assert settings.SESSION_ENGINE == "espaces.ops.sessions"
    user = UserFactory(role="coordinator", password="Mot-de-passe-solide-2026")
    client.force_login(user)
    assert client.get("/equipe/").status_code == 200
    assert client.get("/equipe/").context["user"] == user
