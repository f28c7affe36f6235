"""Public pages of the questionnaire: one question per screen, server-side steps (the answers
wait in the session), results reopened by code, printable sheet, e-mail to self.

Everything works without JavaScript; htmx (hx-boost) only avoids full page reloads. A refused
answer re-renders its page with status 200, because htmx does not swap error responses.
"""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from espaces.common.public_url import absolute_url
from espaces.messaging.enums import MessageStatus
from espaces.ops.rate_limit import allow, client_key, fingerprint
from espaces.territories.models import Commune, Site
from espaces.territories.views import current_territory

from .enums import Mode
from .models import OrientationResult, display_code, normalize_code
from .presentation import resembles, wish_label
from .selectors import (
    current_questionnaire,
    metiers_by_slug,
    next_sessions,
    questionnaire_version,
    result_by_code,
    rome_fiche_url,
    services_for_barriers,
    site_for,
)
from .services import OrientationError, orientation_complete, orientation_result_send

STATE = "orientation"
KIOSK_SITE = "orientation_site"
EMAILS_SENT = "orientation_emails"
MAX_EMAILS_PER_SESSION = 3


# --- session state ------------------------------------------------------------------------------
def _state(request) -> dict | None:
    return request.session.get(STATE)


def _save(request, state: dict) -> None:
    request.session[STATE] = state
    request.session.modified = True


def _kiosk_site(request, territory):
    return site_for(territory=territory, slug=request.session.get(KIOSK_SITE))


def _counting_site(request, territory):
    """Where the questionnaire was filled in: the kiosk's site, else the site of the mediator
    logged in (the first by name), else None (« en ligne »)."""
    site = _kiosk_site(request, territory)
    if site is None and request.user.is_authenticated:
        site = request.user.sites.filter(territory=territory).order_by("name").first()
    return site


def _questionnaire_or_404(territory):
    questionnaire = current_questionnaire(territory=territory)
    if questionnaire is None:
        raise Http404("Le questionnaire d'orientation n'est pas encore disponible ici.")
    return questionnaire


def _context(request, **extra):
    return {"kiosk": bool(request.session.get(KIOSK_SITE)), **extra}


# --- start, steps, restart -----------------------------------------------------------------------
def start(request):
    territory = current_territory(request)
    questionnaire = current_questionnaire(territory=territory)
    slug = request.GET.get("site")
    if slug is not None:
        site = site_for(territory=territory, slug=slug)
        if site:
            request.session[KIOSK_SITE] = site.slug
        else:
            request.session.pop(KIOSK_SITE, None)
    state = _state(request)
    in_progress = bool(state and questionnaire and state.get("version") == questionnaire.version)
    counts = {}
    if questionnaire:
        counts = {mode: len(questionnaire.steps(mode)) for mode in Mode.values}
    return render(
        request,
        "orientation/start.html",
        _context(
            request,
            questionnaire=questionnaire,
            in_progress=in_progress,
            state=state if in_progress else None,
            counts=counts,
            modes=Mode,
        ),
    )


@require_POST
def begin(request):
    territory = current_territory(request)
    questionnaire = _questionnaire_or_404(territory)
    mode = request.POST.get("mode")
    if mode not in Mode.values:
        mode = Mode.COMPLET
    _save(request, {"version": questionnaire.version, "mode": mode, "answers": {}})
    return redirect("orientation:question", number=1)


@require_POST
def restart(request):
    request.session.pop(STATE, None)
    messages.info(request, gettext("Vos réponses ont été effacées. Vous pouvez recommencer."))
    return redirect("orientation:start")


