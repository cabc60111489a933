from django.core.exceptions import ValidationError


def attach_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field where it names one the form
    has, otherwise above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
