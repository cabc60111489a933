"""Reads for the council's documents."""

from django.db.models import QuerySet
from django.utils import timezone

from samverkan.planning.models import PlanningYear


def followed_up_years() -> QuerySet[PlanningYear]:
    """Planning years that have begun, newest first. A year is followed up once it is under
    way; next year's plans may already be open, but its follow-up would show this year's
    figures under next year's title."""
    return PlanningYear.objects.filter(year__lte=timezone.localdate().year).order_by("-year")
