"""Two-factor sign-in: a TOTP app (any authenticator) and ten single-use recovery codes.

django-otp keeps the devices; a session is verified once a code has matched
(django_otp.login). The secretariat and administrators must have a confirmed device
(permissions.must_use_second_factor); SecondFactorMiddleware enforces it on every request.
"""

import math
import time
from base64 import b32encode

import segno
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user  # type: ignore[import-untyped]
from django_otp.oath import TOTP  # type: ignore[import-untyped]
from django_otp.plugins.otp_static.models import (  # type: ignore[import-untyped]
    StaticDevice,
    StaticToken,
)
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from samverkan.accounts import permissions
from samverkan.core.audit import audit_log

RECOVERY_CODES = 10


class Throttled(Exception):
    """django-otp refuses to check any code now, after wrong ones (its exponential back-off);
    `seconds` is how long to wait. Not the same as a wrong code: the code was not checked."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds

    def message(self) -> str:
        return ngettext(
            "Too many wrong codes in a row. Wait %(seconds)d second, then type the code "
            "your app shows at that moment. The code you typed was not checked.",
            "Too many wrong codes in a row. Wait %(seconds)d seconds, then type the code "
            "your app shows at that moment. The code you typed was not checked.",
            self.seconds,
        ) % {"seconds": self.seconds}


class CodeUsed(Exception):
    """The app's current code matched but was used already (each works once): wait for the
    next one, at most `seconds` away."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds

    def message(self) -> str:
        return ngettext(
            "This code has already been used; each code works once. Wait until your app "
            "shows a new code (at most %(seconds)d second) and type that.",
            "This code has already been used; each code works once. Wait until your app "
            "shows a new code (at most %(seconds)d seconds) and type that.",
            self.seconds,
        ) % {"seconds": self.seconds}


def _already_used(device: TOTPDevice, token: str) -> int | None:
    """Seconds to the app's next code if `token` is the current code and was used already."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if (
        device.last_t >= 0
        and totp.verify(int(token), device.tolerance)
        and totp.t() <= device.last_t
    ):
        return max(1, math.ceil(device.step - (totp.time - device.t0) % device.step))
    return None


def wait_seconds(device) -> int | None:
    """Seconds until the device checks codes again (verify_is_allowed()), or None if it does."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (data or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, math.ceil((locked_until - timezone.now()).total_seconds()))


def has_second_factor(user: User) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def pending_totp(user: User) -> TOTPDevice:
    """The unconfirmed device being set up (one per user; made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, title=""))


def enable(*, user: User, device: TOTPDevice, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with a code from it; replace earlier devices; new recovery codes."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        seconds = wait_seconds(device)
        if seconds is not None:
            raise ValidationError({"token": Throttled(seconds).message()})
        if not device.verify_token(token.replace(" ", "")):
            raise ValidationError(
                {"token": _("The code does not match. Check the time on your phone and try again.")}
            )
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save()
        codes = _new_recovery_codes(user)
        audit_log(action="samverkan.account.second_factor_enabled", actor=user, obj=user)
    return device, codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def recovery_codes_renew(*, user: User) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit_log(action="samverkan.account.recovery_codes_renewed", actor=user, obj=user)
    return codes


def disable(*, user: User) -> None:
    """Turn two-factor sign-in off; refused for those who must use it."""
    if permissions.must_use_second_factor(user):
        raise ValidationError(_("Your role requires two-factor sign-in."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_log(action="samverkan.account.second_factor_disabled", actor=user, obj=user)


def reset(*, user: User) -> None:
    """For someone who lost both phone and codes (an administrator's command): start over."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_log(action="samverkan.account.second_factor_reset", actor=None, obj=user)


def check(*, user: User, token: str) -> object | None:
    """The device a code from the app (six digits) or a recovery code matches, or None.

    Each kind is asked only for its own kind of code, so a mistyped app code does not count
    against (and throttle) the recovery codes; each device throttles its own failures.
    Raises Throttled when no device of the kind would check the code now, and CodeUsed
    when the app's current code has been used already (a TOTP code works once).
    """
    token = token.replace(" ", "").strip().lower()
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    waits: list[int] = []
    used: int | None = None
    with transaction.atomic():
        for device in kind.objects.filter(user=user, confirmed=True).select_for_update():
            seconds = wait_seconds(device)
            if seconds is not None:
                waits.append(seconds)
                continue
            if device.verify_token(token):
                if kind is StaticDevice:
                    audit_log(action="samverkan.account.recovery_code_used", actor=user, obj=user)
                return device
            if kind is TOTPDevice and (seconds := _already_used(device, token)) is not None:
                used = seconds
    if used is not None:
        raise CodeUsed(used)
    if waits:
        raise Throttled(min(waits))
    return None
