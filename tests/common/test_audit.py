"""audit_record (espaces/common/audit.py): one entry per call, every column as given."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from espaces.common.audit import AuditAction, AuditLog, audit_entries_for, audit_record
from tests.factories import UserFactory
from tests.reception.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db


def test_an_entry_holds_who_what_and_when(example_territory, django_assert_num_queries):
    user = UserFactory(role="mediator", territory=example_territory)
    file = BeneficiaryFactory(territory=example_territory)
    before = timezone.now()
    with django_assert_num_queries(1):
        audit_record(
            territory=example_territory,
            user=user,
            action=AuditAction.READ,
            obj=file,
            summary="dossier consulté" + "x" * 400,
        )
    entry = AuditLog.objects.get()
    assert (entry.territory_id, entry.user_id, entry.action) == (
        example_territory.pk,
        user.pk,
        "read",
    )
    assert (entry.object_type, entry.object_id) == ("beneficiary", str(file.pk))
    assert entry.summary.startswith("dossier consulté") and len(entry.summary) == 300
    assert entry.actor == ""
    assert before <= entry.at <= timezone.now() and entry.at.tzinfo is not None
    assert list(audit_entries_for(territory=example_territory)) == [entry]


def test_an_entry_without_an_account_names_its_actor(example_territory):
    audit_record(
        territory=example_territory,
        user=AnonymousUser(),
        action=AuditAction.DELETE,
        object_type="beneficiary",
        object_id=12,
        actor="tâche d'anonymisation",
    )
    entry = AuditLog.objects.get()
    assert entry.user_id is None and entry.actor == "tâche d'anonymisation"
    assert entry.object_id == "12"
    assert timezone.now() - entry.at < dt.timedelta(minutes=1)
