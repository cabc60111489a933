from django.urls import path

from samverkan.transparency.views import organisation as views

app_name = "organisation"
urlpatterns = [
    path("", views.organisation, name="chart"),
    path("grupper/", views.group_list, name="groups"),
    path("grupper/<slug:slug>/", views.group_detail, name="group"),
    path("organ/<str:kind>/", views.body_detail, name="body"),
    path("kommuner/", views.municipality_list, name="municipalities"),
    path("kommuner/<str:code>/", views.municipality_detail, name="municipality"),
]
