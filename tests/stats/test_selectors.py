"""The dashboard's figures on a known semester: every count checked against the data."""

import pytest

from espaces.stats.bilan import build_bilan
from espaces.stats.selectors import (
    StatsFilter,
    event_figures,
    gender_bias_figures,
    orientation_figures,
    outcome_figures,
    referral_figures,
    school_figures,
    visit_figures,
)

from .conftest import SEMESTER


@pytest.fixture
def filters():
    return StatsFilter(*SEMESTER)


def series(figures, slug):
    return next(s for s in figures["series"] if s.slug == slug).as_dict()


def test_visitors_count_groups_and_keep_professionals_apart(semester, filters):
    figures = visit_figures(territory=semester.territory, filters=filters)
    assert figures["visitors"] == 1 + 1 + 8 + 2
    assert figures["professionals"] == 4
    assert figures["by_public_category"]["stagiaire_formation"] == 8
    assert figures["by_gender"] == {"femme": 3, "homme": 9, "autre": 0, "non_renseigne": 0}
    assert figures["by_age_band"]["18_29"] == 9
    assert figures["qpv"] == {"oui": 1, "non": 9, "inconnu": 2}
    assert series(figures, "visiteurs-par-commune") == {"99001": 10, "": 2}
    assert series(figures, "visiteurs-par-canal") == {"spontane": 10, "": 2}
    assert series(figures, "visiteurs-par-mois") == {"2025-03": 4, "2025-04": 8}
    month = figures["month_table"].rows
    assert month == [["mars 2025", 4, 4], ["avril 2025", 8, 0]]


def test_filters_by_site_and_public(semester):
    t = semester.territory
    by_site = visit_figures(territory=t, filters=StatsFilter(*SEMESTER, site=semester.gare))
    assert by_site["visitors"] == 0
    by_public = visit_figures(territory=t, filters=StatsFilter(*SEMESTER, public="habitant"))
    assert by_public["visitors"] == 2 and by_public["professionals"] == 0


def test_sessions_fill_rate_and_no_show(semester, filters):
    figures = event_figures(territory=semester.territory, filters=filters)
    total = figures["total"]
    assert total["sessions"] == 2
    assert total["present"] == 3 + 24 and total["absent"] == 1
    assert total["capacity"] == 10 + 35 and total["registered"] == 4 + 24
    assert total["fill_rate"] == round(28 / 45, 4)
    assert total["no_show_rate"] == round(1 / 28, 4)
    assert total["hours"] == 4.0
    atelier = next(r for r in figures["rows"] if r["kind"] == "atelier")
    assert atelier["fill_rate"] == 0.4 and atelier["no_show_rate"] == 0.25


def test_school_interventions(semester, filters):
    figures = school_figures(territory=semester.territory, filters=filters)
    assert (figures["interventions"], figures["schools"], figures["pupils"]) == (1, 1, 24)
    assert figures["table"].rows[0][0] == "Lycée des tests"


def test_orientation_counts_jobs_and_sectors_in_the_database(semester, filters):
    figures = orientation_figures(territory=semester.territory, filters=filters)
    assert figures["completions"] == 3
    assert series(figures, "questionnaires-par-lieu") == {"centre": 2, "en-ligne": 1}
    assert series(figures, "metiers-explores") == {"soudeur": 2, "cariste": 1, "docker": 1}
    from espaces.catalogue.models import Metier

    title = Metier.objects.get(territory=semester.territory, slug="soudeur").title
    assert figures["series"][1].rows[0] == ("soudeur", title, 2)
    assert series(figures, "secteurs-explores") == {"batteries": 3}


def test_gender_bias_counts_identified_people_exploring_industrial_jobs(semester, filters):
    figures = gender_bias_figures(territory=semester.territory, filters=filters)
    # the woman through her orientation result (soudeur in the first three, code typed with a
    # dash and in lower case), the man through the session that showcased soudeur
    assert figures["by_gender"] == {"femme": 1, "homme": 1, "autre": 0, "non_renseigne": 0}
    assert figures["women_share"] == 0.5


def test_gender_bias_ignores_results_whose_industrial_job_is_not_in_the_top_three(
    semester, filters
):
    from espaces.orientation.models import OrientationResult

    OrientationResult.objects.filter(code="ABCD2345").update(
        results=[{"slug": s} for s in ("docker", "docker", "docker", "soudeur")]
    )
    figures = gender_bias_figures(territory=semester.territory, filters=filters)
    assert figures["by_gender"]["femme"] == 0


def test_referral_funnel_and_outcomes(semester, filters):
    t = semester.territory
    referrals = referral_figures(territory=t, filters=filters)
    assert referrals["sent"] == 3 and referrals["accepted"] == 1 and referrals["positive"] == 1
    assert series(referrals, "entonnoir-orientations") == {
        "envoyees": 3,
        "recues": 2,
        "acceptees": 1,
        "abouties": 1,
    }
    outcomes = outcome_figures(territory=t, filters=filters)
    assert outcomes["at_exit"]["en_emploi"] == 1 and outcomes["exits"] == 1


def test_dashboard_bilan_runs_a_fixed_number_of_queries(
    semester, filters, django_assert_max_num_queries
):
    build_bilan(territory=semester.territory, filters=filters)  # computes the monthly tallies
    # + two for the recruitment figures, + the monthly versions of the tallies
    with django_assert_max_num_queries(26):
        bilan = build_bilan(territory=semester.territory, filters=filters)
        bilan.as_dict()
    assert bilan.headline["visitors"] == 12
