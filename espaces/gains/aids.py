"""Aids to start a job or a training (docs/gains.md): national rules written here with their
source and the date they were read, each condition met, not met or « à voir » for this person,
and the territory's services to contact for it (data·inclusion thématiques).

The rules are summaries for orientation, not decisions: the page says which body decides."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .enums import CurrentSituation

MET, NOT_MET, TO_SEE = "oui", "non", "a_voir"

JOB_SEEKER_SITUATIONS = {
    CurrentSituation.NO_INCOME,
    CurrentSituation.ARE,
    CurrentSituation.RSA,
    CurrentSituation.AAH,
}
# Situations that France Travail does not count as an unemployment allowance for these aids.
NOT_INDEMNIFIED = {CurrentSituation.NO_INCOME, CurrentSituation.RSA, CurrentSituation.AAH}


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str
    read_on: str  # ISO date the rule was read


@dataclass
class Condition:
    label: str
    status: str

    @property
    def met(self) -> bool:
        return self.status == MET


@dataclass
class Aid:
    slug: str
    title: str
    provider: str
    summary: str
    conditions: list[Condition]
    sources: list[Source]
    thematiques: list[str]
    services: list = field(default_factory=list)

    @property
    def possible(self) -> bool:
        """No condition known to fail."""
        return all(c.status != NOT_MET for c in self.conditions)


@dataclass(frozen=True)
class Situation:
    """What the aids look at; nothing here is stored."""

    age: int
    situation: str
    children_ages: tuple[int, ...]
    couple: bool
    are_daily: float = 0.0
    wants_training: bool = False


def _status(value: bool | None) -> str:
    if value is None:
        return TO_SEE
    return MET if value else NOT_MET


def _job_seeker(situation: Situation) -> bool | None:
    if situation.situation in JOB_SEEKER_SITUATIONS:
        return True
    if situation.situation == CurrentSituation.EMPLOYED:
        return False
    return None


def childcare_aid(situation: Situation) -> Aid:
    return Aid(
        slug="aide-garde-enfants",
        title=str(_("Aide à la garde d'enfants (AGE)")),
        provider="France Travail",
        summary=str(
            _(
                "Une aide pour payer la garde de vos enfants de moins de 12 ans quand vous "
                "reprenez un emploi ou entrez en formation. Elle est ouverte à tous les parents "
                "depuis mai 2024, plus seulement aux parents seuls."
            )
        ),
        conditions=[
            Condition(str(_("Être inscrit·e à France Travail")), _status(_job_seeker(situation))),
            Condition(
                str(_("Avoir au moins un enfant de moins de 12 ans")),
                _status(any(age < 12 for age in situation.children_ages)),
            ),
            Condition(
                str(_("Reprendre un emploi (CDI, CDD ou intérim, même à temps partiel)")), MET
            ),
            Condition(str(_("Conditions de ressources : France Travail les vérifie")), TO_SEE),
        ],
        sources=[
            Source(
                "GREF Bretagne (Carif-Oref)",
                "France Travail revoit son aide à la garde d'enfant",
                "https://gref-bretagne.com/ressources/france-travail-revoit-laide-a-la-garde-denfant",
                "2026-12-02",
            )
        ],
        thematiques=["famille--garde-denfants"],
    )


def driving_licence_aid(situation: Situation) -> Aid:
    indemnified = situation.situation == CurrentSituation.ARE and situation.are_daily > 0
    return Aid(
        slug="aide-permis",
        title=str(_("Aide au permis de conduire B")),
        provider="France Travail",
        summary=str(
            _(
                "Jusqu'à 1 200 € versés à l'auto-école, quand ne pas avoir le permis vous empêche "
                "d'être embauché·e. À demander avant de s'inscrire à l'auto-école."
            )
        ),
        conditions=[
            Condition(str(_("Avoir 18 ans ou plus")), _status(situation.age >= 18)),
            Condition(str(_("Être inscrit·e à France Travail")), _status(_job_seeker(situation))),
            Condition(
                str(_("Être inscrit·e depuis 6 mois (sauf promesse d'embauche de 3 mois ou plus)")),
                TO_SEE,
            ),
            Condition(
                str(_("Ne pas toucher d'allocation chômage, ou une allocation faible")),
                TO_SEE if indemnified else _status(situation.situation in NOT_INDEMNIFIED),
            ),
            Condition(str(_("Le manque de permis est constaté avec votre conseiller")), TO_SEE),
        ],
        sources=[
            Source(
                "Service-Public.fr",
                "Chômage : aide au permis de conduire B attribuée par France Travail (F1719)",
                "https://www.service-public.fr/particuliers/vosdroits/F1719",
                "2026-12-02",
            ),
            Source(
                "Info Jeunes",
                "Aide au permis de conduire France Travail (actualisé le 06/11/2025)",
                "https://www.infos-jeunes.fr/dispositif/aide-au-permis-de-conduire-france-travail",
                "2026-12-02",
            ),
        ],
        thematiques=["mobilite--preparer-un-permis", "mobilite--financer-ma-mobilite"],
    )


def mobility_aid(situation: Situation) -> Aid:
    return Aid(
        slug="aide-mobilite",
        title=str(_("Aide à la mobilité")),
        provider="France Travail",
        summary=str(
            _(
                "Une partie des frais de trajet, de repas ou de nuit payée quand l'emploi, "
                "l'entretien ou la formation est loin de chez vous (le premier mois d'un emploi)."
            )
        ),
        conditions=[
            Condition(str(_("Être inscrit·e à France Travail")), _status(_job_seeker(situation))),
            Condition(
                str(_("Le lieu est à plus de 60 km ou 2 heures aller-retour de chez vous")),
                TO_SEE,
            ),
            Condition(
                str(_("Un contrat de 3 mois ou plus (CDI, CDD ou intérim)")),
                TO_SEE,
            ),
        ],
        sources=[
            Source(
                "France Travail",
                "Les aides France Travail — Mon itinéraire emploi",
                "https://monitineraireemploi.francetravail.fr/mes-aides/les-aides-france-travail",
                "2026-12-02",
            )
        ],
        thematiques=["mobilite--financer-ma-mobilite"],
    )


def paid_training(situation: Situation) -> Aid:
    on_are = situation.situation == CurrentSituation.ARE
    return Aid(
        slug="formation-remuneree",
        title=str(_("Être payé·e pendant une formation")),
        provider="France Travail, Région Hauts-de-France",
        summary=str(
            _(
                "Avec l'allocation chômage, elle continue pendant une formation prescrite par "
                "France Travail (AREF). Sans allocation chômage, une formation agréée peut être "
                "rémunérée (rémunération des stagiaires)."
            )
        ),
        conditions=[
            Condition(str(_("Être inscrit·e à France Travail")), _status(_job_seeker(situation))),
            Condition(
                str(_("Toucher l'allocation chômage (AREF)"))
                if on_are
                else str(_("Ne pas toucher l'allocation chômage (rémunération des stagiaires)")),
                MET if _job_seeker(situation) else TO_SEE,
            ),
            Condition(
                str(_("La formation est prescrite ou agréée (votre conseiller le dit)")), TO_SEE
            ),
        ],
        sources=[
            Source(
                "Cap Métiers Nouvelle-Aquitaine (Carif-Oref)",
                "Rémunération des stagiaires de la formation professionnelle, fiche F 2.0 "
                "(janvier 2024)",
                "https://www.cap-metiers.pro/Fiches-techniques/detail/483/"
                "Remuneration-des-stagiaires-formation-professionnelle/",
                "2026-12-02",
            )
        ],
        thematiques=["se-former"],
    )


def aids_for(situation: Situation, *, territory=None, commune: str | None = None) -> list[Aid]:
    """The aids to start, possible ones first; each with the territory's services to contact."""
    aids = [driving_licence_aid(situation), mobility_aid(situation)]
    if situation.children_ages:
        aids.insert(0, childcare_aid(situation))
    if situation.wants_training or situation.situation != CurrentSituation.EMPLOYED:
        aids.append(paid_training(situation))
    if territory is not None:
        from espaces.services.selectors import services_for_thematiques

        for aid in aids:
            aid.services = services_for_thematiques(
                territory=territory, thematiques=aid.thematiques, commune=commune or None
            )[:3]
    return sorted(aids, key=lambda aid: not aid.possible)
