from django.urls import include, path

from samverkan.core.admin_site import admin_site

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin_site.urls),
    path("konto/", include("samverkan.accounts.urls")),
    path("organisation/", include("samverkan.organisation.urls")),
    path("verksamhetsplaner/", include("samverkan.planning.urls")),
    path("uppfoljning/", include("samverkan.followup.urls")),
    path("", include("samverkan.governance.urls")),
    path("kansli/", include("samverkan.desk.urls")),
    path("", include("samverkan.strategy.urls")),
    path("", include("samverkan.core.urls")),
]
