import datetime as dt

import pytest

from espaces.services.models import Service, add_months, native_source
from tests.services.factories import ServiceFactory, StructureFactory

TODAY = dt.date(2026, 3, 15)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
        (dt.date(2025, 6, 15), 12, dt.date(2026, 6, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_never_verified_service_is_overdue(db):
    service = ServiceFactory(last_verified_on=None)
    assert service.review_due_on is None
    assert service.is_overdue(TODAY)
    assert list(Service.objects.overdue(TODAY)) == [service]


def test_service_is_overdue_only_after_its_review_period(db):
    fresh = ServiceFactory(last_verified_on=dt.date(2025, 9, 15), review_every_months=6)
    due_today = ServiceFactory(last_verified_on=dt.date(2025, 3, 15), review_every_months=12)
    late = ServiceFactory(last_verified_on=dt.date(2025, 3, 14), review_every_months=12)
    assert fresh.review_due_on == dt.date(2026, 3, 15)
    assert not fresh.is_overdue(TODAY) and not due_today.is_overdue(TODAY)
    assert late.is_overdue(TODAY)
    assert list(Service.objects.overdue(TODAY)) == [late]


def test_review_due_date_follows_a_new_verification(db):
    service = ServiceFactory(last_verified_on=dt.date(2024, 1, 1), review_every_months=12)
    service.last_verified_on = dt.date(2026, 1, 1)
    service.save()
    assert Service.objects.get(pk=service.pk).review_due_on == dt.date(2027, 1, 1)


def test_source_system_defaults_to_the_territory(db):
    service = ServiceFactory()
    assert service.source_system == native_source(service.territory)
    assert service.source_system == f"espaces-{service.territory.slug}"
    assert service.datainclusion_id == service.slug and not service.is_imported


def test_labels_come_from_the_data_inclusion_package(db):
    service = ServiceFactory(
        type="aide-financiere",
        frais="payant",
        thematiques=["mobilite--preparer-un-permis", "famille--garde-denfants"],
        publics=["demandeurs-emploi"],
        modes_mobilisation=["telephoner"],
        mobilisable_par=["professionnels"],
        tags=["nuit", "inconnu"],
    )
    assert service.type_label == "Aide financière"
    assert service.frais_label == "Payant"
    assert service.thematique_labels == ["Préparer un permis", "Garde d’enfants"]
    assert service.category_labels == ["Famille", "Mobilité"]
    assert service.publics_labels == ["Demandeurs d’emploi"]
    assert service.modes_mobilisation_labels == ["Téléphoner"]
    assert service.for_professionnels and not service.for_usagers
    assert service.tag_labels == ["La nuit"]


def test_contact_falls_back_to_the_structure(db):
    structure = StructureFactory(telephone="03 00 00 00 00", code_insee="99001", adresse="")
    own = ServiceFactory(
        territory=structure.territory, structure=structure, telephone="06 00 00 00 00"
    )
    bare = ServiceFactory(territory=structure.territory, structure=structure)
    assert own.contact_telephone == "06 00 00 00 00"
    assert bare.contact_telephone == "03 00 00 00 00"
    assert bare.contact_adresse == "" and bare.contact_courriel == ""
    assert bare.location_insee == "99001"
