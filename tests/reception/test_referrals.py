"""Referrals: state machine, partners' answers with an account or a signed link, reminders."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espaces.reception import services
from espaces.reception.models import Referral, ReferralEvent
from espaces.reception.referral_links import referral_link, referral_token
from espaces.reception.referral_states import TransitionError

from .factories import ReferralFactory


def test_create_sends_an_email_without_personal_data(world, django_capture_on_commit_callbacks):
    b = world.beneficiary
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_create(
            beneficiary=b, partner=world.partner_x, user=world.users.mediator_a, message="Soudage"
        )
    assert referral.status == "envoyee"
    assert referral.reply_due_on == timezone.localdate() + dt.timedelta(days=10)
    event = referral.events.get()
    assert (event.from_status, event.to_status, event.by) == ("", "envoyee", world.users.mediator_a)
    # One message per address (each retried on its own by the message queue).
    assert sorted(m.to[0] for m in mail.outbox) == ["contact@usine.example", "px@example.org"]
    for message in mail.outbox:
        assert f"orientation n° {referral.pk}" in message.body
        assert "/equipe/accueil/orientations/reponse/" in message.body
        for personal in (b.first_name, b.last_name, b.phone, "Soudage"):
            assert personal not in message.body and personal not in message.subject


def test_state_machine_accepts_the_path_and_records_who_and_when(world):
    r = world.referral_x
    partner = world.users.partner_x
    services.referral_transition(referral=r, to_status="recue", user=partner)
    services.referral_transition(referral=r, to_status="acceptee", user=partner, note="RDV le 3")
    services.referral_transition(
        referral=r, to_status="entree_formation", user=world.users.mediator_a
    )
    r.refresh_from_db()
    assert r.status == "entree_formation"
    history = list(r.events.values_list("from_status", "to_status", "by__email", "note"))
    assert history == [
        ("envoyee", "recue", "px@example.org", ""),
        ("recue", "acceptee", "px@example.org", "RDV le 3"),
        ("acceptee", "entree_formation", "med.a@example.org", ""),
    ]
    assert all(e.at is not None for e in r.events.all())


@pytest.mark.parametrize(
    ("path", "target", "message"),
    [
        (
            [],
            "acceptee",
            "Impossible de passer de « Envoyée » à « Acceptée ». Depuis « Envoyée », "
            "l'orientation peut passer à : « Reçue ».",
        ),
        (
            ["recue"],
            "en_emploi",
            "Impossible de passer de « Reçue » à « En emploi ». Depuis « Reçue », l'orientation "
            "peut passer à : « Acceptée », « Refusée ».",
        ),
        (
            ["recue"],
            "refusee",
            "Indiquez le motif du refus : il est transmis au médiateur.",
        ),
        (
            ["recue", "acceptee", "sans_suite"],
            "en_emploi",
            "L'orientation est « Sans suite » : c'est un état final, elle ne peut plus changer.",
        ),
        ([], "perdue", "État « perdue » inconnu."),
    ],
)
def test_invalid_transitions_are_refused_with_a_clear_message(world, path, target, message):
    r = world.referral_x
    for step in path:
        services.referral_transition(referral=r, to_status=step, by_label="test")
    count = ReferralEvent.objects.filter(referral=r).count()
    with pytest.raises(TransitionError) as exc:
        services.referral_transition(referral=r, to_status=target, by_label="test")
    assert str(exc.value).startswith(message)
    assert ReferralEvent.objects.filter(referral=r).count() == count


def test_refusal_keeps_its_reason(world):
    r = world.referral_x
    services.referral_transition(referral=r, to_status="recue", by_label="test")
    services.referral_transition(
        referral=r, to_status="refusee", reason="Plus de place en mars.", by_label="test"
    )
    r.refresh_from_db()
    assert (r.status, r.refusal_reason) == ("refusee", "Plus de place en mars.")


def test_partner_with_an_account_opens_then_answers(client, world):
    client.force_login(world.users.partner_x)
    url = reverse("reception:referral_detail", args=[world.referral_x.pk])
    page = client.get(url).content.decode()
    assert "Camille" in page and "Accompagnement vers une formation de soudage." in page
    world.referral_x.refresh_from_db()
    assert world.referral_x.status == "recue"  # opening it is receiving it
    refused = client.post(url, {"to_status": "refusee", "reason": ""})
    assert refused.status_code == 422
    assert "Indiquez le motif du refus" in refused.content.decode()
    assert client.post(url, {"to_status": "acceptee"}).status_code == 302
    world.referral_x.refresh_from_db()
    assert world.referral_x.status == "acceptee"
    stale = client.post(url, {"to_status": "acceptee"})
    assert stale.status_code == 422
    assert "Impossible de passer de « Acceptée » à « Acceptée »" in stale.content.decode().replace(
        "&#x27;", "'"
    )


def test_partner_list_shows_only_their_referrals(client, world, django_assert_max_num_queries):
    for _ in range(12):
        ReferralFactory(beneficiary=world.beneficiary, partner=world.partner_y)
    client.force_login(world.users.partner_x)
    with django_assert_max_num_queries(7):
        html = client.get(reverse("reception:referral_list")).content.decode()
    assert "1 orientation" in html and f"n° {world.referral_x.pk}" in html
    client.force_login(world.users.partner_y)
    html = client.get(reverse("reception:referral_list")).content.decode()
    assert "12 orientations" in html and f">n° {world.referral_x.pk}<" not in html


def test_signed_link_lets_a_partner_answer_without_an_account(client, world):
    r = world.referral_x
    url = reverse("reception:referral_link", kwargs={"token": referral_token(r)})
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    r.refresh_from_db()
    assert r.status == "recue"
    assert (
        client.post(url, {"to_status": "refusee", "reason": "Hors de notre public."}).status_code
        == 302
    )
    r.refresh_from_db()
    event = r.events.last()
    assert (r.status, event.by, event.by_label) == (
        "refusee",
        None,
        "Usine d'exemple (lien sans compte)",
    )


def test_signed_link_expires_and_can_be_revoked(client, world, settings):
    r = world.referral_x
    token = referral_token(r)
    url = reverse("reception:referral_link", kwargs={"token": token})
    settings.ESPACES_REFERRAL_LINK_DAYS = 0
    expired = client.get(url)
    assert expired.status_code == 404 and "Ce lien ne fonctionne plus" in expired.content.decode()
    settings.ESPACES_REFERRAL_LINK_DAYS = 30
    assert client.get(url).status_code == 200
    services.referral_link_renew(referral=r, user=world.users.mediator_a)
    assert client.get(url).status_code == 404
    r.refresh_from_db()
    assert (
        client.get(
            reverse("reception:referral_link", kwargs={"token": referral_token(r)})
        ).status_code
        == 200
    )
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert (
        client.get(reverse("reception:referral_link", kwargs={"token": tampered})).status_code
        == 404
    )


def test_link_is_an_absolute_address(world, settings):
    settings.ESPACES_BASE_URL = "https://espaces.example.org/"
    assert referral_link(world.referral_x).startswith(
        "https://espaces.example.org/equipe/accueil/orientations/reponse/"
    )


def test_overdue_referrals_are_reminded_at_a_pace_and_at_most_three_times(world, settings):
    r = world.referral_x
    Referral.objects.filter(pk=r.pk).update(
        reply_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    now = timezone.now()
    assert services.referrals_send_reminders(now=now) == 1
    assert mail.outbox[-1].subject == f"Relance : orientation n° {r.pk} en attente de réponse"
    assert "Camille" not in mail.outbox[-1].body
    assert services.referrals_send_reminders(now=now + dt.timedelta(days=1)) == 0  # too soon
    assert services.referrals_send_reminders(now=now + dt.timedelta(days=6)) == 1
    assert services.referrals_send_reminders(now=now + dt.timedelta(days=12)) == 1
    assert (
        services.referrals_send_reminders(now=now + dt.timedelta(days=18)) == 0
    )  # three is enough
    r.refresh_from_db()
    assert r.reminders_sent == 3


def test_answered_or_not_yet_due_referrals_are_not_reminded(world):
    r = world.referral_x
    assert services.referrals_send_reminders() == 0  # deadline not passed
    services.referral_transition(referral=r, to_status="recue", by_label="t")
    services.referral_transition(referral=r, to_status="acceptee", by_label="t")
    Referral.objects.filter(pk=r.pk).update(
        reply_due_on=timezone.localdate() - dt.timedelta(days=3)
    )
    assert services.referrals_send_reminders() == 0


def test_staff_sees_lateness_and_can_resend_a_link(
    client, world, django_capture_on_commit_callbacks
):
    Referral.objects.filter(pk=world.referral_x.pk).update(
        reply_due_on=timezone.localdate() - dt.timedelta(days=2)
    )
    client.force_login(world.users.mediator_b)
    html = client.get(reverse("reception:referral_list")).content.decode()
    assert "en retard" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reception:referral_renew_link", args=[world.referral_x.pk]))
    assert response.status_code == 302
    assert mail.outbox and "orientation n°" in mail.outbox[-1].body
