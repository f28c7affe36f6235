from types import SimpleNamespace

from django.template import Context, Template

from espaces.services.templatetags.services_tags import services_for_metier

TEMPLATE = Template("{% load services_tags %}{% services_for_metier metier %}")


def render(metier) -> str:
    return TEMPLATE.render(Context({"metier": metier}))


def test_job_with_shift_work_points_to_night_mobility_and_childcare(example):
    metier = SimpleNamespace(
        conditions=["travail_poste", "nuit", "port_charges"], territory=example
    )
    html = render(metier)
    assert (
        "Ce métier demande du travail en équipes (2x8, 3x8) et du travail de nuit : "
        "ces services peuvent vous aider" in html
    )
    assert "Vous déplacer tôt le matin, tard le soir, la nuit ou le week-end" in html
    assert 'href="/lever-les-freins/services/bus-de-nuit-exemple/"' in html
    assert "Faire garder vos enfants en horaires décalés" in html
    assert "Crèche aux horaires décalés" in html


def test_job_needing_a_licence_points_to_licence_help(example):
    html = render(SimpleNamespace(conditions=["permis"], territory=example))
    assert "Ce métier demande le permis de conduire" in html
    assert "Aide fictive pour passer le permis B" in html


def test_job_without_matching_conditions_renders_nothing(example):
    assert render(SimpleNamespace(conditions=["bruit"], territory=example)).strip() == ""
    assert render(SimpleNamespace(conditions=[], territory=example)).strip() == ""
    assert render(SimpleNamespace(territory=example)).strip() == ""


def test_long_lists_are_cut_with_a_link_to_the_search(example):
    context = services_for_metier(
        SimpleNamespace(conditions=["deplacements"], territory=example), limit=1
    )
    (help_,) = context["helps"]
    assert len(help_.shown) == 1 and help_.more
    html = render(SimpleNamespace(conditions=["deplacements"], territory=example))
    assert "Voir les" not in html  # 3 services, all shown with the default limit