def question(request, number: int):
    territory = current_territory(request)
    questionnaire = _questionnaire_or_404(territory)
    state = _state(request)
    if not state or state.get("version") != questionnaire.version:
        messages.info(request, gettext("Commencez le questionnaire ici."))
        return redirect("orientation:start")
    steps = questionnaire.steps(state.get("mode", Mode.COMPLET))
    if not 1 <= number <= len(steps):
        return redirect("orientation:question", number=min(max(number, 1), len(steps)))
    current = steps[number - 1]
    answers = state.setdefault("answers", {})
    error = None
    draft = answers.get(current.id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "skip":
            answers.pop(current.id, None)
            _save(request, state)
            return _after(request, number, len(steps))
        # Answer buttons carry the value; « Terminer » alone keeps the answer already given.
        submitted = current.kind in ("multi", "text") or "answer" in request.POST
        raw = (
            request.POST.getlist("answer")
            if current.kind == "multi"
            else request.POST.get("answer", "")
        )
        clean, errors = questionnaire.validate({current.id: raw}) if submitted else ({}, [])
        if errors:
            error = _page_error(current, errors[0]["message"])
            draft = raw
        else:
            if current.id in clean:
                answers[current.id] = clean[current.id]
            elif submitted:
                answers.pop(current.id, None)
            _save(request, state)
            if action == "finish":
                return _finish(request, territory, questionnaire, state)
            return _after(request, number, len(steps))
    selected = draft if isinstance(draft, list) else ([draft] if draft is not None else [])
    return render(
        request,
        "orientation/question.html",
        _context(
            request,
            questionnaire=questionnaire,
            question=current,
            number=number,
            total=len(steps),
            percent=round(100 * (number - 1) / len(steps)),
            selected=[str(v) for v in selected],
            draft=draft if isinstance(draft, str) else "",
            error=error,
            answered=sum(1 for q in steps if q.id in answers),
        ),
    )


def _page_error(question, message: str) -> str:
    if question.kind == "multi" and "au plus" in message:
        return f"Choisissez {question.max_choices} phrases au plus, puis validez."
    if question.kind == "text" and "trop long" in message:
        return gettext("Votre texte est trop long : 200 caractères au plus.")
    return gettext("Cette réponse n'est pas dans la liste : choisissez une des réponses proposées.")


def _after(request, number: int, total: int):
    if number < total:
        return redirect("orientation:question", number=number + 1)
    return redirect("orientation:review")


def review(request):
    """The last screen before the results: what was answered, with a link to each question."""
    territory = current_territory(request)
    questionnaire = _questionnaire_or_404(territory)
    state = _state(request)
    if not state or state.get("version") != questionnaire.version:
        return redirect("orientation:start")
    steps = questionnaire.steps(state.get("mode", Mode.COMPLET))
    answers = state.get("answers", {})
    rows = [
        {
            "number": i,
            "question": q,
            "answer": q.label_of(answers[q.id]) if q.id in answers else None,
            # the options chosen, so that the page shows their labels in its language
            "options": q.options_of(answers[q.id]) if q.id in answers and q.options else [],
        }
        for i, q in enumerate(steps, start=1)
    ]
    return render(
        request,
        "orientation/review.html",
        _context(
            request,
            rows=rows,
            answered=sum(1 for r in rows if r["answer"] is not None),
            total=len(steps),
        ),
    )


@require_POST
def finish(request):
    territory = current_territory(request)
    questionnaire = _questionnaire_or_404(territory)
    state = _state(request)
    if not state or state.get("version") != questionnaire.version:
        messages.info(request, gettext("Commencez le questionnaire ici."))
        return redirect("orientation:start")
    return _finish(request, territory, questionnaire, state)


def _finish(request, territory, questionnaire, state):
    answers, _ = questionnaire.validate(state.get("answers", {}))
    try:
        completed = orientation_complete(
            territory=territory,
            questionnaire=questionnaire,
            answers=answers,
            mode=state.get("mode", Mode.COMPLET),
            site=_counting_site(request, territory),
        )
    except OrientationError as exc:
        messages.error(request, str(exc))
        return redirect("orientation:review")
    # The answers leave the session: the next person at a kiosk starts afresh.
    request.session.pop(STATE, None)
    return redirect("orientation:result", code=completed.result.code)


# --- results -------------------------------------------------------------------------------------
def _result_or_404(request, code: str) -> OrientationResult:
    territory = current_territory(request)
    result = result_by_code(code, territory)
    if result is None:
        raise Http404("Aucun résultat ne correspond à ce code.")
    return result


def _qr_svg(url: str) -> str:
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(
        scale=4,
        border=2,
        dark="#000",
        light="#fff",
        omitsize=True,
        title=gettext("Code QR"),
        svgclass="qr",
    )
    return mark_safe(svg)  # noqa: S308 - generated by segno from our own URL


def _detail_url(slug: str) -> str:
    try:
        return reverse("catalogue:detail", args=[slug])
    except NoReverseMatch:
        return ""


def _session_url(session) -> str:
    try:
        return reverse("events:session", args=[session.pk])
    except NoReverseMatch:  # the agenda is optional
        return ""


def _result_context(request, result: OrientationResult) -> dict:
    territory = current_territory(request)
    questionnaire = (
        questionnaire_version(territory=territory, version=result.questionnaire_version)
        if (result.summary or {}).get("uncovered")
        else None
    )
    slugs = [r["slug"] for r in result.results]
    excluded_slugs = [item.get("slug") for item in result.excluded if item.get("slug")]
    sheets = metiers_by_slug(territory=territory, slugs=slugs + excluded_slugs)
    sessions = next_sessions(territory=territory, slugs=slugs)
    jobs = []
    for r in result.results:
        session = sessions.get(r["slug"])
        jobs.append(
            {
                **r,
                # the sheet when it still exists (its title in the page's language), else the
                # title saved with the result
                "sheet": sheets.get(r["slug"]) or {"title": r["title"]},
                "url": _detail_url(r["slug"]) if r["slug"] in sheets else "",
                "session": session,
                "session_url": _session_url(session) if session else "",
            }
        )
    summary = result.summary or {}
    commune = (request.GET.get("commune") or "").strip() or None
    if commune and not Commune.objects.filter(territory=territory, insee=commune).exists():
        commune = None
    services = services_for_barriers(
        territory=territory,
        barriers=result.barriers,
        situation=summary.get("situation"),
        commune=commune,
    )
    titles = {r["slug"]: r["title"] for r in result.results}
    barriers = [
        {
            **b,
            "services": services.get(b["thematique"], []),
            "titles": [sheets.get(s) or {"title": titles.get(s, s)} for s in b["metiers"]],
        }
        for b in result.barriers
    ]
    excluded: dict[str, list] = {}
    for item in result.excluded:
        sheet = sheets.get(item.get("slug")) or {"title": item["title"]}
        excluded.setdefault(item["reason"], []).append(sheet)
    url = absolute_url(request=request, path=reverse("orientation:result", args=[result.code]))
    return _context(
        request,
        result=result,
        code=display_code(result.code),
        url=url,
        qr=_qr_svg(url),
        jobs=jobs,
        barriers=barriers,
        excluded=[{"reason": reason, "titles": titles} for reason, titles in excluded.items()],
        criteria=set(result.components),
        resembles=resembles(summary),
        confidence_percent=int(round(100 * summary.get("confidence", 1.0))),
        uncovered=[wish_label(questionnaire, code) for code in summary.get("uncovered", [])],
        national=[
            {**n, "url": rome_fiche_url(n["rome_codes"][0])} for n in summary.get("national", [])
        ],
        passerelles=result.passerelles,
        sites=Site.objects.filter(territory=territory).order_by("name")
        if summary.get("uncovered")
        else [],
    )


def result(request, code: str):
    normalized = normalize_code(code)
    if normalized != code:
        return redirect("orientation:result", code=normalized)
    result = _result_or_404(request, code)
    return render(request, "orientation/result.html", _result_context(request, result))


def result_print(request, code: str):
    result = _result_or_404(request, normalize_code(code))
    return render(request, "orientation/print.html", _result_context(request, result))


@require_POST
def result_email(request, code: str):
    result = _result_or_404(request, normalize_code(code))
    email = (request.POST.get("email") or "").strip()
    target = reverse("orientation:result", args=[result.code])
    try:
        validate_email(email)
    except ValidationError:
        messages.error(
            request,
            gettext(
                "Cette adresse électronique n'est pas valide : vérifiez-la (exemple : prenom@exemple.fr)."
            ),
        )
        return redirect(f"{target}#courriel")
    sent = request.session.get(EMAILS_SENT, 0)
    per_day = 86400
    if (
        sent >= MAX_EMAILS_PER_SESSION
        or not allow(
            "orientation-email-address", fingerprint(email.lower()), limit=3, seconds=per_day
        )
        or not allow("orientation-email-client", client_key(request), limit=10, seconds=per_day)
    ):
        messages.error(
            request, gettext("Plusieurs courriels sont déjà partis : notez plutôt votre code.")
        )
        return redirect(target)
    message = orientation_result_send(
        result=result, email=email, url=absolute_url(request=request, path=target)
    )
    request.session[EMAILS_SENT] = sent + 1
    message.refresh_from_db(fields=["status"])
    if message.status == MessageStatus.SENT:
        text = gettext("Le courriel est parti. Votre adresse est déjà effacée.")
    else:  # waiting for the worker, or for a retry after a failure
        text = gettext(
            "Le courriel est en attente d'envoi : il part dans quelques minutes (nouvel essai "
            "automatique en cas d'échec). Notez aussi votre code. Votre adresse est effacée dès "
            "l'envoi."
        )
    messages.success(request, text)
    return redirect(target)


@require_POST
def result_edit(request, code: str):
    """Start again from the answers of a result (to change a few of them)."""
    territory = current_territory(request)
    result = _result_or_404(request, normalize_code(code))
    questionnaire = _questionnaire_or_404(territory)
    answers, _ = questionnaire.validate(
        {k: v for k, v in result.answers.items() if k in questionnaire.by_id}
    )
    _save(request, {"version": questionnaire.version, "mode": result.mode, "answers": answers})
    return redirect("orientation:review")


def find(request):
    """Reopen results with the code written on the printed sheet."""
    territory = current_territory(request)
    code = request.GET.get("code", "")
    error = None
    if code:
        found = result_by_code(code, territory)
        if found:
            return redirect("orientation:result", code=found.code)
        error = gettext("Aucun résultat ne correspond à ce code. Vérifiez les 8 caractères.")
    return render(
        request,
        "orientation/find.html",
        _context(request, code=code, error=error),
    )
