"""Aids to start: each condition met, not met or to see, for this person."""

from espaces.gains.aids import MET, NOT_MET, TO_SEE, Situation, aids_for


def by_slug(aids):
    return {aid.slug: aid for aid in aids}


def statuses(aid):
    return [c.status for c in aid.conditions]


def test_single_parent_on_rsa_gets_childcare_aid_first():
    aids = aids_for(Situation(age=29, situation="rsa", children_ages=(3,), couple=False))
    assert aids[0].slug == "aide-garde-enfants"
    childcare = by_slug(aids)["aide-garde-enfants"]
    assert statuses(childcare) == [MET, MET, MET, TO_SEE]
    assert childcare.possible
    assert all(source.url.startswith("https://") for source in childcare.sources)


def test_no_childcare_aid_without_children_and_licence_aid_needs_18():
    aids = by_slug(
        aids_for(Situation(age=17, situation="sans_emploi", children_ages=(), couple=False))
    )
    assert "aide-garde-enfants" not in aids
    licence = aids["aide-permis"]
    assert licence.conditions[0].status == NOT_MET
    assert not licence.possible


def test_older_children_do_not_open_childcare_aid():
    aids = by_slug(
        aids_for(Situation(age=40, situation="rsa", children_ages=(13, 15), couple=True))
    )
    assert aids["aide-garde-enfants"].conditions[1].status == NOT_MET
    assert list(aids)[-1] == "aide-garde-enfants" or not aids["aide-garde-enfants"].possible


def test_employee_is_not_a_job_seeker():
    aids = by_slug(aids_for(Situation(age=40, situation="salarie", children_ages=(), couple=False)))
    assert aids["aide-mobilite"].conditions[0].status == NOT_MET
    assert "formation-remuneree" not in aids


def test_services_of_the_territory_are_attached(settings_example, example_territory):
    aids = aids_for(
        Situation(age=30, situation="rsa", children_ages=(2,), couple=False),
        territory=example_territory,
    )
    for aid in aids:
        assert len(aid.services) <= 3
        for service in aid.services:
            assert service.territory_id == example_territory.pk
