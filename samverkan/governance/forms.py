from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import DATE_MESSAGES, DateInput
from samverkan.governance.models import (
    Adoption,
    AgendaItem,
    Assignment,
    BoardMeeting,
    Decision,
    Matter,
    Meeting,
)
from samverkan.organisation.models import Group, Municipality
from samverkan.strategy.models import Objective, PlanVersion


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["title", "description", "group", "to_secretariat", "given_on", "due"]
        widgets = {
            "given_on": DateInput(),
            "due": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"given_on": DATE_MESSAGES, "due": DATE_MESSAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(status=Group.Status.ACTIVE)


class AssignmentUpdateForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["status", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 2})}


class MatterForm(forms.ModelForm):
    class Meta:
        model = Matter
        fields = ["group", "kind", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, groups=None, allow_summons=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.none()
        if not allow_summons:
            self.fields["kind"].choices = [
                c for c in Matter.Kind.choices if c[0] != Matter.Kind.SUMMONS
            ]


class MatterDecisionForm(forms.Form):
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(
        label=_("Decided on"), widget=DateInput(), error_messages=DATE_MESSAGES
    )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "starts_at", "ends_at", "place"]
        widgets = {
            "date": DateInput(),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "date": DATE_MESSAGES,
            "starts_at": {"invalid": _("Write the time as hours and minutes, such as 13:00.")},
            "ends_at": {"invalid": _("Write the time as hours and minutes, such as 16:30.")},
        }


class DecisionForm(forms.ModelForm):
    valid_from = forms.DateField(
        label=_("Valid from (for an adopted plan)"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_MESSAGES,
    )

    class Meta:
        model = Decision
        fields = [
            "reference",
            "kind",
            "title",
            "text",
            "plan_version",
            "concerns_municipalities",
            "matters",
            "assignments",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "matters": forms.CheckboxSelectMultiple,
            "assignments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matters"].queryset = Matter.objects.exclude(status=Matter.Status.WITHDRAWN)
        self.fields["assignments"].queryset = Assignment.objects.exclude(
            status=Assignment.Status.CANCELLED
        )
        self.fields["plan_version"].queryset = PlanVersion.objects.filter(
            decision_date__isnull=True
        )
        self.fields["plan_version"].required = False


class AdoptionForm(forms.ModelForm):
    """One municipality's track of a council decision."""

    # Declared to say that an address typed without a scheme is https (Django 6's default).
    minutes_url = forms.URLField(
        label=capfirst(Adoption._meta.get_field("minutes_url").verbose_name),
        max_length=Adoption._meta.get_field("minutes_url").max_length,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={
            "invalid": _("Enter a full web address, such as https://kommun.se/protokoll.")
        },
    )

    class Meta:
        model = Adoption
        fields = [
            "sent_on",
            "agenda_on",
            "agenda_body",
            "status",
            "decided_on",
            "reference",
            "paragraph",
            "minutes_url",
            "changes_made",
        ]
        widgets = {
            "sent_on": DateInput(),
            "agenda_on": DateInput(),
            "decided_on": DateInput(),
            "changes_made": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "sent_on": DATE_MESSAGES,
            "agenda_on": DATE_MESSAGES,
            "decided_on": DATE_MESSAGES,
        }
        help_texts = {
            "changes_made": _("Only when the municipality adopted it with changes."),
        }


class GroupFormForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Group.Kind.choices)
    objectives = forms.ModelMultipleChoiceField(
        Objective.objects.order_by("number"),
        label=_("Objectives"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    field_of_work = forms.CharField(
        label=_("Field of work"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WindDownForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput(), error_messages=DATE_MESSAGES)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ConvertForm(forms.Form):
    name = forms.CharField(label=_("Name of the network"), max_length=200)
    on = forms.DateField(label=_("From"), widget=DateInput(), error_messages=DATE_MESSAGES)


class BoardMeetingForm(forms.ModelForm):
    class Meta:
        model = BoardMeeting
        fields = ["municipality", "body", "date"]
        widgets = {"date": DateInput()}
        error_messages = {
            "date": {**DATE_MESSAGES, "required": _("Give the date of the meeting.")},
            "body": {"required": _("Name the board, for example the municipal executive board.")},
            "municipality": {"required": _("Choose the municipality.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_member=True)


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "matter", "assignment"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": _("Give the item a title.")}}


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "minutes_approved_on", "minutes_approved_by"]
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "minutes_approved_on": DateInput(),
        }
        error_messages = {"minutes_approved_on": DATE_MESSAGES}
        help_texts = {
            "minutes_approved_on": _(
                "Leave empty while the minutes are a draft. Once given, the minutes are public "
                "and can no longer be changed."
            )
        }
