"""Writes of the simulator: attaching an answer to a follow-up file (with the person's consent,
recorded by the mediator). The journal entry keeps figures only, never the household typed."""

from django.utils.translation import gettext as _

from espaces.reception.enums import JournalKind
from espaces.reception.services import journal_entry_create

from .engine import Answer


def _euros(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") + " €"


def simulation_summary(*, answer: Answer, jobs: int, metier=None) -> str:
    lines = [
        _(
            "Simulation %(engine)s %(version)s pour %(month)s (estimation à confirmer auprès de la "
            "CAF et de France Travail)."
        )
        % {
            "engine": answer.engine["name"],
            "version": answer.engine["version"],
            "month": answer.month,
        }
    ]
    if metier is not None:
        lines.append(_("Métier : %(title)s.") % {"title": metier.title})
    lines.append(_("Aujourd'hui : %(total)s par mois.") % {"total": _euros(answer.baseline.total)})
    for figures in answer.scenarios[:jobs]:
        lines.append(
            _("Avec %(gross)s brut : %(total)s par mois (%(diff)s).")
            % {
                "gross": _euros(figures.gross),
                "total": _euros(figures.total),
                "diff": ("+" if figures.total >= answer.baseline.total else "")
                + _euros(figures.total - answer.baseline.total),
            }
        )
    return "\n".join(lines)


def simulation_attach(*, beneficiary, user, answer: Answer, jobs: int, metier=None):
    """Adds the answer's figures to the file's timeline (audited like every file change)."""
    return journal_entry_create(
        beneficiary=beneficiary,
        user=user,
        kind=JournalKind.SIMULATION,
        text=simulation_summary(answer=answer, jobs=jobs, metier=metier),
    )
