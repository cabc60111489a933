"""Receivers: axes's lockouts go to the audit log."""

from axes.signals import user_locked_out  # type: ignore[import-untyped]
from django.dispatch import receiver

from samverkan.accounts.services import lockout_record


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    lockout_record(username=username, ip_address=ip_address)
