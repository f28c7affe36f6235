"""The coordinators' page of the message queue: counts, waiting messages, dead letters."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from espaces.accounts.enums import Role
from espaces.territories.views import current_territory

from .enums import MessageStatus
from .selectors import dead_messages, masked_recipient, message_for, queue_counts, waiting_messages
from .services import message_abandon, message_retry


def coordination_required(view):
    """Anonymous → login; anyone but the coordinators (and admins) of this territory → 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        territory = current_territory(request)
        user = request.user
        if not user.has_role(Role.ADMIN, Role.COORDINATOR) or user.territory_id != territory.pk:
            raise PermissionDenied("Réservé à la coordination du territoire.")
        request.staff_territory = territory
        return view(request, *args, **kwargs)

    return wrapper


def _rows(queryset):
    return [{"message": m, "recipient": masked_recipient(m)} for m in queryset]


@coordination_required
@require_http_methods(["GET", "POST"])
def queue_view(request):
    territory = request.staff_territory
    if request.method == "POST":
        message = message_for(territory=territory, pk=request.POST.get("message") or 0)
        action = request.POST.get("action")
        if message is None or action not in ("retry", "abandon"):
            messages.error(request, gettext("Ce message n'existe pas dans votre territoire."))
        elif action == "retry":
            if message_retry(message=message):
                messages.success(
                    request,
                    gettext("Le message n° %(pk)s est remis en file d'envoi.") % {"pk": message.pk},
                )
            else:
                messages.error(
                    request,
                    gettext(
                        "Le message n° %(pk)s ne peut plus être réessayé (déjà envoyé, abandonné "
                        "ou adresse effacée)."
                    )
                    % {"pk": message.pk},
                )
        elif message_abandon(message=message):
            messages.success(
                request,
                gettext("Le message n° %(pk)s est abandonné ; son adresse est effacée.")
                % {"pk": message.pk},
            )
        else:
            messages.error(
                request,
                gettext("Le message n° %(pk)s ne peut plus être abandonné (déjà envoyé).")
                % {"pk": message.pk},
            )
        return redirect("messaging:queue")
    page = Paginator(dead_messages(territory=territory), 50).get_page(request.GET.get("page"))
    counts = queue_counts(territory=territory)
    return render(
        request,
        "messaging/staff/queue.html",
        {
            "counts": [(label, counts[value], value) for value, label in MessageStatus.choices],
            "page": page,
            "dead": _rows(page.object_list),
            "waiting": _rows(waiting_messages(territory=territory)[:50]),
            "waiting_count": counts[MessageStatus.QUEUED]
            + counts[MessageStatus.SENDING]
            + counts[MessageStatus.FAILED],
        },
    )
