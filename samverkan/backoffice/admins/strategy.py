from django.contrib import admin

from samverkan.backoffice.site import AllowedInline, OrganisationAdmin, admin_site
from samverkan.strategy.models import (
    Commitment,
    Framework,
    Objective,
    PlanObjective,
    PlanVersion,
    PriorityArea,
    PriorityCommitment,
    SubObjective,
)


@admin.register(Objective, site=admin_site)
class ObjectiveAdmin(OrganisationAdmin):
    list_display = ["number", "short_title"]


class PlanObjectiveInline(AllowedInline, admin.TabularInline):
    model = PlanObjective
    extra = 0
    show_change_link = True


@admin.register(PlanVersion, site=admin_site)
class PlanVersionAdmin(OrganisationAdmin):
    list_display = ["year", "title", "decided_by", "decision_date", "valid_from"]
    inlines = [PlanObjectiveInline]


class SubObjectiveInline(AllowedInline, admin.TabularInline):
    model = SubObjective
    extra = 1


@admin.register(PlanObjective, site=admin_site)
class PlanObjectiveAdmin(OrganisationAdmin):
    list_display = ["title", "version"]
    inlines = [SubObjectiveInline]


@admin.register(Framework, site=admin_site)
class FrameworkAdmin(OrganisationAdmin):
    list_display = ["name", "year"]


@admin.register(Commitment, site=admin_site)
class CommitmentAdmin(OrganisationAdmin):
    list_display = ["code", "text", "theme"]
    search_fields = ["code", "text", "text_en"]


class PriorityCommitmentInline(AllowedInline, admin.StackedInline):
    model = PriorityCommitment
    extra = 0
    autocomplete_fields = ["commitment"]
    filter_horizontal = ["municipalities"]


@admin.register(PriorityArea, site=admin_site)
class PriorityAreaAdmin(OrganisationAdmin):
    list_display = ["name", "decision_date"]
    inlines = [PriorityCommitmentInline]
