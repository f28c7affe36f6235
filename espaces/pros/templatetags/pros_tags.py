from django import template

from ..selectors import inbound_referrals_for_team

register = template.Library()


@register.inclusion_tag("pros/staff/_desk_referrals.html")
def desk_inbound_referrals(site):
    """On the mediators' desk: the referrals received for this Espace and not yet handled."""
    if site is None:
        return {"referrals": [], "site": None}
    referrals = list(
        inbound_referrals_for_team(territory=site.territory_id, status="received", site=site)[:5]
    )
    return {"referrals": referrals, "site": site}
