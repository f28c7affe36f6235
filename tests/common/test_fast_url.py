"""`{% url %}` remembered per process (espaces/common/templatetags/fast_url.py): the same links
as Django's tag, whatever the arguments, the script prefix or the URLconf."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_links_equal_reverse_for_plain_and_other_arguments():
    class Thing:
        def __str__(self):
            return "42"

    assert render("{% url 'territories:home' %}") == reverse("territories:home")
    for pk in (1, 2, 1):
        assert render("{% url 'events:staff_session' pk %}", pk=pk) == reverse(
            "events:staff_session", args=[pk]
        )
    assert render("{% url 'events:staff_session' pk=7 %}") == "/agenda/equipe/7/"
    # an object as argument goes through Django's own tag (str() of the object)
    assert render("{% url 'events:staff_session' thing %}", thing=Thing()) == "/agenda/equipe/42/"
    assert render("{% url 'events:staff_session' 3 as link %}[{{ link }}]") == (
        "[/agenda/equipe/3/]"
    )


def test_script_prefix_is_part_of_what_is_remembered():
    assert render("{% url 'territories:home' %}") == "/"
    set_script_prefix("/espaces/")
    try:
        assert render("{% url 'territories:home' %}") == "/espaces/"
    finally:
        clear_script_prefix()
    assert render("{% url 'territories:home' %}") == "/"


def test_unknown_names_still_fail_and_escaping_is_kept():
    with pytest.raises(NoReverseMatch):
        render("{% url 'nulle:part' %}")
    assert render("{% url 'catalogue:rome' code %}", code="a&b") == "/metiers/rome/a&amp;b/"
    assert render(
        "{% autoescape off %}{% url 'catalogue:rome' code %}{% endautoescape %}", code="a&b"
    ) == ("/metiers/rome/a&b/")


def test_reverser_gives_what_reverse_gives():
    from django.urls import reverse

    from espaces.common.urls import reverser

    detail = reverser("reception:beneficiary_detail")
    assert detail(12) == reverse("reception:beneficiary_detail", args=[12])
    assert detail(13) == reverse("reception:beneficiary_detail", args=[13])
    cancel = reverser("events:staff_registration_cancel")
    assert cancel(3, 4) == reverse("events:staff_registration_cancel", args=[3, 4])
