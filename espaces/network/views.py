from django.shortcuts import render

from .forms import PeriodForm
from .selectors import INDICATORS, cached_network_stats


def network_page(request):
    """Public page: the anonymous indicators of every territory, side by side."""
    form = PeriodForm(request.GET if request.GET else None)
    stats = None
    if form.is_bound:
        if form.is_valid():
            stats = cached_network_stats(
                date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"]
            )
    else:
        stats = cached_network_stats()
    status = 200 if stats is not None else 400
    return render(
        request,
        "network/public/stats.html",
        {"form": form, "stats": stats, "indicators": INDICATORS},
        status=status,
    )
