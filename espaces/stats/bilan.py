"""The « bilan » of a period: every figure of the dashboard and of the funder report, built
once from the selectors and rendered as a page, PDF, XLSX, CSV or JSON (exports.py, pdf.py)."""

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.common.enums import PublicCategory
from espaces.reception.enums import Gender
from espaces.territories.models import Territory

from . import disclosure
from .budget import BudgetFigures, budget_figures
from .indicators import (
    GENDER_COLUMNS,
    KIND_LABELS,
    Indicators,
    compute_indicators,
    protect_indicators,
)
from .selectors import (
    Series,
    StatsFilter,
    Table,
    event_figures,
    gender_bias_figures,
    orientation_figures,
    outcome_figures,
    rate,
    referral_figures,
    school_figures,
    visit_figures,
)

UNITS = {
    "visiteur": _("Coût par visiteur du public"),
    "participant": _("Coût par participant présent à une séance"),
    "heure_seance": _("Coût par heure de séance"),
    "personne_suivie": _("Coût par personne accompagnée (dossier ouvert)"),
}


@dataclass
class Bilan:
    territory: Territory
    filters: StatsFilter
    generated_on: dt.date
    visits: dict
    events: dict
    schools: dict
    orientation: dict
    gender_bias: dict
    referrals: dict
    outcomes: dict
    indicators: Indicators
    budget: BudgetFigures
    costs_note: str = ""
    protected: bool = False  # figures protected by disclosure control (docs/stats.md)
    k: int = 0
    recruitment: dict = field(default_factory=dict)  # espaces/recruitment/figures.py
    # the summary page (add_summary): comparison periods, targets, coordinator's commentary
    comparison: object = None  # comparison.Comparison
    targets: list = field(default_factory=list)  # targets.TargetProgress
    commentary: str = ""

    @property
    def headline(self) -> dict:
        total = self.events["total"]
        return {
            "visitors": self.visits["visitors"],
            "professionals": self.visits["professionals"],
            "sessions": total["sessions"],
            "session_hours": total["hours"],
            "participants": total["present"],
            "fill_rate": total["fill_rate"],
            "no_show_rate": total["no_show_rate"],
            "school_interventions": self.schools["interventions"],
            "schools": self.schools["schools"],
            "pupils": self.schools["pupils"],
            "questionnaires": self.orientation["completions"],
            "followed_people": self.indicators.participants,
            "referrals": self.referrals["sent"],
            "women_share_industrial": self.gender_bias["women_share"],
            "offers_published": self.recruitment.get("offers", 0),
            "hires": self.recruitment.get("hires", 0),
        }

    def headline_rows(self) -> list[tuple[str, str]]:
        """(label, value) of the headline figures, in French, for the page and the PDF."""
        from .selectors import percent

        h = self.headline
        rows = [
            (gettext("Visiteurs du public"), _n(h["visitors"])),
            (gettext("Professionnels de l'accompagnement (à part)"), _n(h["professionals"])),
            (gettext("Séances tenues"), _n(h["sessions"])),
            (gettext("Heures de séance"), _n(h["session_hours"])),
            (gettext("Participants présents aux séances"), _n(h["participants"])),
            (gettext("Taux de remplissage des séances"), percent(h["fill_rate"])),
            (gettext("Taux d'absence des inscrits"), percent(h["no_show_rate"])),
            (gettext("Interventions scolaires"), _n(h["school_interventions"])),
            (gettext("Établissements scolaires distincts"), _n(h["schools"])),
            (gettext("Élèves rencontrés"), _n(h["pupils"])),
            (gettext("Questionnaires d'orientation remplis"), _n(h["questionnaires"])),
            (gettext("Personnes accompagnées (dossiers ouverts)"), _n(h["followed_people"])),
            (gettext("Orientations vers des partenaires"), _n(h["referrals"])),
            (gettext("Part des femmes parmi les personnes ayant exploré un métier industriel"),
             percent(h["women_share_industrial"])),
            (gettext("Offres d'emploi publiées par les employeurs"), _n(h["offers_published"])),
            (gettext("Embauches après une candidature relayée par un Espace"), _n(h["hires"])),
        ]  # fmt: skip
        return rows

    def summary_blocks(self) -> list[tuple[str, list[str], list[list]]]:
        """(title, header, rows) of the summary page after the key figures: comparisons,
        targets and the coordinator's commentary, in French (PDF and XLSX)."""
        from espaces.common.numbers import fr_amount, fr_percent

        from .comparison import period_label

        blocks = []
        c = self.comparison
        if c is not None:

            def delta(value):
                if value is None:
                    return "—"
                return ("+" if value > 0 else "") + fr_amount(value)

            blocks.append(
                (
                    gettext("Comparaisons"),
                    [
                        gettext("Chiffre"),
                        gettext("Période"),
                        gettext("Période précédente (%(period)s)")
                        % {"period": period_label(c.previous)},
                        gettext("Écart"),
                        gettext("Même période l'an dernier (%(period)s)")
                        % {"period": period_label(c.last_year)},
                        gettext("Écart"),
                    ],
                    [
                        [
                            r.label,
                            fr_amount(r.current) or "—",
                            fr_amount(r.previous) or "—",
                            delta(r.delta_previous),
                            fr_amount(r.last_year) or "—",
                            delta(r.delta_last_year),
                        ]
                        for r in c.rows
                    ],
                )
            )
        if self.targets:
            blocks.append(
                (
                    gettext("Objectifs (rapportés à la période)"),
                    [
                        gettext("Objectif"),
                        gettext("Attendu sur la période"),
                        gettext("Réalisé"),
                        gettext("Atteint"),
                    ],
                    [
                        [
                            gettext("%(label)s : %(value)s %(unit)s du %(start)s au %(end)s")
                            % {
                                "label": t.label,
                                "value": fr_amount(t.target.value),
                                "unit": t.target.unit,
                                "start": t.target.period_start.strftime("%d/%m/%Y"),
                                "end": t.target.period_end.strftime("%d/%m/%Y"),
                            },
                            fr_amount(t.expected),
                            fr_amount(t.achieved),
                            fr_percent(t.ratio),
                        ]
                        for t in self.targets
                    ],
                )
            )
        blocks.append(
            (
                gettext("Commentaire de la coordination"),
                [gettext("Commentaire")],
                [[self.commentary or gettext("Pas de commentaire pour cette période.")]],
            )
        )
        return blocks

    def series(self) -> list[Series]:
        return [
            *self.visits["series"],
            self.events["series"],
            *self.orientation["series"],
            self.gender_bias["series"],
            *self.referrals["series"],
            *self.outcomes["series"],
            *self.recruitment.get("series", []),
        ]

    def tables(self) -> list[Table]:
        return [
            self.visits["month_table"],
            self.events["table"],
            self.schools["table"],
            self.indicator_table(),
            self.budget_table(),
            *([self.recruitment["table"]] if self.recruitment else []),
        ]

    def find(self, slug: str) -> Series | Table | None:
        for item in [*self.series(), *self.tables()]:
            if item.slug == slug:
                return item
        return None

    def indicator_table(self) -> Table:
        columns = [gettext("Code"), gettext("Indicateur")] + [
            label for _, _, label in GENDER_COLUMNS
        ]
        columns += [gettext("Total"), gettext("Donnée utilisée")]
        rows = []
        for value in self.indicators.values:
            cells = (
                [value.values[key] for key, _, _ in GENDER_COLUMNS] + [value.total]
                if value.collected
                else [gettext("non collecté")] * (len(GENDER_COLUMNS) + 1)
            )
            rows.append([value.code, value.label, *cells, value.data])
        return Table(
            "indicateurs-fse",
            gettext("Indicateurs communs FSE+ / FTJ sur les participants"),
            columns,
            rows,
            gettext(
                "Participants : personnes dont le dossier de suivi a été ouvert dans la période "
                "(règlement (UE) 2021/1057, annexes I et II). Les visiteurs anonymes ne sont pas des "
                "participants."
            ),
        )

    def budget_table(self) -> Table:
        rows = []
        for budget in self.budget.budgets:
            for line in budget["lines"]:
                rows.append(
                    [
                        budget["name"],
                        gettext("Dépense") if line["kind"] == "depense" else gettext("Financement"),
                        line["label"],
                        line["funder"] or line["site"],
                        Decimal(str(line["amount"])),  # « 747 803 » on the page, not a raw text
                    ]
                )
        return Table(
            "budget",
            gettext("Budget et financements"),
            [
                gettext("Budget"),
                gettext("Type"),
                gettext("Ligne"),
                gettext("Financeur ou espace"),
                gettext("Montant (€)"),
            ],
            rows,
        )

    def as_dict(self) -> dict:
        f = self.filters
        return {
            "territory": {"slug": self.territory.slug, "name": self.territory.name},
            "period": {"from": f.date_from.isoformat(), "to": f.date_to.isoformat()},
            "site": f.site.slug if f.site else None,
            "public": f.public or None,
            "generated_on": self.generated_on.isoformat(),
            "headline": self.headline,
            "visits": {
                "visitors": self.visits["visitors"],
                "professionals": self.visits["professionals"],
                "by_public_category": self.visits["by_public_category"],
                "by_gender": self.visits["by_gender"],
                "by_age_band": self.visits["by_age_band"],
                "qpv": self.visits["qpv"],
                **{s.slug: s.as_dict() for s in self.visits["series"][4:]},
            },
            "events": {
                "total": self.events["total"],
                "by_event_type": self.events["rows"],
            },
            "schools": {
                "interventions": self.schools["interventions"],
                "schools": self.schools["schools"],
                "pupils": self.schools["pupils"],
                "by_school": [
                    dict(zip(["name", "uai", "kind", "interventions", "pupils"], row, strict=True))
                    for row in self.schools["table"].rows
                ],
            },
            "orientation": {
                "completions": self.orientation["completions"],
                **{s.slug: s.as_dict() for s in self.orientation["series"]},
            },
            "gender_bias": {
                "women_share": self.gender_bias["women_share"],
                "by_gender": self.gender_bias["by_gender"],
                "people": self.gender_bias["people"],
            },
            "referrals": {
                "by_status": self.referrals["by_status"],
                "sent": self.referrals["sent"],
                "accepted": self.referrals["accepted"],
                "positive": self.referrals["positive"],
            },
            "outcomes": {
                "exits": self.outcomes["exits"],
                "at_exit": self.outcomes["at_exit"],
                "follow_ups_due": self.outcomes["follow_ups_due"],
                "follow_ups_pending": self.outcomes["follow_ups_pending"],
                "at_six_months": self.outcomes["at_six_months"],
            },
            "indicators": {
                "regulation": gettext("Règlement (UE) 2021/1057, annexes I et II"),
                "participants": self.indicators.participants,
                "anonymous_visitors": self.indicators.anonymous_visitors,
                "professionals": self.indicators.professionals,
                "columns": [key for key, _, _ in GENDER_COLUMNS],
                "items": [v.as_dict() for v in self.indicators.values],
                "checks": [c.as_dict() for c in self.indicators.checks],
                "all_checks_passed": self.indicators.all_passed,
            },
            "budget": {**self.budget.as_dict(), "costs_note": self.costs_note},
            "summary": {
                "comparison": self.comparison.as_dict() if self.comparison else None,
                "targets": [t.as_dict() for t in self.targets],
                "commentary": self.commentary,
            },
            "recruitment": {
                k: v for k, v in self.recruitment.items() if k not in ("series", "table")
            },
        }

    @property
    def indicator_groups(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for value in self.indicators.values:
            groups.setdefault(value.kind, []).append(value)
        return [(KIND_LABELS[kind], values) for kind, values in groups.items()]


def add_summary(bilan: Bilan, *, exact: bool, comparison: bool = True) -> Bilan:
    """Completes the bilan's summary page: the headline beside the previous period and the same
    period a year earlier (same reader, same disclosure control), the pack's targets (whole
    territory, every public only) and the coordinator's commentary of the period."""
    from .comparison import build_comparison
    from .models import ReportCommentary
    from .targets import target_progress

    f = bilan.filters
    if comparison:
        bilan.comparison = build_comparison(territory=bilan.territory, bilan=bilan, exact=exact)
    if f.site is None and not f.public:
        bilan.targets = target_progress(
            territory=bilan.territory, filters=f, headline=bilan.headline
        )
    bilan.commentary = (
        ReportCommentary.objects.filter(
            territory=bilan.territory, date_from=f.date_from, date_to=f.date_to
        )
        .values_list("text", flat=True)
        .first()
        or ""
    )
    return bilan


def _n(value) -> str:
    from espaces.common.templatetags.espaces_tags import fr_number

    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return fr_number(value)


def build_bilan_for(*, territory: Territory, filters: StatsFilter, exact: bool) -> Bilan:
    """The bilan as a reader may see it: exact for readers of personal files (coordinators,
    admins), otherwise protected by disclosure control (espaces/stats/disclosure.py): whole
    months, whole territory, monthly counts under k withheld, figures summed from the
    published monthly counts."""
    if exact:
        return build_bilan(territory=territory, filters=filters)
    threshold = disclosure.k()
    aligned = disclosure.align_filters(filters)
    full = build_bilan(territory=territory, filters=aligned)
    parts = [
        build_bilan(territory=territory, filters=replace(aligned, date_from=start, date_to=end))
        for start, end in disclosure.months(aligned.date_from, aligned.date_to)
    ]
    for name in (
        "visits",
        "events",
        "schools",
        "orientation",
        "gender_bias",
        "referrals",
        "recruitment",
    ):
        setattr(
            full,
            name,
            disclosure.combine(getattr(full, name), [getattr(p, name) for p in parts], threshold),
        )
    full.outcomes = disclosure.combine(full.outcomes, [p.outcomes for p in parts], threshold)
    bias = full.gender_bias["by_gender"]
    known = bias[Gender.FEMME] + bias[Gender.HOMME] + bias[Gender.AUTRE]
    full.gender_bias["known"] = known
    full.gender_bias["people"] = sum(bias.values())
    full.gender_bias["women_share"] = rate(bias[Gender.FEMME], known)
    indicators = protect_indicators(full.indicators, [p.indicators for p in parts], threshold)
    indicators.anonymous_visitors = full.visits["visitors"]
    indicators.professionals = full.visits["professionals"]
    full.budget = budget_figures(
        territory=territory,
        date_from=aligned.date_from,
        date_to=aligned.date_to,
        units={
            "visiteur": (UNITS["visiteur"], full.visits["visitors"]),
            "participant": (UNITS["participant"], full.events["total"]["present"]),
            "heure_seance": (UNITS["heure_seance"], full.events["total"]["hours"]),
            "personne_suivie": (UNITS["personne_suivie"], indicators.participants),
        },
    )
    full.protected, full.k = True, threshold
    return full


def build_bilan(*, territory: Territory, filters: StatsFilter) -> Bilan:
    """Every figure of the period (a fixed number of queries, all aggregates)."""
    visits = visit_figures(territory=territory, filters=filters)
    events = event_figures(territory=territory, filters=filters)
    # the public filter narrows visits, not the participants' anonymous counterpart
    anonymous = (
        None
        if filters.public
        else {"visitors": visits["visitors"], "professionals": visits["professionals"]}
    )
    indicators = compute_indicators(territory=territory, filters=filters, anonymous=anonymous)
    costs_note = ""
    units = {}
    if filters.site is None and not filters.public:
        quantities = {
            "visiteur": visits["visitors"],
            "participant": events["total"]["present"],
            "heure_seance": events["total"]["hours"],
            "personne_suivie": indicators.participants,
        }
        units = {slug: (UNITS[slug], quantities[slug]) for slug in UNITS}
    else:
        costs_note = gettext(
            "Les coûts unitaires ne sont calculés que pour tout le territoire et tous les "
            "publics : le budget n'est pas ventilé par espace ni par public."
        )
    budget = budget_figures(
        territory=territory, date_from=filters.date_from, date_to=filters.date_to, units=units
    )
    return Bilan(
        territory=territory,
        filters=filters,
        generated_on=timezone.localdate(),
        visits=visits,
        events=events,
        schools=school_figures(territory=territory, filters=filters),
        orientation=orientation_figures(territory=territory, filters=filters),
        gender_bias=gender_bias_figures(territory=territory, filters=filters),
        referrals=referral_figures(territory=territory, filters=filters),
        outcomes=outcome_figures(territory=territory, filters=filters),
        indicators=indicators,
        budget=budget,
        costs_note=costs_note,
        recruitment=_recruitment(territory, filters),
    )


def _recruitment(territory: Territory, filters: StatsFilter) -> dict:
    from espaces.recruitment.figures import recruitment_figures

    return recruitment_figures(territory=territory, filters=filters)


def public_label(value: str) -> str:
    return PublicCategory(value).label if value else gettext("Tous les publics")
