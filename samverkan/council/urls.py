from django.urls import path

from samverkan.council import views

app_name = "council"

# Mounted under uppfoljning/, beside the follow-up's own pages.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:year>/rapport.<str:fmt>", views.followup_report, name="followup_report"),
    path("dokument/<int:pk>/", views.document, name="document"),
    path("dokument/<int:pk>/status/", views.document_status, name="document_status"),
    path("dokument/<int:pk>/fil/", views.document_file, name="document_file"),
    path("dokument/<int:pk>/forsok-igen/", views.document_retry, name="document_retry"),
]
