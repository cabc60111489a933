from django.contrib import admin

from samverkan.accounts.permissions import can_view_audit_log
from samverkan.backoffice.site import admin_site
from samverkan.core.models import AuditEntry


@admin.register(AuditEntry, site=admin_site)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: an audit log that can be edited is not an audit log."""

    list_display = ["at", "action", "actor", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action", "comment"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_module_permission(self, request) -> bool:
        return can_view_audit_log(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return can_view_audit_log(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
