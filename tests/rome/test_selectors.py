import pytest

from espaces.rome.selectors import appellations_for_codes, centres_interet, fiches_by_codes
from espaces.rome.services import rome_import

from .conftest import FIXTURE_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture
def referential():
    rome_import(directory=FIXTURE_DIR)


def test_fiches_by_codes_maps_known_codes_in_code_order(referential):
    fiches = fiches_by_codes(["N1101", "H2913", "K9999", "H2913"])

    assert list(fiches) == ["H2913", "N1101"]
    assert fiches["N1101"].label == "Cariste"


def test_centres_interet_are_ordered_by_code(referential):
    assert [(c.code, c.label) for c in centres_interet()] == [
        (9, "J'aime être au contact de la nature"),
        (14, "J'aime le travail manuel"),
    ]


def test_appellations_for_codes_put_the_principal_first_then_labels(
    referential, django_assert_num_queries
):
    with django_assert_num_queries(1):
        result = appellations_for_codes(["A1208", "E1401", "K9999"])

    assert [a.label for a in result["A1208"]] == [
        "Jardinier / Jardinière paysagiste",
        "Jardinier / Jardinière",
        "Jardinier / Jardinière d'espaces verts",
    ]
    assert [(a.label, a.classification) for a in result["E1401"]] == [
        ("Chef / Cheffe de publicité", "PRINCIPALE"),
        ("Chef / Cheffe de groupe en agence de publicité", "SYNONYME"),
        ("Chef / Cheffe de publicité", "SYNONYME"),
    ]
    assert result["K9999"] == []
