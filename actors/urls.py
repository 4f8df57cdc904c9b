from django.urls import path

from actors import views
from articles import feeds

app_name = "actors"
urlpatterns = [
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="detail"),
    path("<slug:slug>/rss/", feeds.ActorFeed(), name="rss"),
    path("<slug:slug>/atom/", feeds.ActorAtomFeed(), name="atom"),
]
