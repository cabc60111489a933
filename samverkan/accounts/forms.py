from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Group, Municipality, Person
from samverkan.organisation.selectors import group_list


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.filter(is_member=True)
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"invalid": _("Enter an e-mail address such as namn@kommun.se.")},
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        # Kind, then name: the order the organisation pages list the groups in.
        queryset=group_list().filter(status=Group.Status.ACTIVE),
        required=False,
        help_text=_("The person becomes a member of the group from today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Under a heading per kind (networks, projects, working groups), as the organisation
        # shows them; the field still checks the choice against its queryset.
        field = self.fields["group"]
        by_kind: dict[str, list[tuple[int, str]]] = {}
        for group in field.queryset:
            by_kind.setdefault(group.get_kind_display(), []).append((group.pk, group.name))
        field.choices = [("", "---------"), *by_kind.items()]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of people (CSV or XLSX)"),
        help_text=_("Columns: namn, kommun, titel, e-post, grupp."),
    )


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            try:
                password_validation.validate_password(one, self.user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class OwnDetailsForm(forms.ModelForm):
    """The model's own validators, as in the admin: phones and e-mail as Swedes write them."""

    class Meta:
        model = Person
        fields = ["title", "phone", "email"]


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
