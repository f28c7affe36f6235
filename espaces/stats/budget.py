"""Budget figures of a report: totals of the programme's budgets (pack section `budget`),
the differences worth flagging, and unit costs prorated to the report's period."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum

from espaces.territories.models import Territory

from .enums import BudgetKind
from .models import Budget, BudgetLine

CENT = Decimal("0.01")


def _money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


def euros_text(value: Decimal | None) -> str:
    """885924.9 → « 885 924,90 € » (non-breaking spaces), for reports."""
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    units, cents = f"{abs(_money(value)):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    nbsp = "\u00a0"
    return f"{sign}{nbsp.join(groups)},{cents}{nbsp}€"


@dataclass
class BudgetFigures:
    budgets: list[dict] = field(default_factory=list)
    announced_total: Decimal | None = None
    expenses_total: Decimal = Decimal("0")
    funding_total: Decimal = Decimal("0")
    prorated_expenses: Decimal = Decimal("0")
    period_share: Decimal = Decimal("0")
    flags: list[str] = field(default_factory=list)
    costs: list[dict] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.budgets)

    def as_dict(self) -> dict:
        return {
            "budgets": self.budgets,
            "announced_total": str(self.announced_total)
            if self.announced_total is not None
            else None,
            "total": str(self.expenses_total),
            "expenses_total": str(self.expenses_total),
            "funding_total": str(self.funding_total),
            "period_share": str(self.period_share),
            "prorated_expenses": str(self.prorated_expenses),
            "flags": self.flags,
            "costs": [
                {**c, "cost": str(c["cost"]) if c["cost"] is not None else None} for c in self.costs
            ],
        }


def _overlap_days(a_start, a_end, b_start, b_end) -> int:
    start, end = max(a_start, b_start), min(a_end, b_end)
    return max(0, (end - start).days + 1)


def budget_figures(
    *,
    territory: Territory,
    date_from: dt.date,
    date_to: dt.date,
    units: dict[str, tuple[str, float]],
) -> BudgetFigures:
    """Totals of the budgets that overlap the period, flags when the announced total differs
    from the lines or funding from expenses, and `units` ({slug: (label, quantity)}) costs:
    expenses prorated by days (period ∩ budget period / budget period) ÷ quantity."""
    budgets = list(
        Budget.objects.filter(
            territory=territory, period_start__lte=date_to, period_end__gte=date_from
        )
        .select_related("source")
        .annotate(
            expenses=Sum("lines__amount", filter=Q(lines__kind=BudgetKind.EXPENSE)),
            funding=Sum("lines__amount", filter=Q(lines__kind=BudgetKind.FUNDING)),
        )
        .order_by("period_start", "pk")
    )
    figures = BudgetFigures()
    if not budgets:
        return figures
    lines = BudgetLine.objects.filter(budget__in=budgets).select_related("funder", "site")
    lines_by_budget: dict[int, list] = {}
    for line in lines.order_by("budget_id", "kind", "order"):
        lines_by_budget.setdefault(line.budget_id, []).append(line)
    announced = Decimal("0")
    has_announced = False
    days_total = 0
    for budget in budgets:
        expenses, funding = _money(budget.expenses), _money(budget.funding)
        budget_days = (budget.period_end - budget.period_start).days + 1
        overlap = _overlap_days(budget.period_start, budget.period_end, date_from, date_to)
        share = Decimal(overlap) / Decimal(budget_days)
        days_total += overlap
        figures.expenses_total += expenses
        figures.funding_total += funding
        figures.prorated_expenses += _money(expenses * share)
        if budget.announced_total is not None:
            has_announced = True
            announced += budget.announced_total
            gap = expenses - budget.announced_total
            if gap:
                figures.flags.append(
                    f"« {budget.name} » : le total annoncé ({euros_text(budget.announced_total)}) "
                    f"diffère de la somme des lignes de dépenses ({euros_text(expenses)}) de "
                    f"{euros_text(abs(gap))}. Les chiffres sont montrés tels quels, sans correction."
                )
        if funding != expenses:
            figures.flags.append(
                f"« {budget.name} » : les financements ({euros_text(funding)}) diffèrent des "
                f"dépenses ({euros_text(expenses)}) de {euros_text(abs(funding - expenses))}."
            )
        figures.budgets.append(
            {
                "slug": budget.slug,
                "name": budget.name,
                "period_start": budget.period_start.isoformat(),
                "period_end": budget.period_end.isoformat(),
                "announced_total": str(budget.announced_total)
                if budget.announced_total is not None
                else None,
                "expenses_total": str(expenses),
                "funding_total": str(funding),
                "share_of_period": str(share.quantize(Decimal("0.0001"))),
                "source": (budget.source.publisher or budget.source.title) if budget.source else "",
                "note": budget.note,
                "lines": [
                    {
                        "kind": line.kind,
                        "label": line.label,
                        "category": line.get_category_display() if line.category else "",
                        "site": line.site.name if line.site_id else "",
                        "funder": line.funder.name if line.funder_id else "",
                        "amount": str(line.amount),
                    }
                    for line in lines_by_budget.get(budget.pk, [])
                ],
            }
        )
    figures.announced_total = announced if has_announced else None
    figures.period_share = (
        Decimal(days_total)
        / Decimal(sum((b.period_end - b.period_start).days + 1 for b in budgets))
    ).quantize(Decimal("0.0001"))
    for slug, (label, quantity) in units.items():
        cost = _money(figures.prorated_expenses / Decimal(str(quantity))) if quantity else None
        figures.costs.append({"unit": slug, "label": label, "quantity": quantity, "cost": cost})
    return figures


@dataclass
class EuFunding:
    lines: list[tuple[str, Decimal]]
    eu_total: Decimal
    funding_total: Decimal

    @property
    def share(self) -> Decimal:
        """The EU's share of the funding, in percent (one decimal)."""
        if not self.funding_total:
            return Decimal("0")
        return (self.eu_total * 100 / self.funding_total).quantize(Decimal("0.1"))


def eu_funding(*, territory: Territory) -> EuFunding | None:
    """The EU fund lines of the territory's budgets and their share of all funding (the « À
    propos » page and report covers), or None when no EU fund is declared."""
    lines = list(
        BudgetLine.objects.filter(budget__territory=territory, kind=BudgetKind.FUNDING)
        .order_by("budget__period_start", "order")
        .values_list("label", "amount", "eu_fund")
    )
    eu_lines = [(label, _money(amount)) for label, amount, eu in lines if eu]
    if not eu_lines:
        return None
    return EuFunding(
        lines=eu_lines,
        eu_total=sum((amount for _, amount in eu_lines), Decimal("0")),
        funding_total=sum((_money(amount) for _, amount, _eu in lines), Decimal("0")),
    )
