from django import template

from ..selectors import referrals_for_desk

register = template.Library()


@register.inclusion_tag("pros/staff/_desk_referrals.html")
def desk_inbound_referrals(site):
    """On the mediators' desk: the referrals received for this Espace and not yet handled."""
    if site is None:
        return {"referrals": [], "site": None}
    return {"referrals": referrals_for_desk(site=site), "site": site}
