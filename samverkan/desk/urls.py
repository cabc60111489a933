from django.urls import path

from samverkan.desk import views

app_name = "desk"
urlpatterns = [
    path("mina-sidor/", views.my_page, name="my_page"),
    path("kansli/", views.desk_index, name="index"),
    path("kansli/<int:year>/", views.desk_year, name="year"),
    path("kansli/<int:year>/stang/", views.year_close, name="close"),
    path("kansli/<int:year>/paminnelser/", views.send_reminders, name="reminders"),
    path("kansli/<int:year>/oppna/<str:kind>/<int:pk>/", views.reopen, name="reopen"),
    path("kansli/<int:year>/sammanstallning/<str:kind>/", views.compilation, name="compilation"),
    path("kansli/<int:year>/tackning/", views.coverage_view, name="coverage"),
    path(
        "kansli/<int:year>/sammanstallning/<str:kind>.<str:fmt>",
        views.compilation_download,
        name="compilation_download",
    ),
]
