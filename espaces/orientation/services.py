"""Writes of the orientation domain: completing a questionnaire, e-mailing a result."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from espaces.territories.models import Site, Territory

from .enums import Dimension, Mode
from .matching import CandidateIndex, Matching, build_profile, match
from .models import OrientationCompletion, OrientationResult, display_code, new_code
from .questionnaire import Questionnaire
from .selectors import experience_slugs, metier_candidates

logger = logging.getLogger(__name__)
TOP_COUNTED = 3
CODE_ATTEMPTS = 5


class OrientationError(Exception):
    """A message in French to show as it is."""


@dataclass
class Completed:
    result: OrientationResult
    matching: Matching


def _experience_question(questionnaire: Questionnaire):
    return next((q for q in questionnaire.questions if q.dimension == Dimension.EXPERIENCE), None)


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
    text_question = _experience_question(questionnaire)
    if text_question and stored.get(text_question.id):
        experience = experience_slugs(
            territory=territory, text=stored.pop(text_question.id), candidates=candidates
        )
    profile = build_profile(questionnaire, stored, experience=experience)
    matching = match(profile, CandidateIndex(candidates))
    for _ in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                result = OrientationResult.objects.create(
                    territory=territory,
                    code=new_code(),
                    questionnaire_version=questionnaire.version,
                    mode=mode,
                    answers=stored,
                    results=[r.as_dict() for r in matching.results],
                    barriers=[b.as_dict() for b in matching.barriers],
                    excluded=[e.as_dict() for e in matching.excluded],
                    experience=experience,
                    components=list(matching.components),
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


def orientation_result_send(*, result: OrientationResult, email: str, url: str) -> None:
    """E-mail the result to the address typed by the person. The address is used for this
    message only: it is neither stored nor queued (a task queue would keep it in its table)."""
    body = render_to_string(
        "orientation/email_result.txt",
        {"result": result, "code": display_code(result.code), "url": url},
    )
    send_mail(
        subject=f"Vos pistes de métiers — code {display_code(result.code)}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
        fail_silently=False,
    )
    logger.info("Résultat d'orientation envoyé par courriel (code %s)", result.code)
