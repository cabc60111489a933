from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt

from samverkan.accounts.permissions import Role, roles_of
from samverkan.organisation.models import BodyMembership, Membership, current_q
from samverkan.organisation.selectors import cooperation
from samverkan.planning.selectors import todos_for
from samverkan.strategy.selectors import current_plan_version
from samverkan.transparency.cache import public_page


@public_page
def home(request):
    return render(
        request,
        "core/home.html",
        {"cooperation": cooperation(), "version": current_plan_version()},
    )


@login_required
def my_page(request):
    person = getattr(request.user, "person", None)
    memberships = body_memberships = []
    if person is not None:
        memberships = Membership.objects.filter(current_q(), person=person).select_related("group")
        body_memberships = BodyMembership.objects.filter(current_q(), person=person).select_related(
            "body"
        )
    roles = [role for role in Role if role in roles_of(request.user)]
    return render(
        request,
        "core/my_page.html",
        {
            "person": person,
            "memberships": memberships,
            "body_memberships": body_memberships,
            "roles": roles,
            "todos": todos_for(request.user),
        },
    )


# The language switch is a form on every page. Without a CSRF token in it, public pages carry
# no per-visitor secret and can be cached whole; forcing someone's language is harmless.
set_language = csrf_exempt(i18n.set_language)
