from django.contrib import admin

from .models import EventType, Registration, School, Session


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "default_capacity", "waitlist_enabled", "territory"]
    list_filter = ["territory", "kind"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    """Staff add collèges here (or from the team pages of the agenda)."""

    list_display = ["name", "uai", "kind", "commune", "territory"]
    list_filter = ["territory", "kind"]
    search_fields = ["name", "uai"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["status", "attendance", "seats", "public_category", "school", "channel"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False  # seats are taken through the agenda pages, which enforce capacity


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Read-mostly: sessions are created and changed from the agenda's team pages, which
    enforce capacity and tell the people registered."""

    list_display = ["__str__", "event_type", "site", "capacity", "status", "territory"]
    list_filter = ["territory", "status", "event_type", "site"]
    date_hierarchy = "start"
    inlines = [RegistrationInline]
    filter_horizontal = ["partners", "metiers", "facilitators"]

    def get_readonly_fields(self, request, obj=None):
        return ["capacity", "status", "cancelled_at"] if obj else ["status", "cancelled_at"]
