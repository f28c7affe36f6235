from django.contrib import admin

from .models import (
    Commune,
    Partner,
    Project,
    ProjectDate,
    ProjectFigure,
    Sector,
    Site,
    Source,
    Territory,
)


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "demo_data", "facts_max_age_months"]


class FigureInline(admin.TabularInline):
    model = ProjectFigure
    extra = 0


class DateInline(admin.TabularInline):
    model = ProjectDate
    extra = 0


class HasEditorNote(admin.SimpleListFilter):
    """Facts that carry a staff-only note (what remains to confirm…)."""

    title = "note de l'équipe"
    parameter_name = "note_equipe"

    def lookups(self, request, model_admin):
        return [("oui", "avec une note"), ("non", "sans note")]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.exclude(editor_note="")
        if self.value() == "non":
            return queryset.filter(editor_note="")
        return queryset


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "status", "verified_on", "territory"]
    list_filter = ["territory", "status", "sector", HasEditorNote]
    inlines = [FigureInline, DateInline]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "verified_on", "territory"]
    list_filter = ["territory", HasEditorNote]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "verified_on", "territory"]
    list_filter = ["territory", HasEditorNote]
    search_fields = ["title", "publisher", "url", "slug"]


for model in (Commune, Partner, Sector):
    admin.site.register(model)
