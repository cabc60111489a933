from django.urls import path

from samverkan.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("mina-sidor/", views.my_page, name="my_page"),
]
