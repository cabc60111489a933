from django.urls import path

from samverkan.strategy import views

app_name = "strategy"
urlpatterns = [
    path("strategisk-plan/", views.plan, name="plan"),
    path("strategisk-plan/jamfor/", views.compare, name="compare"),
    path("strategisk-plan/<int:year>/", views.version, name="version"),
    path("prioriterade-omraden/", views.priority_areas, name="priority_areas"),
    path("ramverk/<slug:slug>/", views.framework, name="framework"),
]
