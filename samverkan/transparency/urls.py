from django.urls import path

from samverkan.transparency.views import logo
from samverkan.transparency.views import portal as views

app_name = "transparency"

urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", views.search_view, name="search"),
    path("oppna-data/", views.open_data, name="open_data"),
    path("oppna-data/indikatorer/<slug:slug>.csv", views.indicator_csv, name="indicator_csv"),
    path("oppna-data/<int:year>/indikatorer.csv", views.year_values_csv, name="year_values_csv"),
    path("oppna-data/<int:year>/grupper.csv", views.year_groups_csv, name="year_groups_csv"),
    path("beslut-i-kommunerna/", views.adoption_matrix, name="adoption_matrix"),
    path(
        "oppna-data/beslut-i-kommunerna.csv", views.adoption_matrix_csv, name="adoption_matrix_csv"
    ),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("halsa/", views.healthz, name="healthz"),
    path("logotyp/", logo.logo, name="logo"),
]
