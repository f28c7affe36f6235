"""Editing the catalogue in the Django admin: coordinators see and edit their territory only,
and every change is kept (LogEntry and MetierRevision: who, when, which fields)."""

import json

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import models

from espaces.territories.models import Partner, Project, Sector, Source

from .models import Metier, MetierCondition, MetierProject, MetierRevision, RoleModel, Training
from .services import metier_mark_reviewed, metier_record_revision

SCOPED_MODELS = {Sector, Partner, Project, Source}


def is_coordinator(user) -> bool:
    return bool(user.is_active and (user.is_superuser or getattr(user, "is_coordinator", False)))


class CoordinatorAccess:
    """Coordinators (and admins) may edit the catalogue without per-model permissions."""

    def has_module_permission(self, request):
        return is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_add_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user)


def _scope(request, db_field, kwargs):
    """Limit the choices of a foreign key or many-to-many to the user's territory."""
    model = db_field.related_model
    if model in SCOPED_MODELS and not request.user.is_superuser:
        kwargs["queryset"] = model.objects.filter(territory_id=request.user.territory_id)
    return kwargs


URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ScopedInline(CoordinatorAccess, admin.TabularInline):
    extra = 0
    formfield_overrides = URL_FIELDS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **_scope(request, db_field, kwargs)
        )


class ConditionInline(ScopedInline):
    model = MetierCondition
    fields = ["condition", "order"]


class TrainingInline(ScopedInline):
    model = Training
    fields = ["title", "body", "duration", "level", "funding", "url", "note", "order"]


class ProjectInline(ScopedInline):
    model = MetierProject
    fields = ["project", "note", "order"]


class RoleModelInline(ScopedInline):
    model = RoleModel
    fields = ["name", "text", "illustrative", "order"]


@admin.register(Metier)
class MetierAdmin(CoordinatorAccess, admin.ModelAdmin):
    list_display = ["title", "entry_level", "open_without_diploma", "reviewed_on", "territory"]
    # Sectors offered by the filter are those of the listed sheets (the user's territory).
    list_filter = [
        "entry_level",
        "open_without_diploma",
        ("sectors", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "slug", "keywords"]
    raw_id_fields = ["rome_fiches"]
    formfield_overrides = URL_FIELDS
    filter_horizontal = ["sectors", "employers"]
    inlines = [ConditionInline, TrainingInline, ProjectInline, RoleModelInline]
    actions = ["mark_reviewed"]
    fieldsets = [
        (None, {"fields": ["territory", "slug", "title", "rome_fiches", "sectors"]}),
        (
            "Le métier en langage simple",
            {"fields": ["summary", "day_tasks", "likes", "hard", "keywords"]},
        ),
        (
            "Accès",
            {"fields": ["entry_level", "open_without_diploma", "short_training_months"]},
        ),
        (
            "Salaire de départ (seulement s'il est sourcé)",
            {
                "fields": [
                    "salary_min",
                    "salary_max",
                    "salary_period",
                    "salary_basis",
                    "salary_source",
                    "salary_as_of",
                ]
            },
        ),
        ("Employeurs et relecture", {"fields": ["employers", "reviewed_on"]}),
        (
            "Pour l'équipe (jamais affiché au public)",
            {"fields": ["editor_note", "condition_reasons"]},
        ),
        (
            "Traductions (facultatif)",
            {
                "fields": ["translations"],
                "classes": ["collapse"],
                "description": "Le texte de certains champs dans une autre langue, par exemple "
                '{"en": {"title": "Welder", "day_tasks": ["…"]}}. Champs traduisibles : title, '
                "summary, day_tasks, likes, hard (docs/content.md).",
            },
        ),
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(territory_id=request.user.territory_id)

    def get_list_filter(self, request):
        return (["territory"] if request.user.is_superuser else []) + self.list_filter

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["territory"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **_scope(request, db_field, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **_scope(request, db_field, kwargs)
        )

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and not obj.territory_id:
            obj.territory_id = request.user.territory_id
        super().save_model(request, obj, form, change)

    def _record(self, request, obj, message):
        entry = LogEntry(
            change_message=json.dumps(message) if isinstance(message, list) else message
        )
        fields = []
        for part in message if isinstance(message, list) else []:
            for detail in part.values():
                fields += detail.get("fields", []) or [detail.get("name", "")]
        metier_record_revision(
            metier=obj,
            user=request.user,
            fields=[f for f in fields if f],
            message=entry.get_change_message() or "Aucun champ modifié",
        )

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._record(request, obj, message or [{"added": {}}])
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._record(request, obj, message)
        return entry

    @admin.action(description="Marquer comme relues aujourd'hui")
    def mark_reviewed(self, request, queryset):
        for metier in queryset:
            metier_mark_reviewed(metier=metier, user=request.user)
        self.message_user(request, f"{queryset.count()} fiche(s) marquée(s) comme relue(s).")


@admin.register(MetierRevision)
class MetierRevisionAdmin(CoordinatorAccess, admin.ModelAdmin):
    list_display = ["metier", "created_at", "user", "origin", "message"]
    list_filter = ["origin"]
    readonly_fields = ["metier", "user", "origin", "fields", "message", "created_at"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("metier", "user")
        if request.user.is_superuser:
            return qs
        return qs.filter(metier__territory_id=request.user.territory_id)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
