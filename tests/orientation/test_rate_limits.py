"""Anonymous POST /api/v1/orientation cannot inflate the public counts (de-duplicated and
limited per client); the result e-mail is limited per address and per client address."""

import json

import pytest
from django.core import mail

from espaces.orientation.models import OrientationCompletion, OrientationResult

from .test_api import GOOD, URL

pytestmark = pytest.mark.django_db


def post(client, answers, ip="203.0.113.7"):
    return client.post(
        URL, json.dumps({"answers": answers}), content_type="application/json", REMOTE_ADDR=ip
    )


def test_the_same_answers_in_a_loop_count_once(client, example_territory):
    for _ in range(10):
        assert post(client, GOOD).status_code == 200
    assert OrientationResult.objects.count() == 10  # every answer gets its result
    assert OrientationCompletion.objects.count() == 1
    assert post(client, GOOD, ip="198.51.100.9").status_code == 200  # another client counts
    assert OrientationCompletion.objects.count() == 2


def test_different_answers_count_at_most_n_a_day_per_client(client, example_territory, settings):
    settings.ESPACES_ORIENTATION_COUNTS_PER_DAY = 5
    for level in range(4):
        for other in range(3):
            post(client, {**GOOD, "reparer": level % 3, "analyser": other})
    assert OrientationCompletion.objects.count() == 5


def test_too_many_requests_from_one_client_get_a_429(client, example_territory, settings):
    settings.ESPACES_ORIENTATION_API_PER_HOUR = 3
    assert [post(client, GOOD).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert "réessayez dans une heure" in post(client, GOOD).json()["message"]
    assert post(client, GOOD, ip="198.51.100.9").status_code == 200


def test_result_email_is_limited_per_address_and_per_client(client, settings_example):
    result_code = post(client, GOOD).json()["code"]
    url = f"/orientation/resultat/{result_code}/courriel/"
    for n in range(5):  # a new session each time: the per-session limit does not apply
        client.cookies.clear()
        client.post(url, {"email": "cible@exemple.fr"}, REMOTE_ADDR=f"192.0.2.{n}")
    assert len(mail.outbox) == 3  # per address
    mail.outbox.clear()
    for n in range(12):
        client.cookies.clear()
        client.post(url, {"email": f"personne{n}@exemple.fr"}, REMOTE_ADDR="192.0.2.200")
    assert len(mail.outbox) == 10  # per client address
