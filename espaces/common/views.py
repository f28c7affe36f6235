"""The language switcher: plain links (GET /langue/<code>/?suivant=<path>), so that no page
carries a form and its CSRF token only to change the language, and public pages stay
cacheable (espaces/ops/page_cache.py)."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def switch_language(request, code: str):
    if code not in dict(settings.LANGUAGES):
        raise Http404("Langue inconnue.")
    target = request.GET.get("suivant", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_safe
def about(request):
    """« À propos » : the operation in a few lines (pack `visibility.operation`), its aims, its
    results (the public figures of the statistics read path, disclosure control included) and
    the EU's support where the territory's budget declares an EU fund (docs/eu-visibility.md)."""
    from django.shortcuts import render

    from espaces.stats.budget import eu_funding
    from espaces.stats.public import public_impact
    from espaces.stats.selectors import StatsFilter
    from espaces.territories.views import current_territory

    territory = current_territory(request)
    impact = public_impact(territory=territory)
    from espaces.common.numbers import fr_amount

    results = [
        (item["label"], fr_amount(item["value"]))
        for item in impact["headline"][:5]
        if item["value"]  # withheld (under k) or zero: not shown
    ]
    period: StatsFilter = impact["filters"]
    return render(
        request,
        "common/about.html",
        {
            "eu": eu_funding(territory=territory) if territory.eu_cofunded else None,
            "operation": (territory.eu_visibility or {}).get("operation") or {},
            "results": results,
            "results_period": period.label() if results else "",
        },
    )
