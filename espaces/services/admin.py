from django.contrib import admin

from .models import Service, ServiceReview, Structure


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["nom", "commune", "partner", "verified_on", "source_system", "territory"]
    list_filter = ["territory", "source_system"]
    search_fields = ["nom", "slug", "external_id"]
    filter_horizontal = ["sources"]


class ReviewInline(admin.TabularInline):
    model = ServiceReview
    extra = 0
    fields = ["kind", "origin", "partner", "note", "created_at", "handled_at"]
    readonly_fields = ["created_at"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["nom", "structure", "frais", "last_verified_on", "review_due_on", "territory"]
    list_filter = ["territory", "source_system", "frais", "type"]
    search_fields = ["nom", "slug", "description", "external_id"]
    readonly_fields = ["review_due_on", "review_requested_on"]
    filter_horizontal = ["sources"]
    inlines = [ReviewInline]


@admin.register(ServiceReview)
class ServiceReviewAdmin(admin.ModelAdmin):
    list_display = ["service", "kind", "origin", "partner", "created_at", "handled_at"]
    list_filter = ["territory", "kind", "origin"]
