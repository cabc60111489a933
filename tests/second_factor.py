"""Test helpers for two-factor sign-in.

The secretariat and administrators must pass a second factor (accounts/middleware.py); the
tests sign them in with Client.login/force_login. `second_factor_done` gives the user a TOTP
device and marks the client's session as verified with it, as django_otp.login does after
a right code. conftest applies it after every sign-in of such a user, unless the test is
marked `real_second_factor` (tests/test_second_factor.py goes through the real steps).
"""

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.accounts.permissions import must_use_second_factor


def totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """What the app would show now; forgets the last used step so the code can be reused."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def second_factor_done(client, user=None) -> None:
    session = client.session
    if user is None:
        user_id = session.get("_auth_user_id")
        if user_id is None:
            return
        user = get_user_model().objects.get(pk=user_id)
    if not must_use_second_factor(user):
        return
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
