"""SharedChoiceField (espaces/common/form_fields.py): copies share choices, never each other's."""

from django import forms

from espaces.common.form_fields import SharedChoiceField


class Colours(forms.Form):
    colour = SharedChoiceField(
        choices=[("rouge", "Rouge"), ("vert", "Vert")],
        widget=forms.RadioSelect(attrs={"class": "choix"}),
        error_messages={"required": "Choisissez une couleur."},
    )


class DjangoColours(forms.Form):
    colour = forms.ChoiceField(
        choices=[("rouge", "Rouge"), ("vert", "Vert")],
        widget=forms.RadioSelect(attrs={"class": "choix"}),
        error_messages={"required": "Choisissez une couleur."},
    )


def test_draws_and_validates_as_django_choice_field():
    assert str(Colours()["colour"]) == str(DjangoColours()["colour"])
    bound, django_bound = Colours({"colour": "bleu"}), DjangoColours({"colour": "bleu"})
    assert not bound.is_valid() and bound.errors == django_bound.errors
    assert Colours({"colour": "vert"}).is_valid()
    assert Colours({}).errors == {"colour": ["Choisissez une couleur."]}


def test_replacing_one_forms_choices_leaves_the_others_alone():
    first, second = Colours(), Colours()
    first.fields["colour"].choices = [("jaune", "Jaune")]
    first.fields["colour"].widget.attrs["data-x"] = "1"
    first.fields["colour"].error_messages["required"] = "Autre message"
    assert list(second.fields["colour"].choices) == [("rouge", "Rouge"), ("vert", "Vert")]
    assert list(Colours.base_fields["colour"].widget.choices) == [
        ("rouge", "Rouge"),
        ("vert", "Vert"),
    ]
    assert "data-x" not in second.fields["colour"].widget.attrs
    assert second.fields["colour"].error_messages["required"] == "Choisissez une couleur."
    assert 'value="jaune"' in str(first["colour"]) and 'value="jaune"' not in str(second["colour"])
    assert Colours({"colour": "jaune"}).errors  # the class keeps its own choices
