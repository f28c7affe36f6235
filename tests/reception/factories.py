"""Factories of the reception domain."""

import datetime as dt

import factory
from django.utils import timezone

from espaces.reception.enums import EmploymentStatus, LegalBasis, PublicCategory
from espaces.reception.models import Beneficiary, Referral, Visit


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    territory = factory.LazyAttribute(lambda o: o.site.territory)
    date = factory.LazyFunction(timezone.localdate)
    public_category = PublicCategory.DEMANDEUR_EMPLOI
    group_size = 1


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beneficiary

    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Testeur{n}")
    phone = "0600000000"
    employment_status = EmploymentStatus.DEMANDEUR_EMPLOI
    legal_basis = LegalBasis.CONSENT
    consent_given_on = factory.LazyFunction(timezone.localdate)
    consent_text_version = "2025-01"


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    territory = factory.LazyAttribute(lambda o: o.beneficiary.territory)
    message = "Accompagnement vers une formation de soudage."
    reply_due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
