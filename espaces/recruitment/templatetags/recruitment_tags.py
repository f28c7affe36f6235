"""`{% offers_for_metier metier %}` on job sheets and orientation results, and
`{% offers_for_session session %}` on the agenda: the open offers, « 3 postes ouverts chez … »."""

from django import template

from ..selectors import (
    employer_summary,
    offers_by_code,
    offers_for_rome_codes,
    offers_for_session,
)

register = template.Library()


@register.inclusion_tag("recruitment/components/offers_for_metier.html")
def offers_for_metier(metier, compact=False):
    """Open offers sharing a ROME code with the sheet; nothing when it is not a saved sheet.
    `compact`: one paragraph (inside an orientation result) instead of a section."""
    territory_id = getattr(metier, "territory_id", None)
    if territory_id is None:
        return {"summary": []}
    codes = list(metier.rome_codes)
    offers = offers_for_rome_codes(territory_id=territory_id, codes=codes, metier=metier)
    return {"summary": employer_summary(offers), "rome": codes, "compact": compact}


@register.inclusion_tag("recruitment/components/offers_for_session.html")
def session_offers(session):
    return {"offers": offers_for_session(session=session) if session is not None else []}


@register.simple_tag(takes_context=True)
def open_offers_for_jobs(context, jobs):
    """Once per orientation result page (one query): {ROME code: [open offers]} for the codes
    of every job proposed; `job_offers` then reads it for each job."""
    request = context.get("request")
    territory = getattr(request, "territory", None)
    codes = {code for job in jobs or [] for code in (job.get("rome_codes") or [])}
    if territory is None or not codes:
        return {}
    return offers_by_code(territory_id=territory.pk, codes=codes)


@register.inclusion_tag("recruitment/components/offers_for_metier.html")
def job_offers(by_code, job):
    codes = list(job.get("rome_codes") or [])
    offers = {o.pk: o for code in codes for o in by_code.get(code, [])}
    return {"summary": employer_summary(list(offers.values())), "rome": codes, "compact": True}
