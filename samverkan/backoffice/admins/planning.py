from django.contrib import admin

from samverkan.backoffice.site import OrganisationAdmin, admin_site
from samverkan.planning.models import TemplateWording


@admin.register(TemplateWording, site=admin_site)
class TemplateWordingAdmin(OrganisationAdmin):
    """The cooperation's own headings and guidance of the plan and report templates; a
    section without a row keeps the product's wording."""

    list_display = ["document", "section", "heading"]
    list_filter = ["document"]
    search_fields = ["heading", "guidance"]
    fields = ["document", "section", "heading", "guidance", "heading_en", "guidance_en"]
