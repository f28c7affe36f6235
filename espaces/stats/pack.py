"""Pack section `budget`: the programme's budget lines and funding sources."""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from espaces.ops.content_version import bump
from espaces.territories.models import Partner, Site, Source
from espaces.territories.pack import Slug, split_date
from espaces.territories.packs.registry import (
    PackRecord,
    PackSection,
    PartialDate,
    register_section,
)

from .enums import BudgetKind, ExpenseCategory
from .models import Budget, BudgetLine

Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class ExpenseIn(PackRecord):
    label: str
    amount: Amount
    category: ExpenseCategory | None = None
    site: Slug | None = None


class FundingIn(PackRecord):
    label: str
    amount: Amount
    funder: Slug | None = None
    eu: bool = False  # an EU fund: the site and reports carry the EU visibility elements


class BudgetIn(PackRecord):
    slug: Slug
    name: str
    period_start: PartialDate
    period_end: PartialDate
    announced_total: Amount | None = None
    source: Slug | None = None
    note: str = ""
    expenses: list[ExpenseIn] = []
    funding: list[FundingIn] = []


def check_budget(ctx, records):
    sources = ctx.known_slugs("sources", Source)
    partners = ctx.known_slugs("partners", Partner)
    sites = ctx.known_slugs("sites", Site)
    for record in records:
        d = record.data
        if d.source:
            ctx.check_refs(record, "source", d.source, sources, "source")
        ctx.check_refs(
            record, "funding", [f.funder for f in d.funding if f.funder], partners, "financeur"
        )
        ctx.check_refs(record, "expenses", [e.site for e in d.expenses if e.site], sites, "espace")
        if d.period_start and d.period_end and d.period_end[0] < d.period_start[0]:
            ctx.error(record, "period_end", "la fin de la période précède son début")


LINE_FIELDS = ["kind", "label", "category", "funder_id", "site_id", "amount", "order", "eu_fund"]


def apply_budget(ctx, records):
    sources = ctx.lookup(Source)
    partners = ctx.lookup(Partner)
    sites = ctx.lookup(Site)
    for record in records:
        d = record.data
        budget, changed = ctx.upsert(
            "budgets",
            Budget,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "name": d.name,
                "period_start": split_date(d.period_start)[0],
                "period_end": split_date(d.period_end)[0],
                "announced_total": d.announced_total,
                "source": sources.get(d.source) if d.source else None,
                "note": d.note,
            },
        )
        rows = [
            {
                "kind": BudgetKind.EXPENSE,
                "label": e.label,
                "category": e.category or "",
                "funder_id": None,
                "site_id": sites[e.site].pk if e.site else None,
                "amount": e.amount,
                "order": order,
                "eu_fund": False,
            }
            for order, e in enumerate(d.expenses)
        ] + [
            {
                "kind": BudgetKind.FUNDING,
                "label": f.label,
                "category": "",
                "funder_id": partners[f.funder].pk if f.funder else None,
                "site_id": None,
                "amount": f.amount,
                "order": order,
                "eu_fund": f.eu,
            }
            for order, f in enumerate(d.funding)
        ]
        if ctx.replace_children(budget.lines, BudgetLine, rows, LINE_FIELDS) and not changed:
            ctx.report.counts["budgets"]["inchangés"] -= 1
            ctx.report.count("budgets", "modifiés")
    eu_cofunded = BudgetLine.objects.filter(
        budget__territory=ctx.territory, kind=BudgetKind.FUNDING, eu_fund=True
    ).exists()
    if ctx.territory.eu_cofunded != eu_cofunded:
        type(ctx.territory).objects.filter(pk=ctx.territory.pk).update(eu_cofunded=eu_cofunded)
        bump(ctx.territory.pk)  # an update() sends no signal: the pages' banner changes
        ctx.territory.eu_cofunded = eu_cofunded


def export_budget(territory) -> list[dict]:
    from espaces.territories.packs.export import compact

    budgets = (
        Budget.objects.filter(territory=territory)
        .select_related("source")
        .prefetch_related("lines__funder", "lines__site")
        .order_by("slug")
    )
    out = []
    for b in budgets:
        lines = sorted(b.lines.all(), key=lambda line: (line.order, line.pk))
        out.append(
            compact(
                {
                    "slug": b.slug,
                    "name": b.name,
                    "period_start": b.period_start,
                    "period_end": b.period_end,
                    "announced_total": b.announced_total,
                    "source": b.source.slug if b.source else None,
                    "note": b.note,
                    "expenses": [
                        compact(
                            {
                                "label": line.label,
                                "amount": line.amount,
                                "category": line.category,
                                "site": line.site.slug if line.site else None,
                            }
                        )
                        for line in lines
                        if line.kind == BudgetKind.EXPENSE
                    ],
                    "funding": [
                        compact(
                            {
                                "label": line.label,
                                "amount": line.amount,
                                "funder": line.funder.slug if line.funder else None,
                                "eu": True if line.eu_fund else None,
                            }
                        )
                        for line in lines
                        if line.kind == BudgetKind.FUNDING
                    ],
                }
            )
        )
    return out


register_section(
    PackSection(
        kind="budget",
        order=100,
        schema=BudgetIn,
        check=check_budget,
        apply=apply_budget,
        export=export_budget,
    )
)


# --- targets ---------------------------------------------------------------------------------
TARGET_INDICATORS = Literal[
    "visitors",
    "professionals",
    "sessions",
    "participants",
    "school_interventions",
    "questionnaires",
    "followed_people",
    "referrals",
    "hires",
]


class TargetIn(PackRecord):
    """A figure aimed at over a period, from a dated source (never a guess)."""

    slug: Slug
    indicator: TARGET_INDICATORS
    value: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
    unit: str
    period_start: PartialDate
    period_end: PartialDate
    source: Slug | None = None
    note: str = ""


def check_targets(ctx, records):
    sources = ctx.known_slugs("sources", Source)
    for record in records:
        d = record.data
        if d.source:
            ctx.check_refs(record, "source", d.source, sources, "source")
        if d.period_start and d.period_end and d.period_end[0] < d.period_start[0]:
            ctx.error(record, "period_end", "la fin de la période précède son début")


def apply_targets(ctx, records):
    from .models import Target

    sources = ctx.lookup(Source)
    for record in records:
        d = record.data
        ctx.upsert(
            "targets",
            Target,
            {"territory": ctx.territory, "slug": d.slug},
            {
                "indicator": d.indicator,
                "value": d.value,
                "unit": d.unit,
                "period_start": split_date(d.period_start)[0],
                "period_end": split_date(d.period_end)[0],
                "source": sources.get(d.source) if d.source else None,
                "note": d.note,
            },
        )


def export_targets(territory) -> list[dict]:
    from espaces.territories.packs.export import compact

    from .models import Target

    return [
        compact(
            {
                "slug": t.slug,
                "indicator": t.indicator,
                "value": t.value,
                "unit": t.unit,
                "period_start": t.period_start,
                "period_end": t.period_end,
                "source": t.source.slug if t.source else None,
                "note": t.note,
            }
        )
        for t in Target.objects.filter(territory=territory)
        .select_related("source")
        .order_by("slug")
    ]


register_section(
    PackSection(
        kind="targets",
        order=101,
        schema=TargetIn,
        check=check_targets,
        apply=apply_targets,
        export=export_targets,
    )
)
