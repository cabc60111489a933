from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 1_000_000


class SetupForm(forms.Form):
    file = forms.FileField(
        label=_("Set-up file (YAML)"),
        required=False,
        help_text=_("Or paste its content below."),
    )
    content = forms.CharField(
        label=_("Content of the set-up file"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "code"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_BYTES:
                raise ValidationError({"file": _("The file is larger than 1 MB.")})
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationError(
                    {"file": _("The file is not text in UTF-8; save it as UTF-8 and try again.")}
                ) from None
            data["source"] = upload.name
        elif (data.get("content") or "").strip():
            data["text"], data["source"] = data["content"], _("pasted in the form")
        else:
            raise ValidationError(_("Choose a file or paste its content."))
        return data
