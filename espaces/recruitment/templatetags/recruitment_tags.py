"""`{% offers_for_metier metier %}` on job sheets and orientation results, and
`{% offers_for_session session %}` on the agenda: the open offers, « 3 postes ouverts chez … »."""

from django import template

from ..selectors import employer_summary, offers_for_rome_codes, offers_for_session

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
