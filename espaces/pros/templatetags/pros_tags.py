from django import template

from ..selectors import inbound_referrals_for_team

register = template.Library()

# What the desk shows of each referral (templates/pros/staff/_desk_referrals.html).
DESK_FIELDS = ("territory_id", "first_name", "created_at", "organisation__name")


@register.inclusion_tag("pros/staff/_desk_referrals.html")
def desk_inbound_referrals(site):
    """On the mediators' desk: the referrals received for this Espace and not yet handled."""
    if site is None:
        return {"referrals": [], "site": None}
    referrals = list(
        inbound_referrals_for_team(territory=site.territory_id, status="received", site=site)
        .select_related(None)
        .select_related("organisation")
        .only(*DESK_FIELDS)[:5]
    )
    return {"referrals": referrals, "site": site}
