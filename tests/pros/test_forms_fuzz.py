"""Any input in the public request and referral forms: a page in French, never a server
error, nothing written unless the input is valid."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from espaces.pros import tokens
from espaces.pros.models import ProRequest
from espaces.pros.services import structure_link_create

FIELDS = [
    "uai",
    "organisation_name",
    "level",
    "participants",
    "place",
    "site",
    "period_1_from",
    "period_1_to",
    "contact_name",
    "contact_email",
    "contact_phone",
    "consent",
]
text = st.text(max_size=40)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(data=st.fixed_dictionaries({}, optional={f: text for f in FIELDS}))
def test_request_form_survives_any_input(client, world, data):
    before = ProRequest.objects.count()
    response = client.post(reverse("pros:request_school"), data)
    assert response.status_code in (200, 302, 400, 422, 429)
    if response.status_code != 302:
        assert ProRequest.objects.count() == before


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            f: text
            for f in ("first_name", "contact_phone", "contact_email", "site", "needs", "consent")
        },
    )
)
def test_structure_referral_form_survives_any_input(client, world, data):
    link = structure_link_create(territory=world.territory, organisation=world.org_x)
    url = tokens.structure_url(link).removeprefix("http://testserver")
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400, 422)
