"""The Swedish admin where the secretariat keeps the organisation up to date.

Access is decided by samverkan.accounts.permissions, not by Django's is_staff flags and
per-model permissions, so that there is one place that says who may edit what.
"""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.permissions import can_edit_organisation, can_manage_accounts
from samverkan.core.audit import audit_log, record_delete, record_save


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

    # Every write goes through the audited save and delete, inlines (a group's memberships)
    # and the list's bulk delete included.
    def save_model(self, request, obj, form, change) -> None:
        record_save(obj=obj, actor=request.user, changed=form.changed_data)

    def save_related(self, request, form, formsets, change) -> None:
        # Many-to-many fields are set after the record's own save, outside record_save.
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            m2m = [f.name for f in form.instance._meta.many_to_many if f.name in form.changed_data]
            if m2m:
                audit_log(
                    action=f"samverkan.{form.instance._meta.model_name}.changed",
                    actor=request.user,
                    obj=form.instance,
                    changes={name: [str(o) for o in form.cleaned_data[name]] for name in m2m},
                )

    def save_formset(self, request, form, formset, change) -> None:
        # save(commit=False) sets each row's parent and the lists the admin's history reads.
        instances = formset.save(commit=False)
        with transaction.atomic():
            for obj in formset.deleted_objects:
                record_delete(obj=obj, actor=request.user)
            changed = {id(f.instance): f.changed_data for f in formset.forms}
            for obj in instances:
                record_save(obj=obj, actor=request.user, changed=changed.get(id(obj), []))
            formset.save_m2m()

    def delete_model(self, request, obj) -> None:
        record_delete(obj=obj, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for obj in queryset:
                record_delete(obj=obj, actor=request.user)


class AdministratorOnlyAdmin(OrganisationAdmin):
    def _allowed(self, request) -> bool:
        return can_manage_accounts(request.user)


def _inline_allowed(self, request, obj=None) -> bool:
    # Inlines are only reachable through a parent admin that has already checked the role.
    return True


class AllowedInline:
    has_view_permission = has_add_permission = _inline_allowed
    has_change_permission = has_delete_permission = _inline_allowed
