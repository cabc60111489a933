from django.urls import path

from samverkan.planning.views import interim, reports
from samverkan.planning.views import plans as views

app_name = "planning"
V = "<int:year>/<slug:slug>/v<int:number>/"
INTERIM = "<int:year>/<slug:slug>/delar/<int:round_id>/"
urlpatterns = [
    path("", views.year_list, name="years"),
    path("<int:year>/", views.year_detail, name="year"),
    path("<int:year>/<slug:slug>/", views.plan_detail, name="plan"),
    path("<int:year>/<slug:slug>/berattelse/", reports.report_detail, name="report"),
    path("<int:year>/<slug:slug>/berattelse/skapa/", reports.report_create, name="report_create"),
    path("<int:year>/<slug:slug>/berattelse/redigera/", reports.report_edit, name="report_edit"),
    path(
        "<int:year>/<slug:slug>/berattelse/export.<str:fmt>",
        reports.report_export,
        name="report_export",
    ),
    path(
        "<int:year>/<slug:slug>/berattelse/<slug:action>/",
        reports.report_transition,
        name="report_transition",
    ),
    path(INTERIM, interim.interim_detail, name="interim"),
    path(INTERIM + "skapa/", interim.interim_create, name="interim_create"),
    path(INTERIM + "redigera/", interim.interim_edit, name="interim_edit"),
    path(INTERIM + "export.<str:fmt>", interim.interim_export, name="interim_export"),
    path(INTERIM + "<slug:action>/", interim.interim_transition, name="interim_transition"),
    path("<int:year>/<slug:slug>/skapa/", views.plan_create, name="create"),
    path("<int:year>/<slug:slug>/revidera/", views.revise, name="revise"),
    path(V, views.version_detail, name="version"),
    path(V + "redigera/", views.plan_edit, name="edit"),
    path(V + "mal/nytt/", views.goal_edit, name="goal_add"),
    path(V + "mal/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path(V + "mal/<int:goal_id>/ta-bort/", views.goal_delete, name="goal_delete"),
    path(V + "smart/", views.smart_check, name="smart_check"),
    path(V + "aktiviteter/ny/", views.activity_edit, name="activity_add"),
    path(V + "aktiviteter/<int:activity_id>/", views.activity_edit, name="activity_edit"),
    path(
        V + "aktiviteter/<int:activity_id>/ta-bort/", views.activity_delete, name="activity_delete"
    ),
    path(
        V + "aktiviteter/<int:activity_id>/status/", views.activity_status, name="activity_status"
    ),
    path(V + "forankra/", views.anchor, name="anchor"),
    path(V + "<slug:action>/", views.transition, name="transition"),
    path(V + "export.<str:fmt>", views.export, name="export"),
]
