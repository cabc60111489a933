"""Writing to the audit log. Services call `audit_log` inside their transaction."""

from typing import Any

from django.db import models

from samverkan.core.models import AuditEntry


def audit_log(
    *,
    action: str,
    actor: Any,
    obj: models.Model,
    changes: dict | None = None,
    comment: str = "",
) -> AuditEntry:
    """Record `action` (dotted, e.g. samverkan.membership.created) on `obj`."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        comment=comment,
    )
