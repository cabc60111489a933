"""Invitations, accepting them, and a person's own account: thin views over the services."""

import logging

import django_otp  # type: ignore[import-untyped]
from authlib.integrations.base_client.errors import OAuthError  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from joserfc.errors import JoseError

from samverkan.accounts import imports, lockout, permissions, saml, second_factor, services, sso
from samverkan.accounts.forms import (
    ImportForm,
    InvitationForm,
    OwnDetailsForm,
    SetPasswordForm,
    TokenForm,
)
from samverkan.accounts.models import Invitation
from samverkan.core.forms import attach_errors
from samverkan.core.spreadsheets import read_table


def _require_inviter(request) -> None:
    if not permissions.can_invite_people(request.user):
        raise PermissionDenied


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@login_required
def invitations(request):
    _require_inviter(request)
    rows = Invitation.objects.select_related("person", "person__municipality", "group")[:500]
    return render(request, "accounts/invitations.html", {"invitations": rows, "can_unlock": True})


@login_required
def invite(request):
    _require_inviter(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                data=services.NewPerson(**form.cleaned_data),
                base_url=_base_url(request),
                actor=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:invitations")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "days": settings.INVITATION_VALID_DAYS},
    )


@login_required
def invite_import(request):
    _require_inviter(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[imports.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            people = imports.check_rows(read_table(upload.name, upload.read()))
            count = imports.invite_all(
                people=people, base_url=_base_url(request), actor=request.user
            )
        except imports.ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d invitation has been sent.",
                    "%(count)d invitations have been sent.",
                    count,
                )
                % {"count": count},
            )
            return redirect("accounts:invitations")
    return render(request, "accounts/invite_import.html", {"form": form, "errors": errors})


@require_POST
@login_required
def invitation_resend(request, pk: int):
    _require_inviter(request)
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.invitation_resend(
            invitation=invitation, base_url=_base_url(request), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("A new link has been sent to %(email)s.") % {"email": invitation.email}
        )
    return redirect("accounts:invitations")


@require_POST
@login_required
def invitation_revoke(request, pk: int):
    _require_inviter(request)
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been revoked.") % {"email": invitation.email},
        )
    return redirect("accounts:invitations")


def accept(request, token: str):
    """The link in the invitation: choose a password, and you are signed in."""
    invitation = services.invitation_by_token(token)
    if invitation is None or not invitation.is_usable:
        return render(
            request, "accounts/accept_invalid.html", {"invitation": invitation}, status=410
        )
    account = services.invitation_account(invitation)
    if account is not None:
        return _accept_existing(request, invitation, account, token)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("desk:my_page")
    return render(
        request,
        "accounts/accept.html",
        {"form": form, "invitation": invitation, "username": invitation.email.lower()},
    )


