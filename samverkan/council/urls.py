from django.urls import path

from samverkan.council import views

app_name = "council"

# Mounted under uppfoljning/, beside the follow-up's own pages.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:year>/rapport.<str:fmt>", views.followup_report, name="followup_report"),
]
