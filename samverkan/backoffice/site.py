"""The Swedish admin where the secretariat keeps the organisation up to date.

Access is decided by samverkan.accounts.permissions, not by Django's is_staff flags and
per-model permissions, so that there is one place that says who may edit what.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.permissions import can_edit_organisation, can_manage_accounts
from samverkan.core.audit import audit_log


class SamverkanAdminSite(admin.AdminSite):
    site_header = _("samverkan – administration")
    site_title = _("samverkan")
    index_title = _("Keep the organisation up to date")

    def has_permission(self, request) -> bool:
        return can_edit_organisation(request.user)


admin_site = SamverkanAdminSite(name="admin")


class OrganisationAdmin(admin.ModelAdmin):
    """Editable by whoever may edit the organisation; every save goes to the audit log."""

    def _allowed(self, request) -> bool:
        return can_edit_organisation(request.user)

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        label = obj._meta.model_name
        audit_log(
            action=f"samverkan.{label}.{'changed' if change else 'created'}",
            actor=request.user,
            obj=obj,
            changes={name: str(form.cleaned_data.get(name)) for name in form.changed_data},
        )

    def delete_model(self, request, obj) -> None:
        audit_log(action=f"samverkan.{obj._meta.model_name}.deleted", actor=request.user, obj=obj)
        super().delete_model(request, obj)


class AdministratorOnlyAdmin(OrganisationAdmin):
    def _allowed(self, request) -> bool:
        return can_manage_accounts(request.user)


def _inline_allowed(self, request, obj=None) -> bool:
    # Inlines are only reachable through a parent admin that has already checked the role.
    return True


class AllowedInline:
    has_view_permission = has_add_permission = _inline_allowed
    has_change_permission = has_delete_permission = _inline_allowed
