"""The state machine of a candidacy: envoyée → reçue → entretien → retenue | non retenue
(motif from a list) ; retenue → embauche (date, contract). The person may withdraw at any
step before a final state."""

from django.utils.translation import gettext

from .enums import CandidacyStatus as S
from .enums import RejectionReason

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.ENVOYEE: (S.RECUE, S.RETIREE),
    S.RECUE: (S.ENTRETIEN, S.RETENUE, S.NON_RETENUE, S.RETIREE),
    S.ENTRETIEN: (S.RETENUE, S.NON_RETENUE, S.RETIREE),
    S.RETENUE: (S.EMBAUCHE, S.NON_RETENUE, S.RETIREE),
}
FINAL = frozenset(S.values) - frozenset(TRANSITIONS)
# What the employer may set; withdrawing is the mediator's (the person's wish).
EMPLOYER_TARGETS = frozenset({S.RECUE, S.ENTRETIEN, S.RETENUE, S.NON_RETENUE, S.EMBAUCHE})


class TransitionError(ValueError):
    """A transition the state machine refuses, with a French message saying what is possible."""


def next_statuses(status: str, *, employer: bool = False) -> tuple[str, ...]:
    allowed = TRANSITIONS.get(status, ())
    if employer:
        allowed = tuple(s for s in allowed if s in EMPLOYER_TARGETS)
    return allowed


def check_transition(
    current: str,
    target: str,
    *,
    reason: str = "",
    hired_on=None,
    contract: str = "",
    employer: bool = False,
) -> None:
    """Raise TransitionError with a French message unless `current → target` is allowed."""
    from .enums import Contract

    if target not in S.values:
        raise TransitionError(
            gettext("État « %(value)s » inconnu. États possibles : %(allowed)s.")
            % {"value": target, "allowed": ", ".join(S.values)}
        )
    current_label, target_label = S(current).label, S(target).label
    if current in FINAL:
        raise TransitionError(
            gettext(
                "La candidature est « %(status)s » : c'est un état final, elle ne peut plus changer."
            )
            % {"status": current_label}
        )
    allowed = next_statuses(current, employer=employer)
    if target not in allowed:
        possible = ", ".join(f"« {S(s).label} »" for s in allowed) or "—"
        raise TransitionError(
            gettext(
                "Impossible de passer de « %(current)s » à « %(target)s ». Depuis « %(current)s », "
                "la candidature peut passer à : %(possible)s."
            )
            % {"current": current_label, "target": target_label, "possible": possible}
        )
    if target == S.NON_RETENUE and reason not in RejectionReason.values:
        raise TransitionError(
            gettext("Choisissez le motif dans la liste : %(allowed)s.")
            % {"allowed": ", ".join(f"« {r.label} »" for r in RejectionReason)}
        )
    if target == S.EMBAUCHE:
        if hired_on is None:
            raise TransitionError(gettext("Indiquez la date d'embauche."))
        if contract not in Contract.values:
            raise TransitionError(
                gettext("Indiquez le contrat signé : %(allowed)s.")
                % {"allowed": ", ".join(Contract.values)}
            )
