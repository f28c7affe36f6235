"""The Django admin scoped like the back office (docs/security.md, « Administration »).

Every ModelAdmin registered on the default site — including those of apps added later — is
wrapped (`ScopedAdminSite.register`) in `TerritoryScopedAdmin`:

- the accounts that reach the admin (roles admin and coordinator) see and change the rows of
  **their own territory only**: an admin of territory A cannot read B's rows nor attach a row
  to B; an account without territory sees nothing;
- the choices of every foreign key and many-to-many field are limited to that territory;
- a row saved from the admin gets the account's territory, and a row of another territory is
  refused;
- models without a territory (the national ROME referential, technical tables) are read-only,
  for the admin role only.

The validators of the models (group size bounds, date ranges: espaces/common/dates.py) are
the same as those of the forms, and the admin's model forms run them."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import FieldDoesNotExist, PermissionDenied

from espaces.accounts.enums import Role


def territory_path(model) -> str | None:
    """The lookup from `model` to its territory: "territory", "pk" for Territory itself,
    "<fk>__territory" through one foreign key, None for global models."""
    if model._meta.label == "territories.Territory":
        return "pk"
    try:
        model._meta.get_field("territory")
        return "territory"
    except FieldDoesNotExist:
        pass
    for field in model._meta.get_fields():
        if getattr(field, "many_to_one", False) and field.related_model is not None:
            try:
                field.related_model._meta.get_field("territory")
            except FieldDoesNotExist:
                continue
            return f"{field.name}__territory"
    return None


def _scope(queryset, user):
    path = territory_path(queryset.model)
    if path is None:
        return queryset
    if user.territory_id is None:
        return queryset.none()
    return queryset.filter(**{path: user.territory_id})


def _staff(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role in (Role.ADMIN, Role.COORDINATOR)
        and user.territory_id is not None
    )


class TerritoryScopedMixin:
    """Mixed into every ModelAdmin and inline of the site (see the module's docstring)."""

    def _in_scope(self, request) -> bool:
        if not _staff(request.user):
            return False
        if territory_path(self.model) is None:
            return request.user.role == Role.ADMIN  # global tables: the admin role, read-only
        return True

    def _global(self) -> bool:
        return territory_path(self.model) is None

    def has_module_permission(self, request):
        if not hasattr(super(), "has_module_permission"):
            return self._in_scope(request)
        return self._in_scope(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (
            self._in_scope(request)
            and not self._global()
            and super().has_change_permission(request, obj)
        )

    def has_add_permission(self, request, *args):
        return (
            self._in_scope(request)
            and not self._global()
            and super().has_add_permission(request, *args)
        )

    def has_delete_permission(self, request, obj=None):
        return (
            self._in_scope(request)
            and not self._global()
            and super().has_delete_permission(request, obj)
        )

    def get_queryset(self, request):
        return _scope(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _scope(field.queryset, request.user)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _scope(field.queryset, request.user)
        return field

    def save_model(self, request, obj, form, change):
        _check_territory(obj, request.user)
        return super().save_model(request, obj, form, change)

    def get_inline_instances(self, request, obj=None):
        return [_scoped_inline(inline) for inline in super().get_inline_instances(request, obj)]


def _check_territory(obj, user) -> None:
    try:
        obj._meta.get_field("territory")
    except FieldDoesNotExist:
        return
    if obj.territory_id is None:
        obj.territory_id = user.territory_id
    elif obj.territory_id != user.territory_id:
        raise PermissionDenied("Cette ligne appartient à un autre territoire.")


def _scoped_inline(inline):
    if not isinstance(inline, TerritoryScopedMixin):
        inline.__class__ = type(
            f"Scoped{type(inline).__name__}", (TerritoryScopedMixin, type(inline)), {}
        )
    return inline


class ScopedAdminSite(admin.AdminSite):
    site_header = "Espaces 20 000 emplois — administration"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, TerritoryScopedMixin):
            admin_class = type(
                f"Scoped{admin_class.__name__}", (TerritoryScopedMixin, admin_class), {}
            )
        return super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        return _staff(request.user) and request.user.is_staff


class ScopedAdminConfig(AdminConfig):
    default_site = "espaces.common.admin_scope.ScopedAdminSite"
