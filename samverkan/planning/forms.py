from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import (
    DATE_MESSAGES,
    NUMBER_MESSAGES,
    DateInput,
    decimal_formfield,
)
from samverkan.organisation.models import Membership, Municipality, Person, current_q
from samverkan.planning.models import (
    Activity,
    ActivityResult,
    AnnualReport,
    Fulfilment,
    Goal,
    PlanningYear,
    PlanVersion,
    ReportActivity,
    ReportGoal,
    ReportPriority,
)
from samverkan.planning.selectors.wording import Section
from samverkan.strategy.models import Objective, PriorityCommitment


def _word_fields(form: forms.BaseForm, wording: dict[str, Section], fields: dict[str, str]) -> None:
    """Each section's field takes the template's heading as its label and the guidance as its
    help, which Django links to the field with aria-describedby."""
    for name, key in fields.items():
        if name in form.fields:
            form.fields[name].label = wording[key].heading
            form.fields[name].help_text = wording[key].guidance


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


class WheelForm(forms.ModelForm):
    """The dates of one year's wheel; every deadline derives from them."""

    class Meta:
        model = PlanningYear
        fields = [
            "plans_due",
            "anchoring_due",
            "approval_meeting_on",
            "reports_due",
            "plan_review_on",
        ]
        widgets = {name: DateInput() for name in fields}
        error_messages = {
            name: {**DATE_MESSAGES, "required": _("Give the date.")} for name in fields
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

    def __init__(self, *args, wording: dict[str, Section], **kwargs):
        super().__init__(*args, **kwargs)
        commitments = cast(forms.ModelMultipleChoiceField, self.fields["priority_commitments"])
        commitments.label_from_instance = lambda pc: (  # type: ignore[method-assign,assignment]
            f"{pc.area.name} – {pc.commitment.code} {pc.wording}"
        )
        _word_fields(
            self,
            wording,
            {
                "field_of_work": "field_of_work",
                "purpose": "purpose",
                "priority_commitments": "priorities",
            },
        )
        if not self.instance.is_revision:
            for name in ("revision_when", "revision_how", "revision_why"):
                del self.fields[name]
        elif wording["revision"].guidance:
            for name in ("revision_when", "revision_how", "revision_why"):
                # The section's guidance above the three fields, as plan_edit.html names it.
                self.fields[name].widget.attrs["aria-describedby"] = "revision-guidance"


class GoalForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Goal
        formfield_callback = decimal_formfield
        fields = [
            "statement",
            "parent",
            "is_long_term",
            "indicator",
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
        parents = Goal.objects.filter(version=version, parent__isnull=True, is_long_term=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        parent.queryset = parents
        parent.label = _("Sub-goal of (for long-term goals)")
        parent.empty_label = _("— none, this is a goal of its own —")
        self.year = version.plan.year.year

    def clean(self):
        cleaned = super().clean()
        deadline = cleaned.get("deadline")
        if (
            deadline
            and deadline.year != self.year
            and not cleaned.get("deadline_reason", "").strip()
        ):
            # Said here as well as in the service, so every problem shows in one round.
            self.add_error("deadline", _("The date is outside %(year)s.") % {"year": self.year})
            self.add_error(
                "deadline_reason",
                _("The deadline is outside %(year)s: say why, or choose a date in the year.")
                % {"year": self.year},
            )
        return cleaned


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
        responsible = cast(forms.ModelChoiceField, self.fields["responsible"])
        responsible.queryset = members
        # Replacing the method on this one field instance is deliberate; mypy allows no
        # assignment to a method, so it is told this once.
        responsible.label_from_instance = lambda p: f"{p} ({p.municipality.name})"  # type: ignore[method-assign,assignment]
        goals = cast(forms.ModelMultipleChoiceField, self.fields["goals"])
        goals.queryset = Goal.objects.filter(version=version)
        goals.required = False


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnchorForm(forms.Form):
    manager = forms.CharField(
        label=_("Your nearest manager (name and title)"), required=False, max_length=200
    )


# --- Annual reports -----------------------------------------------------------------------


class ReportForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AnnualReport
        fields = ["summary", "revisions", "meetings", "network_activities", "municipalities"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "revisions": forms.Textarea(attrs={"rows": 4}),
            "network_activities": forms.Textarea(attrs={"rows": 5}),
            "municipalities": forms.CheckboxSelectMultiple,
            "meetings": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        error_messages = {
            "meetings": {
                "invalid": _("Enter the number of meetings as a whole number, such as 6.")
            },
        }

    def __init__(self, *args, wording: dict[str, Section], **kwargs):
        super().__init__(*args, **kwargs)
        light = self.instance.is_light
        drop = (
            ["summary", "revisions"]
            if light
            else ["meetings", "network_activities", "municipalities"]
        )
        for name in drop:
            del self.fields[name]
        _word_fields(self, wording, {name: name for name in self.fields if name in wording})
        if light:
            municipalities = cast(forms.ModelMultipleChoiceField, self.fields["municipalities"])
            municipalities.queryset = Municipality.objects.members_in(self.instance.year.year)


class ReportGoalForm(forms.ModelForm):
    class Meta:
        model = ReportGoal
        formfield_callback = decimal_formfield
        fields = ["value_reached", "fulfilment", "comment", "reason"]
        widgets = {
            "fulfilment": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
            "value_reached": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        error_messages = {"value_reached": NUMBER_MESSAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fulfilment"].choices = Fulfilment.choices
        self.fields["fulfilment"].required = False
        if not self.instance.is_measurable:
            self.fields["value_reached"].help_text = _("Not measurable in the plan.")


class ReportActivityForm(forms.ModelForm):
    class Meta:
        model = ReportActivity
        fields = ["result", "result_text", "reason"]
        widgets = {
            "result": forms.RadioSelect,
            "result_text": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = ActivityResult.choices
        self.fields["result"].required = False


class ReportPriorityForm(forms.ModelForm):
    class Meta:
        model = ReportPriority
        fields = ["touched", "what_was_done"]
        widgets = {"what_was_done": forms.Textarea(attrs={"rows": 2})}


ReportGoalFormSet = forms.modelformset_factory(ReportGoal, form=ReportGoalForm, extra=0)
ReportActivityFormSet = forms.modelformset_factory(ReportActivity, form=ReportActivityForm, extra=0)
ReportPriorityFormSet = forms.modelformset_factory(ReportPriority, form=ReportPriorityForm, extra=0)
