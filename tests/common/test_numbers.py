from decimal import Decimal

import pytest
from django.template import Context, Template

from espaces.common.numbers import NNBSP, fr_amount, fr_euros, fr_percent


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("747803.00"), f"747{NNBSP}803"),
        (12000, f"12{NNBSP}000"),
        (12.5, "12,5"),
        (Decimal("0.25"), "0,25"),
        (-1234567, f"-1{NNBSP}234{NNBSP}567"),
        (999, "999"),
        (0, "0"),
        ("non collecté", "non collecté"),
    ],
)
def test_fr_amount_groups_thousands_with_narrow_no_break_spaces(value, expected):
    assert fr_amount(value) == expected


def test_fr_euros_drops_zero_cents_and_keeps_real_ones():
    assert fr_euros(Decimal("747803.00")) == f"747{NNBSP}803{NNBSP}€"
    assert fr_euros(Decimal("885924.9")) == f"885{NNBSP}924,90{NNBSP}€"
    assert fr_euros(None) == "—"


def test_fr_percent_reads_a_ratio_with_one_decimal():
    assert fr_percent(0.125) == f"12,5{NNBSP}%"
    assert fr_percent(0.5) == f"50{NNBSP}%"
    assert fr_percent(None) == "—"
    assert fr_percent(12.5, ratio=False) == f"12,5{NNBSP}%"


def test_template_filters_format_budget_amounts():
    html = Template("{% load espaces_tags %}{{ v|fr_euros }}|{{ v|fr_amount }}|{{ r|fr_percent }}")
    out = html.render(Context({"v": Decimal("747803.00"), "r": 0.125}))
    assert out == f"747{NNBSP}803{NNBSP}€|747{NNBSP}803|12,5{NNBSP}%"
