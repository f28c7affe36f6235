from decimal import Decimal

import pytest

from espaces.stats.models import Budget
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import EXAMPLE_PACK


def test_example_budget_lines_and_totals(example_territory):
    budget = Budget.objects.get(territory=example_territory)
    assert budget.expenses_total == Decimal("1000.50")
    assert budget.funding_total == Decimal("1000")
    assert budget.balance == Decimal("-0.50")
    assert [line.label for line in budget.lines.all()] == [
        "Animation",
        "Aménagement",
        "Collectivité",
        "Fonds européen",
    ]


def test_budget_reloads_without_change(example_territory):
    assert load_pack(EXAMPLE_PACK).changed == 0


def test_dunkerque_budget_is_the_briefs(dunkerque):
    budget = Budget.objects.get(territory=dunkerque)
    assert budget.announced_total == Decimal("885924.90")
    assert budget.expenses_total == Decimal("885925")
    assert budget.funding_total == Decimal("885925")
    amounts = {line.label: line.amount for line in budget.lines.all()}
    assert amounts["Animation des deux espaces (8 ETP)"] == Decimal("747803")
    assert amounts["Fonds pour une transition juste (FTJ, Union européenne)"] == Decimal("523461")


def test_negative_amount_is_refused(tmp_path, db):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, pack)
    path = pack / "budget.yaml"
    path.write_text(path.read_text().replace("amount: 800", "amount: -800"))
    with pytest.raises(PackValidationError) as info:
        load_pack(pack)
    assert "budget.yaml" in str(info.value) and "amount" in str(info.value)
