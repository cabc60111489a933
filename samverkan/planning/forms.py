from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Membership, Person, current_q
from samverkan.planning.models import Activity, Goal, PlanningYear, PlanVersion
from samverkan.strategy.models import Objective, PriorityCommitment

NUMBER_MESSAGES = {
    "invalid": _("Enter a number, such as 25 or 12,5."),
    "max_digits": _("The number is too large."),
    "max_decimal_places": _("Use at most two decimals."),
}
DATE_MESSAGES = {"invalid": _("Enter a date as YYYY-MM-DD, such as 2027-10-01.")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanningYearForm(forms.ModelForm):
    class Meta:
        model = PlanningYear
        fields = ["year", "plans_due", "reports_due"]
        widgets = {"plans_due": DateInput(), "reports_due": DateInput()}
        error_messages = {
            "plans_due": DATE_MESSAGES,
            "reports_due": DATE_MESSAGES,
            "year": {"invalid": _("Enter a year, such as 2027.")},
        }


class PlanForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    objectives = forms.ModelMultipleChoiceField(
        Objective.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Objectives the group serves"),
    )
    priority_commitments = forms.ModelMultipleChoiceField(
        PriorityCommitment.objects.select_related("area", "commitment").order_by(
            "area__order", "order"
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Priority areas and commitments the group works on this year"),
    )

    class Meta:
        model = PlanVersion
        fields = [
            "field_of_work",
            "purpose",
            "objectives",
            "priority_commitments",
            "revision_when",
            "revision_how",
            "revision_why",
        ]
        widgets = {
            "field_of_work": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "revision_when": DateInput(),
            "revision_how": forms.Textarea(attrs={"rows": 3}),
            "revision_why": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"revision_when": DATE_MESSAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority_commitments"].label_from_instance = lambda pc: (
            f"{pc.area.name} – {pc.commitment.code} {pc.wording}"
        )
        if not self.instance.is_revision:
            for name in ("revision_when", "revision_how", "revision_why"):
                del self.fields[name]


class GoalForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Goal
        fields = [
            "statement",
            "parent",
            "is_long_term",
            "direction",
            "measure",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "deadline",
            "deadline_reason",
        ]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": DateInput(),
            "deadline": DateInput(),
            "deadline_reason": forms.Textarea(attrs={"rows": 2}),
            "baseline_value": forms.TextInput(attrs={"inputmode": "decimal"}),
            "target_value": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        error_messages = {
            "baseline_value": NUMBER_MESSAGES,
            "target_value": NUMBER_MESSAGES,
            "baseline_date": DATE_MESSAGES,
            "deadline": DATE_MESSAGES,
            "statement": {"required": _("Write the goal in a sentence.")},
        }

    def __init__(self, *args, version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baseline_value"].localize = True
        self.fields["target_value"].localize = True
        parents = Goal.objects.filter(version=version, parent__isnull=True, is_long_term=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label = _("Sub-goal of (for long-term goals)")
        self.fields["parent"].empty_label = _("— none, this is a goal of its own —")


class ActivityForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Activity
        fields = ["what", "how", "when", "responsible", "goals", "status"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2}),
            "how": forms.Textarea(attrs={"rows": 3}),
            "when": DateInput(),
            "goals": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "when": DATE_MESSAGES,
            "what": {"required": _("Say what the activity is.")},
            "responsible": {"invalid_choice": _("Choose a member of the group.")},
        }

    def __init__(self, *args, version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        # Only current members can be responsible; the service checks again on save.
        members = (
            Person.objects.filter(
                memberships__in=Membership.objects.filter(current_q(), group=version.plan.group)
            )
            .select_related("municipality")
            .distinct()
        )
        self.fields["responsible"].queryset = members
        self.fields["responsible"].label_from_instance = lambda p: f"{p} ({p.municipality.name})"
        self.fields["goals"].queryset = Goal.objects.filter(version=version)
        self.fields["goals"].required = False


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnchorForm(forms.Form):
    manager = forms.CharField(
        label=_("Your nearest manager (name and title)"), required=False, max_length=200
    )
