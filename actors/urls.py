from django.urls import path

from actors import views

app_name = "actors"
urlpatterns = [
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="detail"),
]
