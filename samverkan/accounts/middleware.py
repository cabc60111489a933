"""Two-factor sign-in enforced on the server, on every request after the password."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from samverkan.accounts import permissions
from samverkan.accounts.second_factor import has_second_factor

# What a signed-in person may reach before the second factor: the two steps themselves,
# signing out, the language switch, the accessibility statement and the static files.
_OPEN_NAMES = (
    "accounts:mfa_setup",
    "accounts:mfa_verify",
    "accounts:logout",
    "set_language",
    "transparency:accessibility",
)


def second_factor_step(user) -> str | None:
    """The page a signed-in person must pass before anything else, or None.

    accounts:mfa_verify for an unverified session with a device; accounts:mfa_setup for one
    whose role requires two factors and has none. Until then only those pages, signing out
    and the language switch can be reached (the menu shows nothing else either).
    """
    if user is None or not user.is_authenticated:
        return None
    is_verified = getattr(user, "is_verified", None)
    if is_verified is None or is_verified():
        return None
    if has_second_factor(user):
        return "accounts:mfa_verify"
    if permissions.must_use_second_factor(user):
        return "accounts:mfa_setup"
    return None


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: an unverified session that has a device goes to the
    code page; one whose role requires two factors and has none goes to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = second_factor_step(getattr(request, "user", None))
        if target is not None:
            path = request.path_info
            open_paths = {reverse(name) for name in _OPEN_NAMES}
            if path not in open_paths and not path.startswith("/" + settings.STATIC_URL):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
