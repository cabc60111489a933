from django.urls import include, path

from samverkan.backoffice.site import admin_site
from samverkan.core.views import set_language
from samverkan.transparency.api import api

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("", include("samverkan.transparency.urls")),
    path("admin/", admin_site.urls),
    path("installation/", include("samverkan.setup.urls")),
    path("konto/", include("samverkan.accounts.urls")),
    path("organisation/", include("samverkan.transparency.organisation_urls")),
    path("verksamhetsplaner/", include("samverkan.planning.urls")),
    path("uppfoljning/", include("samverkan.council.urls")),
    path("uppfoljning/", include("samverkan.followup.urls")),
    path("", include("samverkan.governance.urls")),
    path("kansli/import/", include("samverkan.wordimport.urls")),
    path("", include("samverkan.desk.urls")),
    path("", include("samverkan.follow.urls")),
    path("", include("samverkan.strategy.urls")),
]
