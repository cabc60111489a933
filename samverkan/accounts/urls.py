from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from samverkan.accounts import views

app_name = "accounts"
urlpatterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("inbjudningar/", views.invitations, name="invitations"),
    path("inbjudningar/ny/", views.invite, name="invite"),
    path("inbjudningar/importera/", views.invite_import, name="invite_import"),
    path("inbjudningar/<int:pk>/skicka-igen/", views.invitation_resend, name="resend"),
    path("inbjudningar/<int:pk>/aterkalla/", views.invitation_revoke, name="revoke"),
    path("inbjudan/<str:token>/", views.accept, name="accept"),
    path("lasta-konton/", views.lockouts, name="lockouts"),
    path("lasta-konton/las-upp/", views.unlock, name="unlock"),
    path("mitt-konto/", views.own_account, name="own_account"),
    path("sso/<slug:key>/", views.sso_start, name="sso_start"),
    path("sso/<slug:key>/svar/", views.sso_callback, name="sso_callback"),
    path("saml/<slug:key>/", views.saml_start, name="saml_start"),
    path("saml/<slug:key>/acs/", views.saml_acs, name="saml_acs"),
    path("saml/<slug:key>/metadata/", views.saml_metadata, name="saml_metadata"),
    path("tvastegs/", views.mfa_setup, name="mfa_setup"),
    path("tvastegs/verifiera/", views.mfa_verify, name="mfa_verify"),
    path("tvastegs/nya-koder/", views.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("tvastegs/stang-av/", views.mfa_disable, name="mfa_disable"),
    path(
        "losenord/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "aterstall/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/mail/password_reset.txt",
            subject_template_name="accounts/mail/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
