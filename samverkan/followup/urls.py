from django.urls import path

from samverkan.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("vision/", views.vision, name="vision"),
    path("indikatorer/<slug:slug>/", views.indicator, name="indicator"),
    path("hantera/", views.manage, name="manage"),
    path("<int:year>/rapport.<str:fmt>", views.council_report, name="council_report"),
    path("hantera/mall.<str:fmt>", views.template, name="template"),
]
