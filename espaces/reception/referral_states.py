"""The state machine of a referral: envoyée → reçue → acceptée | refusée (motivée) →
entrée en formation | en emploi | en immersion | sans suite."""

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
            f"État « {target} » inconnu. États possibles : {', '.join(S.values)}."
        )
    current_label, target_label = S(current).label, S(target).label
    if current in FINAL:
        raise TransitionError(
            f"L'orientation est « {current_label} » : c'est un état final, elle ne peut plus "
            "changer."
        )
    allowed = next_statuses(current)
    if target not in allowed:
        possible = ", ".join(f"« {S(s).label} »" for s in allowed)
        raise TransitionError(
            f"Impossible de passer de « {current_label} » à « {target_label} ». "
            f"Depuis « {current_label} », l'orientation peut passer à : {possible}."
        )
    if target == S.REFUSEE and not reason.strip():
        raise TransitionError("Indiquez le motif du refus : il est transmis au médiateur.")
