from django.urls import path

from samverkan.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.desk_index, name="index"),
    path("<int:year>/", views.desk_year, name="year"),
    path("<int:year>/stang/", views.year_close, name="close"),
    path("<int:year>/paminnelser/", views.send_reminders, name="reminders"),
    path("<int:year>/oppna/<str:kind>/<int:pk>/", views.reopen, name="reopen"),
    path("<int:year>/sammanstallning/<str:kind>/", views.compilation, name="compilation"),
    path("<int:year>/tackning/", views.coverage_view, name="coverage"),
    path(
        "<int:year>/sammanstallning/<str:kind>.<str:fmt>",
        views.compilation_download,
        name="compilation_download",
    ),
]
