"""Prepared reads (espaces/common/prepared.py): compiled once, the same rows as the ORM."""

import datetime as dt

import pytest
from django.db.models import Count, F
from django.test import override_settings
from django.utils import timezone

from espaces.common.prepared import PreparedReadError, prepared_read
from espaces.events.models import Registration
from espaces.reception.models import Visit
from espaces.territories.models import Site
from tests.events.factories import RegistrationFactory, SessionFactory, in_days
from tests.factories import SiteFactory, TerritoryFactory
from tests.reception.factories import VisitFactory

pytestmark = pytest.mark.django_db


@prepared_read(shape=("named",))
def sites_of(*, territory_id, names, named):
    sites = Site.objects.filter(territory_id=territory_id)
    if named:
        sites = sites.filter(name__in=names)
    return sites.order_by("name")


@prepared_read
def visits_between(*, territory_id, after, before, day):
    return (
        Visit.objects.filter(
            territory_id=territory_id, created_at__gte=after, created_at__lt=before, date=day
        )
        .values("pk", "date", "group_size", "site__name")
        .order_by("pk")
    )


@prepared_read
def roster(*, session_id):
    return (
        Registration.objects.filter(session_id=session_id)
        .select_related("session__event_type")
        .annotate(double_seats=F("seats") * 2)
        .only("status", "seats", "last_name", "session__title", "session__event_type__name")
        .order_by("last_name", "pk")
    )


@prepared_read
def visits_per_site(*, territory_id):
    return (
        Visit.objects.filter(territory_id=territory_id)
        .order_by()
        .values("site")
        .annotate(n=Count("pk"))
        .values_list("site", "n")
    )


@pytest.fixture
def two_territories():
    first, second = TerritoryFactory(), TerritoryFactory()
    for name in ("Gare", "Saint-Pol", "Bray-Dunes"):
        SiteFactory(territory=first, name=name)
    SiteFactory(territory=second, name="Ailleurs")
    return first, second


def test_rows_follow_the_values_of_each_call(two_territories):
    first, second = two_territories
    assert [s.name for s in sites_of.rows(territory_id=first.pk, names=[], named=False)] == [
        "Bray-Dunes",
        "Gare",
        "Saint-Pol",
    ]
    assert [s.name for s in sites_of.rows(territory_id=second.pk, names=[], named=False)] == [
        "Ailleurs"
    ]
    # lists of another length compile another variant; the shape flag another query
    chosen = sites_of.rows(territory_id=first.pk, names=["Gare", "Saint-Pol"], named=True)
    assert [s.name for s in chosen] == ["Gare", "Saint-Pol"]
    chosen = sites_of.rows(territory_id=first.pk, names=["Gare"], named=True)
    assert [s.name for s in chosen] == ["Gare"]
    assert isinstance(chosen[0], Site) and chosen[0].territory_id == first.pk
    assert sites_of.count(territory_id=first.pk, names=[], named=False) == 3
    assert sites_of.first(territory_id=second.pk, names=[], named=False).name == "Ailleurs"
    # an empty list is run by the ORM (no SQL with an empty IN)
    assert sites_of.rows(territory_id=first.pk, names=[], named=True) == []


def test_compiled_once_then_one_query_per_call(two_territories, django_assert_num_queries):
    first, second = two_territories
    sites_of.rows(territory_id=first.pk, names=[], named=False)
    compiled = dict(sites_of._compiled)
    with django_assert_num_queries(1):
        assert len(sites_of.rows(territory_id=second.pk, names=[], named=False)) == 1
    assert sites_of._compiled == compiled  # no new variant for new values


def test_limit_and_offset_cut_the_rows(two_territories):
    first, _ = two_territories
    names = [s.name for s in sites_of.rows(territory_id=first.pk, names=[], named=False, limit=2)]
    assert names == ["Bray-Dunes", "Gare"]
    rest = sites_of.rows(territory_id=first.pk, names=[], named=False, limit=2, offset=2)
    assert [s.name for s in rest] == ["Saint-Pol"]
    with pytest.raises(PreparedReadError):
        sites_of.rows(territory_id=first.pk, names=[], named=False, offset=2)


def test_dates_and_datetimes_are_converted_like_the_orm(two_territories):
    first, _ = two_territories
    site = Site.objects.get(territory=first, name="Gare")
    today = timezone.localdate()
    kept = VisitFactory(site=site, date=today, group_size=3)
    VisitFactory(site=site, date=today - dt.timedelta(days=1))
    now = timezone.now()
    rows = visits_between.rows(
        territory_id=first.pk,
        after=now - dt.timedelta(hours=1),
        before=now + dt.timedelta(hours=1),
        day=today,
    )
    assert rows == [{"pk": kept.pk, "date": today, "group_size": 3, "site__name": "Gare"}]
    # a window that ends before the visits: nothing (the datetime really is a parameter)
    assert (
        visits_between.rows(
            territory_id=first.pk,
            after=now - dt.timedelta(days=2),
            before=now - dt.timedelta(hours=1),
            day=today,
        )
        == []
    )


