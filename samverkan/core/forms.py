"""Form fields and helpers shared by every app's forms: Swedish numbers and dates, and
service errors shown at their field."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NUMBER_MESSAGES = {
    "invalid": _("Enter a number, such as 25 or 12.5."),
    "max_digits": _("The number is too large."),
    "max_decimal_places": _("Use at most two decimals."),
}
DATE_MESSAGES = {"invalid": _("Enter a date as YYYY-MM-DD, such as 2027-10-01.")}


class DecimalField(forms.DecimalField):
    """Accepts numbers as Swedes write them: 1 080, 1 080,5 and 12,5 as well as 12.5."""

    PLAIN = re.compile(r"^-?\d+(\.\d+)?$")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            value = value.replace(",", ".")
            # Decimal() would take "1e5" or "NaN"; a civil servant means neither.
            if value and not self.PLAIN.match(value):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def decimal_formfield(field, **kwargs):
    if field.get_internal_type() == "DecimalField":
        return field.formfield(form_class=DecimalField, localize=False, **kwargs)
    return field.formfield(**kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def attach_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field where it names one the form
    has, otherwise above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
