"""Phone numbers parsed by `phonenumbers`: E.164, mobiles told apart, French explanations."""

import pytest

from espaces.events import sms
from espaces.events.forms import RegistrationForm
from espaces.messaging import phones


@pytest.mark.parametrize(
    "typed",
    ["06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78", "0033612345678"],
)
def test_french_mobiles_in_every_usual_spelling_become_e164(typed):
    phone = phones.parse(typed)
    assert phone == phones.Phone(e164="+33612345678", mobile=True, region="FR")


def test_07_is_a_mobile_and_03_a_landline():
    assert phones.is_mobile("07 56 12 34 56")
    assert phones.normalise("03 28 00 00 00") == "+33328000000"
    assert not phones.is_mobile("03 28 00 00 00")
    assert not phones.is_mobile("08 00 12 34 56")  # a free number: no SMS


def test_belgian_numbers_are_read_with_their_code():
    mobile = phones.parse("+32 470 12 34 56")
    assert mobile == phones.Phone(e164="+32470123456", mobile=True, region="BE")
    landline = phones.parse("0032 2 555 12 12")
    assert landline.e164 == "+3225551212" and not landline.mobile


@pytest.mark.parametrize(
    ("typed", "advice"),
    [
        ("06 12 34", "Il manque des chiffres"),
        ("06 12 34 56 78 90", "trop de chiffres"),
        ("07 12 34 56 78", "n'existe pas"),  # 071 is not allocated in France
        ("douze", "avec des chiffres"),
    ],
)
def test_refused_numbers_come_with_what_to_do(typed, advice):
    assert phones.parse(typed) is None
    assert sms.normalise_phone(typed) is None
    assert advice in phones.problem(typed)


def test_masks_keep_two_digits_each_side():
    assert phones.mask("+33612345612") == "06 ** ** ** 12"
    assert phones.mask("+32470123456") == "+32 *** ** ** 56"


def test_display_is_national_for_france():
    assert sms.format_phone("+33612345678") == "06 12 34 56 78"
    assert sms.format_phone("+32470123456") == "+32 470 12 34 56"


def test_public_form_asks_for_the_phone_keypad_and_explains_a_wrong_number(db):
    form = RegistrationForm(
        data={"first_name": "A", "last_name": "B", "phone": "06 12 34", "consent": "on"}
    )
    html = str(form["phone"])
    assert 'type="tel"' in html and 'inputmode="tel"' in html and 'autocomplete="tel"' in html
    assert not form.is_valid()
    assert form.errors["phone"] == [
        "Ce numéro n'est pas valide. Il manque des chiffres : un numéro français en a 10, "
        "par exemple 06 12 34 56 78."
    ]


def test_staff_forms_do_not_suggest_the_staff_members_own_number(db):
    from espaces.events.forms import StaffPersonBookingForm

    html = str(StaffPersonBookingForm()["phone"])
    assert 'inputmode="tel"' in html and 'autocomplete="off"' in html
