from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import DecimalField
from samverkan.followup.models import Indicator, Value


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX, as the template)"))


class ValueForm(forms.Form):
    indicator = forms.ModelChoiceField(Indicator.objects.all(), label=_("Indicator"))
    area = forms.ChoiceField(label=_("Municipality or area"))
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1950,
        max_value=2100,
        error_messages={"invalid": _("Enter a year, such as 2025.")},
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Value.Gender.choices, initial="T")
    value = DecimalField(
        label=_("Value"),
        max_digits=18,
        decimal_places=4,
        error_messages={"invalid": _("Enter a number, such as 25 or 12.5.")},
    )

    def __init__(self, *args, areas: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = areas
