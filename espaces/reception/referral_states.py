"""The state machine of a referral: envoyée → reçue → acceptée | refusée (motivée) →
entrée en formation | en emploi | en immersion | sans suite."""

from django.utils.translation import gettext

from .enums import ReferralStatus as S

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.ENVOYEE: (S.RECUE,),
    S.RECUE: (S.ACCEPTEE, S.REFUSEE),
    S.ACCEPTEE: (S.ENTREE_FORMATION, S.EN_EMPLOI, S.EN_IMMERSION, S.SANS_SUITE),
}
FINAL = frozenset(S.values) - frozenset(TRANSITIONS)
OUTCOMES = TRANSITIONS[S.ACCEPTEE]


class TransitionError(ValueError):
    """A transition the state machine refuses, with a message saying why and what is possible."""


def next_statuses(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def check_transition(current: str, target: str, *, reason: str = "") -> None:
    """Raise TransitionError with a French message unless `current → target` is allowed."""
    if target not in S.values:
        raise TransitionError(
            gettext("État « %(value)s » inconnu. États possibles : %(allowed)s.")
            % {"value": target, "allowed": ", ".join(S.values)}
        )
    current_label, target_label = S(current).label, S(target).label
    if current in FINAL:
        raise TransitionError(
            gettext(
                "L'orientation est « %(status)s » : c'est un état final, elle ne peut plus changer."
            )
            % {"status": current_label}
        )
    allowed = next_statuses(current)
    if target not in allowed:
        possible = ", ".join(f"« {S(s).label} »" for s in allowed)
        raise TransitionError(
            gettext(
                "Impossible de passer de « %(current)s » à « %(target)s ». Depuis « %(current)s », "
                "l'orientation peut passer à : %(possible)s."
            )
            % {"current": current_label, "target": target_label, "possible": possible}
        )
    if target == S.REFUSEE and not reason.strip():
        raise TransitionError(gettext("Indiquez le motif du refus : il est transmis au médiateur."))