def test_model_rows_carry_select_related_and_annotations():
    session = SessionFactory(start=in_days(3), title="Visite d'usine")
    RegistrationFactory(session=session, last_name="Bernard", seats=2)
    RegistrationFactory(session=session, last_name="Adam", seats=1)
    rows = roster.rows(session_id=session.pk)
    expected = list(roster(session_id=session.pk))
    assert [(r.pk, r.last_name, r.double_seats) for r in rows] == [
        (e.pk, e.last_name, e.double_seats) for e in expected
    ]
    assert [r.last_name for r in rows] == ["Adam", "Bernard"]
    assert rows[1].double_seats == 4
    assert rows[0].session.title == "Visite d'usine"
    assert rows[0].session.event_type.name == session.event_type.name
    assert rows[0].get_deferred_fields() >= {"first_name", "email"}


def test_values_list_rows(two_territories):
    first, _ = two_territories
    gare = Site.objects.get(territory=first, name="Gare")
    VisitFactory.create_batch(2, site=gare)
    assert visits_per_site.rows(territory_id=first.pk) == [(gare.pk, 2)]


def test_a_transformed_value_is_refused():
    @prepared_read
    def by_name(*, fragment):
        return Site.objects.filter(name__icontains=fragment)

    with pytest.raises(PreparedReadError, match="transformée"):
        by_name.rows(fragment="gare")


def test_a_value_unused_in_one_shape_is_allowed(two_territories):
    first, _ = two_territories

    @prepared_read(shape=("everywhere",))
    def sites(*, territory_id, everywhere):
        return (
            Site.objects.order_by("name")
            if everywhere
            else Site.objects.filter(territory_id=territory_id).order_by("name")
        )

    assert len(sites.rows(territory_id=first.pk, everywhere=False)) == 3
    assert len(sites.rows(territory_id=first.pk, everywhere=True)) == Site.objects.count()


def test_booleans_none_and_naive_datetimes_must_be_shape():
    with pytest.raises(PreparedReadError):
        sites_of.rows(territory_id=True, names=[], named=False)
    with pytest.raises(PreparedReadError):
        sites_of.rows(territory_id=None, names=[], named=False)
    with pytest.raises(PreparedReadError):
        visits_between.rows(
            territory_id=1,
            after=dt.datetime(2026, 1, 1),
            before=timezone.now(),
            day=dt.date.today(),
        )


def test_check_mode_catches_a_read_that_hides_its_shape(two_territories):
    first, _ = two_territories
    state = {"ordered": False}

    @prepared_read
    def drifting(*, territory_id):
        # a read whose SQL depends on something else than its shape arguments
        sites = Site.objects.filter(territory_id=territory_id)
        return sites.order_by("name") if state["ordered"] else sites

    with override_settings(ESPACES_PREPARED_READS_CHECK=True):
        assert len(drifting.rows(territory_id=first.pk)) == 3
        state["ordered"] = True
        with pytest.raises(PreparedReadError, match="diffère"):
            drifting.rows(territory_id=first.pk)


@override_settings(ESPACES_PREPARED_READS=False)
def test_switched_off_every_read_goes_through_the_orm(two_territories, django_assert_num_queries):
    first, _ = two_territories
    with django_assert_num_queries(1):
        assert len(sites_of.rows(territory_id=first.pk, names=[], named=False)) == 3
    assert sites_of.count(territory_id=first.pk, names=[], named=False) == 3


@prepared_read
def all_sites(*, territory_id):
    return Site.objects.filter(territory_id=territory_id)


def test_a_sequence_pages_with_django_paginator(two_territories, django_assert_num_queries):
    from django.core.paginator import Paginator

    first, _ = two_territories
    sequence = sites_of.sequence(territory_id=first.pk, names=[], named=False, counted_by=all_sites)
    paginator = Paginator(sequence, 2)
    with django_assert_num_queries(2):  # the count, then the page
        page = paginator.get_page(2)
        assert [s.name for s in page.object_list] == ["Saint-Pol"]
    assert paginator.count == 3 and paginator.num_pages == 2
    assert [s.name for s in paginator.page(1).object_list] == ["Bray-Dunes", "Gare"]


def test_a_count_reads_neither_the_order_nor_the_columns(two_territories):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, _ = two_territories
    with CaptureQueriesContext(connection) as captured:
        assert sites_of.count(territory_id=first.pk, names=[], named=False) == 3
    sql = captured.captured_queries[0]["sql"]
    assert "ORDER BY" not in sql and '"name"' not in sql and sql.startswith("SELECT COUNT(*)")
