from django.urls import path

from samverkan.wordimport import views

app_name = "wordimport"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:batch_id>/", views.batch_detail, name="batch"),
    path("<int:batch_id>/framsteg/", views.batch_progress, name="progress"),
    path("<int:batch_id>/las/", views.batch_read, name="read"),
    path("fil/<int:document_id>/", views.review, name="review"),
    path("fil/<int:document_id>/kasta/", views.discard, name="discard"),
]
