from django.conf import settings
from django.urls import reverse

from samverkan.accounts.middleware import second_factor_step
from samverkan.accounts.permissions import (
    can_edit_organisation,
    can_manage_cycle,
    can_see_contact_details,
    roles_of,
)


def site(request) -> dict:
    user = getattr(request, "user", None)
    # Before the second factor only its own pages open: the menu offers nothing else.
    second_factor_pending = second_factor_step(user) is not None
    return {
        "second_factor_pending": second_factor_pending,
        # Single sign-on buttons for the sign-in and invitation pages: OIDC, then SAML.
        "sso_providers": [
            {"url": reverse("accounts:sso_start", args=[p["key"]]), "name": p["name"]}
            for p in settings.SSO_OIDC_PROVIDERS
        ]
        + [
            {"url": reverse("accounts:saml_start", args=[p["key"]]), "name": p["name"]}
            for p in settings.SSO_SAML_PROVIDERS
        ],
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "AXES_FAILURE_LIMIT": settings.AXES_FAILURE_LIMIT,
        "user_roles": roles_of(user),
        "can_edit_organisation": not second_factor_pending and can_edit_organisation(user),
        "can_see_contact_details": can_see_contact_details(user),
        "can_manage_cycle": not second_factor_pending and can_manage_cycle(user),
    }
