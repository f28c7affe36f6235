"""Factories of the recruitment domain."""

import datetime as dt

import factory
from django.utils import timezone

from espaces.recruitment.enums import Contract, OfferStatus
from espaces.recruitment.models import Candidacy, Offer, OfferRome


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    territory = factory.LazyAttribute(lambda o: o.employer.territory)
    title = factory.Sequence(lambda n: f"Poste {n}")
    contract = Contract.CDI
    posts = 2
    status = OfferStatus.OPEN
    published_at = factory.LazyFunction(timezone.now)
    closing_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))

    @factory.post_generation
    def rome(self, create, extracted, **kwargs):
        if create:
            for code in extracted or ["H2913"]:
                OfferRome.objects.create(offer=self, code=code)


class CandidacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidacy

    territory = factory.LazyAttribute(lambda o: o.offer.territory)
    consent_given_on = factory.LazyFunction(timezone.localdate)
    consent_text_version = "2026-01"
    reply_due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
