from django.contrib import admin

from samverkan.backoffice.site import AllowedInline, OrganisationAdmin, admin_site
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Cooperation,
    Group,
    Membership,
    Municipality,
    Person,
)


@admin.register(Cooperation, site=admin_site)
class CooperationAdmin(OrganisationAdmin):
    list_display = ["name", "target_population", "target_year"]


@admin.register(Municipality, site=admin_site)
class MunicipalityAdmin(OrganisationAdmin):
    list_display = ["name", "code", "is_member", "member_from", "member_until", "voting"]
    list_filter = ["is_member", "voting"]
    search_fields = ["name", "code"]


class MembershipInline(AllowedInline, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Group, site=admin_site)
class GroupAdmin(OrganisationAdmin):
    list_display = ["name", "kind", "status", "start_year", "end_year"]
    list_filter = ["kind", "status", "objectives"]
    search_fields = ["name", "field_of_work"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["objectives"]
    inlines = [MembershipInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only networks; clean() still explains why anything else is refused.
        if db_field.name == "converted_into":
            kwargs["queryset"] = Group.objects.filter(kind=Group.Kind.NETWORK)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Person, site=admin_site)
class PersonAdmin(OrganisationAdmin):
    list_display = ["last_name", "first_name", "municipality", "title"]
    list_filter = ["municipality"]
    search_fields = ["first_name", "last_name", "email", "title"]
    raw_id_fields = ["user"]


@admin.register(Membership, site=admin_site)
class MembershipAdmin(OrganisationAdmin):
    list_display = ["person", "group", "role", "start", "end"]
    list_filter = ["role", "group"]
    search_fields = ["person__first_name", "person__last_name", "group__name"]
    autocomplete_fields = ["person", "group"]


class BodyMembershipInline(AllowedInline, admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Body, site=admin_site)
class BodyAdmin(OrganisationAdmin):
    list_display = ["name", "kind"]
    inlines = [BodyMembershipInline]
