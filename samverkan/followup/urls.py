from django.urls import path

from samverkan.followup import views

app_name = "followup"
urlpatterns = [
    path("vision/", views.vision, name="vision"),
    path("indikatorer/<slug:slug>/", views.indicator, name="indicator"),
    path("hantera/", views.manage, name="manage"),
    path("hantera/kolada/", views.kolada_sync, name="kolada_sync"),
    path("hantera/mall.<str:fmt>", views.template, name="template"),
]
