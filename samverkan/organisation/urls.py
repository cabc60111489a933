from django.urls import path

from samverkan.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.organisation, name="chart"),
    path("grupper/", views.group_list, name="groups"),
    path("grupper/<slug:slug>/", views.group_detail, name="group"),
    path("organ/<str:kind>/", views.body_detail, name="body"),
]
