from django.urls import path

from samverkan.follow import views

app_name = "follow"
urlpatterns = [
    path("kalender/", views.calendar_page, name="calendar"),
    path("kalender/sammantraden.ics", views.council_ics, name="council_ics"),
    path("kalender/ny-adress/", views.calendar_create, name="calendar_create"),
    path("kalender/aterkalla/", views.calendar_revoke, name="calendar_revoke"),
    path("kalender/<str:token>.ics", views.personal_ics, name="personal_ics"),
    path("folj/<str:target>/<int:target_id>/", views.follow_page, name="follow"),
    path("folj/<str:target>/<int:target_id>/atom.xml", views.NoticeFeed(), name="atom"),
    path("folj/bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("folj/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
