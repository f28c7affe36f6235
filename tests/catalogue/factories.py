"""Factories of the catalogue tests."""

import factory

from espaces.catalogue.enums import EntryLevel
from espaces.catalogue.models import Metier, MetierCondition, MetierProject
from tests.factories import TerritoryFactory

SUMMARY = " ".join(["Un texte simple pour décrire le métier en phrases courtes."] * 9)


class MetierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metier
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    slug = factory.Sequence(lambda n: f"metier-{n}")
    title = factory.Sequence(lambda n: f"Métier {n}")
    summary = SUMMARY
    day_tasks = ["Une tâche.", "Une autre tâche.", "Une dernière tâche."]
    entry_level = EntryLevel.CAP_BEP

    @factory.post_generation
    def conditions(self, create, extracted, **kwargs):
        for order, condition in enumerate(extracted or []):
            MetierCondition.objects.create(metier=self, condition=condition, order=order)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if extracted:
            self.sectors.set(extracted)

    @factory.post_generation
    def projects(self, create, extracted, **kwargs):
        for order, project in enumerate(extracted or []):
            MetierProject.objects.create(metier=self, project=project, order=order)
