"""Reads of the simulator: the salary a job sheet suggests, and the rows of an answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from espaces.territories.models import Territory

from .engine import Answer, engine_info, smic_gross_monthly


@dataclass
class PayReference:
    gross_monthly: float
    label: str
    source: str


def pay_reference(*, territory: Territory, metier, month: str) -> PayReference:
    """What a job pays to start: the gross SMIC for 35 hours, from OpenFisca-France's parameters
    (job sheets carry no sourced pay range yet, and no salary is ever invented)."""
    amount = smic_gross_monthly(month)
    return PayReference(
        gross_monthly=amount,
        label=_("au moins le SMIC pour 35 heures par semaine"),
        source=_("SMIC brut du mois, paramètres d'OpenFisca-France %(version)s")
        % {"version": engine_info()["version"]},
    )


ROWS = (  # labels translated when read (answer_rows)
    ("net", "Salaire net"),
    ("are", "Allocation chômage (ARE)"),
    ("rsa", "RSA"),
    ("prime_activite", "Prime d'activité"),
    ("aide_logement", "Aide au logement"),
    ("prestations_familiales", "Prestations familiales"),
)


def answer_rows(answer: Answer, *, jobs: int) -> list[dict]:
    """One row per income, today then each job; rows that are zero everywhere are left out."""
    columns = [answer.baseline, *answer.scenarios[:jobs]]
    rows = []
    for field, label in ROWS:
        values = [getattr(figures, field) for figures in columns]
        if any(values):
            rows.append({"label": _(label), "values": values})
    return rows
