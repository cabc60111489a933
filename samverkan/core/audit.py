"""Writing to the audit log. Services call `audit_log` inside their transaction."""

from typing import Any

from django.db import models, transaction

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


def record_save(*, obj: models.Model, actor: Any, changed: list[str] | None = None) -> None:
    """Save a record the administration edits, and log who created or changed what.

    For records whose rules the model's clean() already enforces (the admin has run it):
    writes with a rule of their own have their own service.
    """
    created = obj._state.adding
    with transaction.atomic():
        obj.save()
        audit_log(
            action=f"samverkan.{obj._meta.model_name}.{'created' if created else 'changed'}",
            actor=actor,
            obj=obj,
            # A password, even hashed, is no business of the log's readers.
            changes={
                name: str(getattr(obj, name, ""))
                for name in changed or []
                if "password" not in name
            },
        )


def record_delete(*, obj: models.Model, actor: Any) -> None:
    """Delete a record, logging it first, while its name and key can still be read."""
    with transaction.atomic():
        audit_log(action=f"samverkan.{obj._meta.model_name}.deleted", actor=actor, obj=obj)
        obj.delete()
