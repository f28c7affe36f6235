"""Administration of offers (coordinators, their territory only). Offers are never deleted:
they are closed or archived. Candidacies hold personal data and stay out of the admin: they
are reached through the audited staff pages only."""

from django.contrib import admin, messages

from espaces.reception.admin import CoordinationAdmin

from . import services
from .models import Offer, OfferRome


class OfferRomeInline(admin.TabularInline):
    model = OfferRome
    extra = 0


@admin.register(Offer)
class OfferAdmin(CoordinationAdmin):
    list_display = ["title", "employer", "contract", "posts", "status", "closing_on", "source"]
    list_filter = ["status", "contract", "source", "employer"]
    search_fields = ["title", "employer__name", "rome_links__code"]
    raw_id_fields = ["employer", "metier", "sector", "commune", "job_dating", "created_by"]
    readonly_fields = [
        "territory",
        "source",
        "external_id",
        "published_at",
        "closed_at",
        "archived_at",
        "created_by",
    ]
    inlines = [OfferRomeInline]
    actions = ["archive"]

    def has_delete_permission(self, request, obj=None):
        return False  # archived, never deleted: candidacies and figures point to it

    @admin.action(description="Archiver les offres choisies")
    def archive(self, request, queryset):
        for offer in queryset:
            services.offer_archive(offer=offer, user=request.user)
        messages.success(request, f"{queryset.count()} offre(s) archivée(s).")
