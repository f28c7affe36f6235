import datetime as dt

import pytest
from django.utils import timezone

from espaces.pros.models import InboundReferral, ProRequest
from espaces.pros.services import inbound_referral_create, request_create
from espaces.reception.retention import purge_personal_data

from .conftest import school_request_args


@pytest.mark.django_db
def test_purge_clears_contacts_after_the_follow_up_retention(world, settings):
    settings.ESPACES_RETENTION_MONTHS = 24
    pro_request = request_create(territory=world.territory, **school_request_args())
    referral = inbound_referral_create(
        territory=world.territory,
        organisation=world.org_x,
        site=world.site_a,
        first_name="Samira",
        contact_email="s@example.org",
        reason="emploi",
        consent=True,
    )
    fresh = inbound_referral_create(
        territory=world.territory,
        organisation=world.org_x,
        site=world.site_a,
        first_name="Jo",
        contact_email="jo@example.org",
        reason="emploi",
        consent=True,
    )
    old = timezone.localdate() - dt.timedelta(days=800)
    ProRequest.objects.filter(pk=pro_request.pk).update(last_activity_on=old)
    InboundReferral.objects.filter(pk=referral.pk).update(last_activity_on=old)
    report = purge_personal_data(dry_run=True)
    assert report.counts["demandes et orientations des professionnels"] == 2
    assert ProRequest.objects.get(pk=pro_request.pk).contact_email
    purge_personal_data()
    pro_request.refresh_from_db()
    referral.refresh_from_db()
    assert (pro_request.contact_name, pro_request.contact_email, pro_request.contact_phone) == (
        "",
        "",
        "",
    )
    assert pro_request.participants == 24 and pro_request.anonymised_at
    assert (referral.first_name, referral.contact_email, referral.reason) == ("", "", "")
    assert referral.status == "received"
    assert InboundReferral.objects.get(pk=fresh.pk).first_name == "Jo"
