"""Writes of the orientation domain: completing a questionnaire, e-mailing a result."""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from espaces.common.public_url import absolute_url
from espaces.messaging.services import queue_email
from espaces.territories.models import Site, Territory

from .enums import Mode
from .matching import Matching
from .models import OrientationCompletion, OrientationResult, display_code, new_code
from .questionnaire import Questionnaire
from .selectors import orientation_outcome

logger = logging.getLogger(__name__)
TOP_COUNTED = 3
CODE_ATTEMPTS = 5


class OrientationError(Exception):
    """A message in French to show as it is."""


@dataclass
class Completed:
    result: OrientationResult
    matching: Matching


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
    outcome = orientation_outcome(territory=territory, questionnaire=questionnaire, answers=answers)
    matching = outcome.matching
    for _ in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                result = OrientationResult.objects.create(
                    territory=territory,
                    code=new_code(),
                    questionnaire_version=questionnaire.version,
                    mode=mode,
                    answers=outcome.stored,
                    results=outcome.results,
                    barriers=outcome.barriers,
                    excluded=[e.as_dict() for e in matching.excluded],
                    experience=outcome.experience,
                    components=list(matching.components),
                    passerelles=outcome.passerelles,
                    summary=outcome.summary,
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
