from django.urls import path

from actors import directory, feeds, views

app_name = "actors"
urlpatterns = [
    path("", directory.ActorIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="detail"),
    path("<slug:slug>/rss/", feeds.actor_rss, name="rss"),
    path("<slug:slug>/atom/", feeds.actor_atom, name="atom"),
]
