"""« Et si je prenais ce travail ? » — the simulator page (docs/gains.md). Answers are computed
on each request and never stored, unless a mediator attaches one to a consenting person's file."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from espaces.common.charts import bar_chart
from espaces.services.selectors import communes_of
from espaces.territories.views import current_territory

from .aids import Situation, aids_for
from .engine import SimulationInputError, current_month, simulate
from .forms import SimulatorForm
from .selectors import answer_rows, pay_reference
from .services import simulation_attach

CURVE_SHARES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def _metier(territory, slug):
    if not slug:
        return None
    from espaces.catalogue.models import Metier

    return Metier.objects.filter(territory=territory, slug=slug).only("slug", "title").first()


def _file_for(request, territory, pk):
    """The follow-up file a mediator simulates for, or None for everyone else."""
    if not pk or not str(pk).isdigit():
        return None
    from espaces.reception.permissions import can_follow_up
    from espaces.reception.selectors import beneficiaries_for

    if not can_follow_up(request.user) or request.user.territory_id not in (territory.pk, None):
        return None
    return beneficiaries_for(user=request.user, territory=territory).filter(pk=pk).first()


@never_cache
@require_http_methods(["GET", "POST"])
def simulator(request):
    territory = current_territory(request)
    month = current_month()
    communes = list(communes_of(territory=territory))
    metier = _metier(territory, request.GET.get("metier") or request.POST.get("metier"))
    beneficiary = _file_for(
        request, territory, request.GET.get("dossier") or request.POST.get("dossier")
    )
    # The SMIC comes from OpenFisca's parameters: only loaded when a job sheet asks for it.
    reference = pay_reference(territory=territory, metier=metier, month=month) if metier else None
    context = {
        "metier": metier,
        "reference": reference,
        "beneficiary": beneficiary,
        "month": month,
    }
    if request.method == "GET":
        initial = {
            "gross_1": reference.gross_monthly if reference else None,
            "metier": metier.slug if metier else "",
        }
        salary = request.GET.get("salaire", "")
        if salary.replace(".", "", 1).isdigit() and 0 < float(salary) <= 20000:
            initial["gross_1"] = salary
        if communes:
            initial["commune"] = communes[0].insee
        context["form"] = SimulatorForm(communes=communes, initial=initial)
        return render(request, "gains/simulator.html", context)

    form = SimulatorForm(request.POST, communes=communes)
    context["form"] = form
    if form.is_valid():
        salaries = form.salaries()
        curve = [round(salaries[0] * share, 2) for share in CURVE_SHARES]
        try:
            answer = simulate(
                month=month,
                household=form.household(),
                person=form.person(),
                salaries=salaries + curve,
            )
        except SimulationInputError as exc:
            form.add_error(None, str(exc))
        else:
            context.update(_answer_context(form, answer, salaries, curve, territory))
            if beneficiary and request.POST.get("joindre") == "oui":
                if request.POST.get("accord") != "oui":
                    form.add_error(
                        None,
                        _("Cochez l'accord de la personne pour joindre la simulation au dossier."),
                    )
                else:
                    simulation_attach(
                        beneficiary=beneficiary,
                        user=request.user,
                        answer=answer,
                        jobs=len(salaries),
                        metier=metier,
                    )
                    messages.success(request, _("La simulation est jointe au dossier."))
                    return redirect("reception:beneficiary_detail", pk=beneficiary.pk)
    # htmx swaps the page's main content from this same answer, errors included (htmx does not
    # swap a 4xx answer, so it gets a 200).
    failed = "answer" not in context or form.errors
    status = 422 if failed and not request.headers.get("HX-Request") else 200
    return render(request, "gains/simulator.html", context, status=status)


def _answer_context(form, answer, salaries, curve, territory):
    jobs = answer.scenarios[: len(salaries)]
    curve_figures = answer.scenarios[len(salaries) :]
    chart = bar_chart(
        title=_("Ce que vit le foyer chaque mois, selon le salaire brut"),
        description=_(
            "Revenu total du foyer par mois, sans emploi puis pour des salaires allant du mi-temps "
            "au salaire indiqué."
        ),
        items=[{"label": _("Sans emploi"), "value": round(answer.baseline.total), "muted": True}]
        + [
            {
                "label": _("%(gross)s € brut par mois")
                % {"gross": f"{f.gross:,.0f}".replace(",", " ")},
                "value": round(f.total),
            }
            for f in curve_figures
        ],
    )
    data = form.cleaned_data
    situation = Situation(
        age=form.person().age,
        situation=data["situation"],
        children_ages=data["children_ages"],
        couple=data["couple"] == "oui",
        are_daily=float(data.get("are_daily") or 0),
    )
    return {
        "answer": answer,
        "jobs": [
            {"figures": f, "difference": round(f.total - answer.baseline.total, 2)} for f in jobs
        ],
        "rows": answer_rows(answer, jobs=len(salaries)),
        "chart": chart,
        "aids": aids_for(situation, territory=territory, commune=data["commune"]),
    }
