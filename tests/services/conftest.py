import pytest

from espaces.services.models import Service


@pytest.fixture
def example(settings_example, example_territory):
    """The example pack loaded and made the default territory (its services included)."""
    return example_territory


@pytest.fixture
def services(example):
    return {s.slug: s for s in Service.objects.filter(territory=example)}
