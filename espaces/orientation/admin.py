"""Read-only views of the orientation data: questionnaires come from packs, results and counts
from the public pages; nobody edits them by hand."""

from django.contrib import admin

from .models import OrientationCompletion, OrientationResult, Questionnaire


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdmin):
    list_display = ["title", "version", "is_current", "territory", "updated_at"]
    list_filter = ["territory", "is_current"]


@admin.register(OrientationResult)
class OrientationResultAdmin(ReadOnlyAdmin):
    list_display = ["pretty_code", "territory", "mode", "questionnaire_version", "created_at"]
    list_filter = ["territory", "mode"]
    search_fields = ["code"]


@admin.register(OrientationCompletion)
class OrientationCompletionAdmin(ReadOnlyAdmin):
    list_display = ["date", "place", "mode", "territory"]
    list_filter = ["territory", "mode", "site"]
    date_hierarchy = "date"
