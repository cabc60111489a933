from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samverkan.backoffice.site import AllowedInline, OrganisationAdmin, admin_site
from samverkan.core.audit import record_save
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Cooperation,
    Group,
    Membership,
    Municipality,
    Person,
)
from samverkan.organisation.services import (
    LOGO_MAX_BYTES,
    cooperation_logo_clear,
    cooperation_logo_set,
    logo_check,
)

_LOGO_FIELDS = ["logo", "logo_type", "logo_updated_at"]


class CooperationForm(forms.ModelForm):
    # The logo is stored as bytes: it is uploaded here and checked by the same service the
    # set-up uses, so a file the service refuses is refused at this field.
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG image or an SVG file of at most 512 KB, for the header and documents."),
    )
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean_logo_file(self) -> bytes | None:
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        data = upload.read(LOGO_MAX_BYTES + 1)
        try:
            logo_check(data)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return data


@admin.register(Cooperation, site=admin_site)
class CooperationAdmin(OrganisationAdmin):
    list_display = ["name", "target_population", "target_year"]
    form = CooperationForm
    exclude = _LOGO_FIELDS

    def get_fields(self, request, obj=None):
        # Nothing to remove before there is a logo.
        fields = super().get_fields(request, obj)
        return (
            fields
            if obj is not None and obj.logo_type
            else [name for name in fields if name != "logo_remove"]
        )

    def save_model(self, request, obj, form, change) -> None:
        own = [name for name in form.changed_data if name not in ("logo_file", "logo_remove")]
        with transaction.atomic():
            if own or not change:
                record_save(obj=obj, actor=request.user, changed=own)
            if form.cleaned_data.get("logo_file"):
                cooperation_logo_set(
                    cooperation=obj, data=form.cleaned_data["logo_file"], actor=request.user
                )
            elif form.cleaned_data.get("logo_remove") and obj.logo_type:
                cooperation_logo_clear(cooperation=obj, actor=request.user)


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