def _accept_existing(request, invitation: Invitation, account, token: str):
    """The address already has an account: the link alone never sets its password; the
    account's owner signs in and accepts, and the person's roles follow the account."""
    signed_in_as_it = request.user.is_authenticated and request.user.pk == account.pk
    if request.method == "POST":
        if not signed_in_as_it:
            services.invitation_refuse_password(
                invitation=invitation, ip_address=lockout.client_ip(request)
            )
            messages.error(
                request,
                _(
                    "The address already belongs to an account, so no password can be chosen "
                    "here. Sign in to that account and open the link again."
                ),
            )
            return redirect("accounts:accept", token)
        try:
            services.invitation_accept_signed_in(invitation=invitation, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The invitation is accepted and linked to your account."))
            return redirect("desk:my_page")
    return render(
        request,
        "accounts/accept_existing.html",
        {
            "invitation": invitation,
            "signed_in_as_it": signed_in_as_it,
            "login_url": reverse("accounts:login") + "?" + urlencode({"next": request.path}),
        },
    )


@login_required
def own_account(request):
    person = getattr(request.user, "person", None)
    form = OwnDetailsForm(request.POST or None, instance=person) if person else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.own_details_update(
                person=person,
                title=form.cleaned_data["title"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                actor=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Your details have been saved."))
            return redirect("accounts:own_account")
    return render(
        request,
        "accounts/own_account.html",
        {
            "form": form,
            "person": person,
            "has_second_factor": second_factor.has_second_factor(request.user),
            "must_use_second_factor": permissions.must_use_second_factor(request.user),
        },
    )


@login_required
def lockouts(request):
    _require_inviter(request)
    return render(
        request,
        "accounts/lockouts.html",
        {"locks": lockout.current_locks(), "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT},
    )


@require_POST
@login_required
def unlock(request):
    _require_inviter(request)
    kind = request.POST.get("kind", "")
    ip_address = request.POST.get("ip_address", "")
    username = request.POST.get("username", "") if kind == lockout.ACCOUNT else ""
    if kind not in (lockout.ACCOUNT, lockout.ADDRESS) or not ip_address:
        raise Http404
    try:
        services.lockout_clear(username=username, ip_address=ip_address, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if username:
            message = _("%(name)s can sign in from %(address)s again.") % {
                "name": username,
                "address": ip_address,
            }
        else:
            message = _("Sign-in from %(address)s is open again.") % {"address": ip_address}
        messages.success(request, message)
    return redirect("accounts:lockouts")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("desk:my_page")


@login_required
def mfa_setup(request):
    """Set up an authenticator app: scan the code, type what the app shows."""
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:mfa_verify')}?next={_next(request)}")
    device = second_factor.pending_totp(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = second_factor.enable(
                user=user, device=device, token=form.cleaned_data["token"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            django_otp.login(request, device)
            return render(
                request, "accounts/mfa_codes.html", {"codes": codes, "next": _next(request)}
            )
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": second_factor.qr_svg(device),
            "secret": second_factor.secret_text(device),
            "required": permissions.must_use_second_factor(user),
            "next": _next(request),
        },
    )


@login_required
def mfa_verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.check(user=request.user, token=form.cleaned_data["token"])
        except (second_factor.Throttled, second_factor.CodeUsed) as refused:
            form.add_error("token", refused.message())
        else:
            if device is not None:
                django_otp.login(request, device)
                return redirect(_next(request))
            form.add_error(
                "token",
                _("The code is wrong or has already been used. Wait for a new code and try again."),
            )
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next(request)})


@require_POST
@login_required
def mfa_recovery_codes(request):
    codes = second_factor.recovery_codes_renew(user=request.user)
    return render(
        request,
        "accounts/mfa_codes.html",
        {"codes": codes, "next": reverse("accounts:own_account")},
    )


@require_POST
@login_required
def mfa_disable(request):
    try:
        second_factor.disable(user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:own_account")


logger = logging.getLogger(__name__)


def sso_start(request, key: str):
    """Off to the identity provider; it sends the person back to sso_callback."""
    provider = sso.provider(key)
    if provider is None:
        raise Http404
    request.session["sso_next"] = _next(request)
    redirect_uri = request.build_absolute_uri(reverse("accounts:sso_callback", args=[key]))
    return sso.client(provider).authorize_redirect(request, redirect_uri)


def sso_callback(request, key: str):
    provider = sso.provider(key)
    if provider is None:
        raise Http404
    try:
        token = sso.client(provider).authorize_access_token(
            request, claims_options=sso.claims_options(provider)
        )
        claims = dict(token.get("userinfo") or {})
        if not claims:
            raise sso.Refused(_("The identity provider sent no identity token."))
        person = sso.person_for(provider, claims)
        user = sso.account_for(provider, person, claims)
    except (OAuthError, JoseError) as exc:
        logger.warning("SSO sign-in via %s failed: %s", key, exc)
        message = _("The sign-in with %(name)s did not go through. Try again.") % {
            "name": provider.name
        }
        return render(request, "accounts/sso_refused.html", {"message": message}, status=400)
    except sso.Refused as refused:
        logger.info("SSO sign-in via %s refused: %s", key, refused)
        return render(request, "accounts/sso_refused.html", {"message": str(refused)}, status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(request.session.pop("sso_next", None) or reverse("desk:my_page"))


def _saml_provider(key: str) -> saml.Provider:
    provider = saml.provider(key)
    if provider is None:
        raise Http404
    return provider


def saml_metadata(request, key: str):
    """Our SP metadata, for the municipality's IdP administrators."""
    xml = saml.metadata_xml(_saml_provider(key), _base_url(request))
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


def saml_start(request, key: str):
    provider = _saml_provider(key)
    try:
        location, browser = saml.start(
            provider,
            _base_url(request),
            _next(request),
            request.COOKIES.get(saml.BROWSER_COOKIE, ""),
        )
    except sso.Refused as refused:
        return render(request, "accounts/sso_refused.html", {"message": str(refused)}, status=403)
    response = redirect(location)
    # The IdP's answer is a cross-site POST: only a SameSite=None cookie comes with it.
    response.set_cookie(
        saml.BROWSER_COOKIE,
        browser,
        max_age=saml.PENDING_MINUTES * 60,
        path=reverse("accounts:saml_start", args=[key]),
        secure=request.is_secure(),
        httponly=True,
        samesite="None",
    )
    return response


@csrf_exempt  # The IdP posts the signed answer from its own site; the signature protects it.
@require_POST
def saml_acs(request, key: str):
    provider = _saml_provider(key)
    try:
        person, issuer, next_url = saml.finish(
            provider,
            _base_url(request),
            request.POST.get("SAMLResponse", ""),
            request.COOKIES.get(saml.BROWSER_COOKIE, ""),
        )
        user = sso.link_account(provider_key=provider.key, issuer=issuer, person=person)
    except sso.Refused as refused:
        logger.info("SAML sign-in via %s refused: %s", key, refused)
        return render(request, "accounts/sso_refused.html", {"message": str(refused)}, status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    return redirect(next_url if next_url and safe else reverse("desk:my_page"))
