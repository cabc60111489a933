from django.contrib import admin

from samverkan.accounts.permissions import can_manage_indicators
from samverkan.backoffice.site import AllowedInline, OrganisationAdmin, admin_site
from samverkan.followup.models import Indicator, Target


class IndicatorsAdmin(OrganisationAdmin):
    def _allowed(self, request) -> bool:
        return can_manage_indicators(request.user)


class TargetInline(AllowedInline, admin.TabularInline):
    model = Target
    extra = 1


@admin.register(Indicator, site=admin_site)
class IndicatorAdmin(IndicatorsAdmin):
    list_display = ["title", "kolada_kpi", "source", "rule", "direction"]
    search_fields = ["title", "kolada_kpi"]
    filter_horizontal = ["commitments"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TargetInline]
