"""Invariants held by the database, whatever code writes."""

import pytest
from django.db import IntegrityError, transaction

from espaces.reception.models import Beneficiary, Visit

from .factories import BeneficiaryFactory, VisitFactory


def test_group_size_and_choices_are_database_constraints(world):
    for bad in ({"group_size": 0}, {"public_category": "touriste"}, {"qpv": "peut-etre"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            VisitFactory(site=world.site_a, **bad)
    assert Visit.objects.count() == 1


def test_consent_basis_needs_date_and_text_version(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        BeneficiaryFactory(territory=world.territory, consent_given_on=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        BeneficiaryFactory(territory=world.territory, consent_text_version="")
    BeneficiaryFactory(
        territory=world.territory,
        legal_basis="mission_publique",
        consent_given_on=None,
        consent_text_version="",
    )


@pytest.mark.parametrize(
    "values",
    [
        {"employment_status": "salarie", "long_term_unemployed": True},
        {"employment_status": "inactif", "self_employed": True},
        {"legal_basis": "mission_publique", "disability": "oui"},
        {"exit_outcome": "en_emploi"},
    ],
)
def test_file_invariants(world, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        BeneficiaryFactory(territory=world.territory, **values)
    assert Beneficiary.objects.count() == 1


def test_visit_querysets_split_public_and_professionals(world):
    VisitFactory(site=world.site_a, public_category="professionnel_accompagnement", group_size=3)
    assert Visit.objects.public().count() == 1
    assert Visit.objects.professionals().get().group_size == 3
