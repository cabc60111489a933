from django.urls import path

from samverkan.governance import views

app_name = "governance"
urlpatterns = [
    path("beslut/", views.decisions, name="decisions"),
    path("beslut/sammantraden/<int:pk>/", views.meeting_detail, name="meeting"),
    path("beslut/sammantraden/nytt/", views.meeting_add, name="meeting_add"),
    path(
        "beslut/sammantraden/<int:meeting_id>/nytt-beslut/", views.decision_add, name="decision_add"
    ),
    path("beslut/antagande/<int:adoption_id>/", views.adoption_update, name="adoption_update"),
    path("arshjul/<int:year>/", views.wheel, name="wheel"),
    path("arshjul/<int:year>/redigera/", views.wheel_edit, name="wheel_edit"),
    path(
        "arshjul/styrelsemote/<int:pk>/ta-bort/",
        views.board_meeting_remove,
        name="board_meeting_remove",
    ),
    path("uppdrag/", views.assignments, name="assignments"),
    path("uppdrag/<int:pk>/", views.assignment_update, name="assignment_update"),
    path("arenden/", views.matters, name="matters"),
    path("arenden/<int:pk>/vidare/", views.matter_forward, name="matter_forward"),
    path("arenden/<int:pk>/beslut/", views.matter_decide, name="matter_decide"),
    path("kansli/grupper/", views.groups, name="groups"),
    path("kansli/grupper/<int:pk>/avveckla/", views.group_wind_down, name="group_wind_down"),
    path("kansli/grupper/<int:pk>/natverk/", views.group_convert, name="group_convert"),
    path("strategisk-plan/nytt-forslag/", views.plan_draft, name="plan_draft"),
]
