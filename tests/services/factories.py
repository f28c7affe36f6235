"""Factories of the services app."""

import factory

from espaces.services.models import Service, Structure
from tests.factories import TerritoryFactory


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    territory = factory.SubFactory(TerritoryFactory)
    slug = factory.Sequence(lambda n: f"structure-{n}")
    nom = factory.Sequence(lambda n: f"Structure {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    territory = factory.SubFactory(TerritoryFactory)
    structure = factory.SubFactory(StructureFactory, territory=factory.SelfAttribute("..territory"))
    slug = factory.Sequence(lambda n: f"service-{n}")
    nom = factory.Sequence(lambda n: f"Service {n}")
    description = "Un service de test, décrit en quelques mots simples."
    type = "accompagnement"
    thematiques = factory.LazyFunction(lambda: ["mobilite--preparer-un-permis"])
    publics = factory.LazyFunction(lambda: ["tous-publics"])
    frais = "gratuit"
    modes_accueil = factory.LazyFunction(lambda: ["en-presentiel"])
    modes_mobilisation = factory.LazyFunction(lambda: ["se-presenter"])
    mobilisable_par = factory.LazyFunction(lambda: ["usagers"])
