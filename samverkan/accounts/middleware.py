"""Two-factor sign-in enforced on the server, on every request after the password."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from samverkan.accounts import permissions
from samverkan.accounts.second_factor import has_second_factor

# What a signed-in person may reach before the second factor: the two steps themselves,
# signing out, the language switch and the static files.
_OPEN_NAMES = ("accounts:mfa_setup", "accounts:mfa_verify", "accounts:logout", "set_language")


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: an unverified session that has a device goes to the
    code page; one whose role requires two factors and has none goes to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            path = request.path_info
            open_paths = {reverse(name) for name in _OPEN_NAMES}
            if path not in open_paths and not path.startswith("/" + settings.STATIC_URL):
                target = None
                if has_second_factor(user):
                    target = "accounts:mfa_verify"
                elif permissions.must_use_second_factor(user):
                    target = "accounts:mfa_setup"
                if target is not None:
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
