"""Writes of the orientation domain: completing a questionnaire, e-mailing a result."""

import dataclasses
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from espaces.common.public_url import absolute_url
from espaces.messaging.services import queue_email
from espaces.territories.models import Site, Territory

from .enums import Barrier, Dimension, Mode
from .matching import (
    CandidateIndex,
    Matching,
    Profile,
    build_profile,
    match,
    national_for,
    training_fits,
)
from .models import OrientationCompletion, OrientationResult, display_code, new_code
from .passerelles import bridges
from .questionnaire import Questionnaire
from .selectors import (
    bridge_targets,
    experience_slugs,
    metier_candidates,
    national_index,
    rome_indexes,
    trainings_for,
    with_urls,
)

logger = logging.getLogger(__name__)
TOP_COUNTED = 3
CODE_ATTEMPTS = 5


class OrientationError(Exception):
    """A message in French to show as it is."""


@dataclass
class Completed:
    result: OrientationResult
    matching: Matching


TRAININGS_SHOWN = 2


def _text_questions(questionnaire: Questionnaire, dimension: str) -> list:
    return [q for q in questionnaire.questions if q.dimension == dimension]


def training_out(training) -> dict:
    return {
        "title": training.title,
        "body": training.body,
        "duration": training.duration,
        "level": training.level,
        "url": training.url,
    }


def _suggested_trainings(territory, profile: Profile, slugs) -> dict[str, list[dict]]:
    """{sheet slug: up to 2 of its trainings that suit the person's level and wish to train}."""
    found = trainings_for(territory=territory, slugs=slugs)
    return {
        slug: [training_out(t) for t in items if training_fits(t.level, profile)][:TRAININGS_SHOWN]
        for slug, items in found.items()
    }


def orientation_complete(
    *,
    territory: Territory,
    questionnaire: Questionnaire,
    answers: dict,
    mode: str = Mode.COMPLET,
    site: Site | None = None,
    count: bool = True,
) -> Completed:
    """Match clean answers (see `Questionnaire.validate`) against the territory's jobs, save
    the answers and results under a new short code, and count the completion anonymously.

    The free text of past jobs is used to find the matching sheets, then dropped."""
    candidates = metier_candidates(territory=territory)
    stored = dict(answers)
    experience: list[str] = []
    past_text = " , ".join(
        stored.pop(q.id)
        for q in _text_questions(questionnaire, Dimension.EXPERIENCE)
        if q.id in stored
    )
    specialty_text = " , ".join(
        stored.pop(q.id)
        for q in _text_questions(questionnaire, Dimension.DIPLOMA_SPECIALTY)
        if q.id in stored
    )
    recognised = []
    appellations = graph = national = None
    if past_text or specialty_text:
        appellations, graph, national = rome_indexes()
        index = appellations
        past = index.recognise(past_text)
        recognised = past + [
            r
            for r in index.recognise(specialty_text)
            if r.rome_code not in {p.rome_code for p in past}
        ]
        experience = experience_slugs(territory=territory, text=past_text, candidates=candidates)
        # the sheets carrying the ROME code of a past job count as jobs already done
        codes = {r.rome_code for r in past}
        experience += [c.slug for c in candidates if codes & set(c.rome_codes)]
        experience = list(dict.fromkeys(experience))
    profile = build_profile(questionnaire, stored, experience=experience)
    local_index = CandidateIndex(candidates)
    matching = match(profile, local_index)
    if matching.uncovered:  # the national fiches only when local jobs miss a wish
        national = national or national_index()
        found = national_for(profile, national, matching.uncovered, local_index)
        matching = dataclasses.replace(matching, national=found)
    passerelles = []
    if recognised:
        target_of = bridge_targets(
            candidates=candidates,
            excluded=[e.slug for e in matching.excluded],
            profile=profile,
            graph=graph,
            national=national,
        )
        passerelles = with_urls([b.as_dict() for b in bridges(recognised, graph, target_of)])
    local = [p["to"]["slug"] for p in passerelles if p["to"]["kind"] == "metier"]
    trainings = _suggested_trainings(territory, profile, [r.slug for r in matching.results] + local)
    for bridge in passerelles:
        if bridge["to"]["kind"] == "metier":
            bridge["learn_with"] = trainings.get(bridge["to"]["slug"], [])
    results = [{**r.as_dict(), "trainings": trainings.get(r.slug, [])} for r in matching.results]
    barriers = [b.as_dict() for b in matching.barriers]
    if passerelles and Barrier.SE_FORMER not in {b["thematique"] for b in barriers}:
        # what a bridge leaves to learn is lifted by the training services
        barriers.append(
            {
                "thematique": str(Barrier.SE_FORMER),
                "label": str(Barrier.SE_FORMER.label),
                "reasons": ["des compétences à apprendre pour changer de métier"],
                "metiers": [],
                "tags": [],
            }
        )
        order = list(Barrier.values)
        barriers.sort(key=lambda b: order.index(b["thematique"]))
    situation = next(
        (
            str(stored[q.id])
            for q in questionnaire.questions
            if q.dimension == Dimension.SITUATION and q.id in stored
        ),
        None,
    )
    summary = {
        **matching.summary(),
        "recognised": [r.as_dict() for r in recognised],
        "situation": situation,
    }
    for _ in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                result = OrientationResult.objects.create(
                    territory=territory,
                    code=new_code(),
                    questionnaire_version=questionnaire.version,
                    mode=mode,
                    answers=stored,
                    results=results,
                    barriers=barriers,
                    excluded=[e.as_dict() for e in matching.excluded],
                    experience=experience,
                    components=list(matching.components),
                    passerelles=passerelles,
                    summary=summary,
                )
                top = matching.results[:TOP_COUNTED]
                if count:
                    OrientationCompletion.objects.create(
                        territory=territory,
                        date=timezone.localdate(),
                        site=site,
                        mode=mode,
                        top_metiers=[r.slug for r in top],
                        top_sectors=list(dict.fromkeys(s for r in top for s in r.sectors)),
                    )
            return Completed(result=result, matching=matching)
        except IntegrityError:  # the same code drawn twice: draw again
            continue
    raise OrientationError("Le résultat n'a pas pu être enregistré : réessayez.")


def orientation_result_send(*, result: OrientationResult, email: str, url: str):
    """Queue the e-mail of the result to the address typed by the person. The address is kept
    in the message queue only until the message leaves (erased at once when sent; docs/rgpd.md),
    never with the result. Returns the queued message."""
    body = render_to_string(
        "orientation/email_result.txt",
        {
            "result": result,
            "code": display_code(result.code),
            "url": url,
            "find_us_url": absolute_url(reverse("territories:sites")),
        },
    )
    [message] = queue_email(
        territory=result.territory_id,
        kind="orientation.result",
        to=email,
        subject=f"Vos pistes de métiers — code {display_code(result.code)}",
        body=body,
    )
    logger.info("Résultat d'orientation confié à la file des courriels (code %s)", result.code)
    return message
