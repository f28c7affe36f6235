"""Phone numbers through the maintained `phonenumbers` library (Google's libphonenumber data).

Numbers written without a country code are French (`06 12 34 56 78`); numbers from elsewhere
(Belgian neighbours: `+32 470 12 34 56`) are written with their code. Every number is stored as
E.164 (`+33612345678`). Text messages only go to mobiles: 06 and 07 in France, the mobile ranges
of the other countries."""

from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext

DEFAULT_REGION = "FR"
MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


@dataclass(frozen=True)
class Phone:
    e164: str
    mobile: bool
    region: str


def parse(value: str) -> Phone | None:
    """The number as a `Phone`, or None when it is not a valid number."""
    value = (value or "").strip()
    if not value or len(value) > 40:
        return None
    if value.startswith("00"):
        value = "+" + value[2:]
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return Phone(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        mobile=phonenumbers.number_type(number) in MOBILE_TYPES,
        region=phonenumbers.region_code_for_number(number) or "",
    )


def normalise(value: str) -> str | None:
    """E.164 (`+33612345678`), or None when `value` is not a valid number."""
    phone = parse(value)
    return phone.e164 if phone else None


def is_mobile(value: str) -> bool:
    """Whether a text message can reach this number."""
    phone = parse(value)
    return bool(phone and phone.mobile)


def problem(value: str) -> str:
    """What to do, in plain French, about a number that `parse` refused."""
    digits = "".join(c for c in value if c.isdigit())
    international = value.strip().startswith(("+", "00"))
    if not digits:
        return gettext("Écrivez le numéro avec des chiffres, par exemple 06 12 34 56 78.")
    if not international and len(digits) < 10:
        return gettext(
            "Il manque des chiffres : un numéro français en a 10, par exemple 06 12 34 56 78."
        )
    if not international and len(digits) > 10:
        return gettext(
            "Il y a trop de chiffres : un numéro français en a 10, par exemple 06 12 34 56 78. "
            "Pour un numéro d'un autre pays, commencez par son indicatif (+32 pour la Belgique)."
        )
    return gettext(
        "Ce numéro n'existe pas : vérifiez-le. Exemple : 06 12 34 56 78, ou +32 470 12 34 56 "
        "pour un numéro belge."
    )


def display(value: str) -> str:
    """+33612345678 → 06 12 34 56 78; other countries in their international form."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    if phonenumbers.region_code_for_number(number) == DEFAULT_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask(value: str) -> str:
    """06 ** ** ** 12: the first two and the last two digits only."""
    shown = display(value)
    digits = [i for i, c in enumerate(shown) if c.isdigit()]
    if len(digits) < 6:
        return "*" * len(shown)
    keep = set(digits[:2] + digits[-2:])
    if shown.startswith("+"):  # keep the country code readable
        keep |= set(digits[: len(shown.split(" ")[0]) - 1])
    return "".join(c if (i in keep or not c.isdigit()) else "*" for i, c in enumerate(shown))


def phone_input_attrs(*, own: bool) -> dict:
    """Attributes of a phone field: the numeric keypad on phones; `autocomplete="tel"` when the
    person types their own number, off when the team types someone else's."""
    return {"type": "tel", "inputmode": "tel", "autocomplete": "tel" if own else "off"}
