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
    list_display = ["name", "slug", "demo_data"]


class FigureInline(admin.TabularInline):
    model = ProjectFigure
    extra = 0


class DateInline(admin.TabularInline):
    model = ProjectDate
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "status", "territory"]
    list_filter = ["territory", "status", "sector"]
    inlines = [FigureInline, DateInline]


for model in (Commune, Partner, Sector, Site, Source):
    admin.site.register(model)
