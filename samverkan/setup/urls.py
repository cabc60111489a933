from django.urls import path

from samverkan.setup import views

app_name = "setup"
urlpatterns = [path("", views.setup_page, name="setup")]
