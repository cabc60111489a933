"""Forms of the interim follow-up: the report's own text and the state of each activity.

Kept apart from forms.py (the plans' and annual reports' forms) as its own sub-domain.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.planning.models import ActivityState, InterimActivity, InterimReport


class InterimReportForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = InterimReport
        fields = ["situation", "attention"]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 5}),
            "attention": forms.Textarea(attrs={"rows": 4}),
        }


class InterimActivityForm(forms.ModelForm):
    class Meta:
        model = InterimActivity
        fields = ["state", "comment"]
        widgets = {
            "state": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"state": _("How it stands")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons without the empty "---------" choice; a draft may leave it unanswered.
        self.fields["state"].choices = ActivityState.choices
        self.fields["state"].required = False


InterimActivityFormSet = forms.modelformset_factory(
    InterimActivity, form=InterimActivityForm, extra=0
)
