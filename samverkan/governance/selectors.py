"""Reads for assignments, matters and decisions."""

from django.db.models import QuerySet

from samverkan.governance.models import Assignment


def open_assignments() -> QuerySet[Assignment]:
    """Assignments still being worked on, with their group: the desk lists them."""
    return Assignment.objects.exclude(
        status__in=[Assignment.Status.DONE, Assignment.Status.CANCELLED]
    ).select_related("group")
