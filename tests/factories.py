"""Factories shared by the tests of every app."""

import factory

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.territories.enums import PartnerKind, ProjectStatus
from espaces.territories.models import Commune, Partner, Project, Sector, Site, Territory


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"territoire-{n}")
    name = factory.LazyAttribute(lambda o: f"Territoire {o.slug}")
    short_name = factory.LazyAttribute(lambda o: o.slug.title())


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    territory = factory.SubFactory(TerritoryFactory)
    insee = factory.Sequence(lambda n: f"{98000 + n}")
    name = factory.Sequence(lambda n: f"Commune {n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    territory = factory.SubFactory(TerritoryFactory)
    slug = factory.Sequence(lambda n: f"espace-{n}")
    name = factory.Sequence(lambda n: f"Espace {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    territory = factory.SubFactory(TerritoryFactory)
    slug = factory.Sequence(lambda n: f"partenaire-{n}")
    name = factory.Sequence(lambda n: f"Partenaire {n}")
    kind = PartnerKind.EMPLOYMENT


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    territory = factory.SubFactory(TerritoryFactory)
    slug = factory.Sequence(lambda n: f"secteur-{n}")
    name = factory.Sequence(lambda n: f"Secteur {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    territory = factory.SubFactory(TerritoryFactory)
    slug = factory.Sequence(lambda n: f"projet-{n}")
    name = factory.Sequence(lambda n: f"Projet {n}")
    company = "Entreprise"
    sector = factory.SubFactory(SectorFactory, territory=factory.SelfAttribute("..territory"))
    status = ProjectStatus.ANNONCE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    role = Role.MEDIATOR
    territory = factory.SubFactory(TerritoryFactory)
    password = factory.PostGenerationMethodCall("set_password", "mot-de-passe-de-test")

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)
        if create:
            self.save()
