from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

municipality_code_validator = RegexValidator(
    r"^\d{4}$",
    _("A municipality code has exactly four digits, such as 0180 for Stockholm."),
)

# Swedish numbers as civil servants write them: 090-16 10 00, 070-123 45 67, +46 90 16 10 00.
phone_validator = RegexValidator(
    r"^(\+46 ?|0)[1-9][0-9 \-]{5,14}[0-9]$",
    _("Enter a Swedish phone number such as 090-16 10 00 or +46 90 16 10 00."),
)
