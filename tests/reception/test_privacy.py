"""No personal data in application logs, e-mails or the audit log; funders see aggregates only."""

import datetime as dt
import logging

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espaces.common.models import AuditLog
from espaces.reception import services
from espaces.reception.models import Beneficiary, Referral
from espaces.reception.retention import purge_personal_data

NAME, SURNAME, PHONE, EMAIL = "Zéphyrine", "Quenouille", "0699887766", "zephyrine@example.org"


def test_a_whole_journey_leaves_no_personal_data_in_logs_mails_or_audit(
    client, world, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    client.force_login(world.users.mediator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reception:beneficiary_create"),
            {
                "first_name": NAME,
                "last_name": SURNAME,
                "phone": PHONE,
                "email": EMAIL,
                "qpv": "oui",
                "age_band": "18_29",
                "gender": "femme",
                "employment_status": "inactif",
                "education_level": "cite_0_2",
                "legal_basis": "consentement",
                "consent_given": "on",
            },
        )
        b = Beneficiary.objects.get(last_name=SURNAME)
        client.get(reverse("reception:beneficiary_detail", args=[b.pk]))
        client.post(
            reverse("reception:referral_create", args=[b.pk]),
            {
                "partner": world.partner_x.pk,
                "message": f"{NAME} cherche une formation",
                "reply_due_on": timezone.localdate().isoformat(),
            },
        )
        referral = Referral.objects.get(beneficiary=b)
        Referral.objects.filter(pk=referral.pk).update(
            reply_due_on=timezone.localdate() - dt.timedelta(days=1)
        )
        services.referrals_send_reminders()
        client.get(reverse("reception:beneficiary_detail", args=[b.pk + 1000]))  # a 404
        Beneficiary.objects.filter(pk=b.pk).update(last_contact_on=dt.date(2000, 1, 1))
        purge_personal_data()

    assert len(mail.outbox) == 4  # the referral and its reminder, to the partner's 2 addresses
    texts = [r.getMessage() for r in caplog.records]
    texts += [m.subject + m.body for m in mail.outbox]
    texts += list(AuditLog.objects.values_list("summary", flat=True))
    texts += list(AuditLog.objects.values_list("actor", flat=True))
    for secret in (NAME, SURNAME, PHONE, EMAIL):
        assert not [t for t in texts if secret in t], secret
    assert list(
        AuditLog.objects.filter(object_id=str(b.pk)).order_by("pk").values_list("action", flat=True)
    ) == ["create", "read", "update", "purge"]


def test_funder_reaches_figures_but_no_file(client, world):
    client.force_login(world.users.funder)
    page = client.get(reverse("reception:stats"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "du public" in html  # protected figures (disclosure control): 0 visitors shown
    assert world.beneficiary.last_name not in html
    for name in ("beneficiary_list", "referral_list", "desk", "audit_list"):
        assert client.get(reverse(f"reception:{name}")).status_code == 403


def test_stats_page_filters_and_validates(client, world):
    client.force_login(world.users.coordinator)
    ok = client.get(reverse("reception:stats"), {"site": "centre", "date_from": "2020-01-01"})
    assert (
        ok.status_code == 200 and 'figure-big">1</span> visiteur du public' in ok.content.decode()
    )
    bad = client.get(
        reverse("reception:stats"), {"date_from": "2025-02-01", "date_to": "2025-01-01"}
    )
    assert "La fin de la période doit suivre son début." in bad.content.decode()


def test_audit_page_lists_reads_for_one_file(client, world, django_assert_max_num_queries):
    b = world.beneficiary
    client.force_login(world.users.mediator_a)
    for _ in range(3):
        client.get(reverse("reception:beneficiary_detail", args=[b.pk]))
    client.force_login(world.users.coordinator)
    with django_assert_max_num_queries(7):
        html = client.get(reverse("reception:audit_list"), {"dossier": b.pk}).content.decode()
    assert "3 entrées" in html and "med.a@example.org" in html and "Consultation" in html
