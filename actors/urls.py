from django.urls import path

from actors import feeds, views

app_name = "actors"
urlpatterns = [
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="detail"),
    path("<slug:slug>/rss/", feeds.actor_rss, name="rss"),
    path("<slug:slug>/atom/", feeds.actor_atom, name="atom"),
]
