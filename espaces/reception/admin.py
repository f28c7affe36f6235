"""Administration of the anonymous visit log (coordinators). Follow-up files are deliberately
not here: personal data is reached only through the audited staff pages."""

from django.contrib import admin

from espaces.accounts.enums import Role

from .models import Visit, VisitImport, VisitOption


class CoordinationAdmin(admin.ModelAdmin):
    """Coordinators see and change the rows of their territory only."""

    def _allowed(self, request) -> bool:
        return request.user.is_active and request.user.role in (Role.ADMIN, Role.COORDINATOR)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return False  # visits are recorded at the desk, through the API or by import

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.role != Role.ADMIN:
            queryset = queryset.filter(territory_id=request.user.territory_id)
        return queryset


@admin.register(Visit)
class VisitAdmin(CoordinationAdmin):
    list_display = ["date", "time", "site", "public_category", "group_size", "purpose", "source"]
    list_filter = ["site", "source", "public_category", "date"]
    date_hierarchy = "date"
    raw_id_fields = ["commune", "recorded_by", "import_batch"]
    readonly_fields = ["territory", "recorded_by", "source", "import_batch"]
    exclude = ["beneficiary"]


@admin.register(VisitOption)
class VisitOptionAdmin(CoordinationAdmin):
    list_display = ["label", "slug", "kind", "order"]
    list_filter = ["kind"]
    readonly_fields = ["territory", "kind", "slug"]

    def has_delete_permission(self, request, obj=None):
        return False  # old visits keep pointing to their slug


@admin.register(VisitImport)
class VisitImportAdmin(CoordinationAdmin):
    list_display = ["file_name", "created_at", "lines", "visitors"]
    readonly_fields = ["territory", "file_name", "sha256", "lines", "visitors"]

    def has_change_permission(self, request, obj=None):
        return False
