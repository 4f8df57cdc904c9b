from django.urls import path

from actors import directory, feeds, relationships, views

app_name = "actors"
urlpatterns = [
    path("", directory.ActorIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="detail"),
    path("<slug:slug>/rss/", feeds.actor_rss, name="rss"),
    path("<slug:slug>/atom/", feeds.actor_atom, name="atom"),
    path("<slug:slug>/connections/", views.ConnectionsView.as_view(), name="connections"),
    path(
        "<slug:slug_a>/and/<slug:slug_b>/",
        relationships.RelationshipPairView.as_view(),
        name="relationship",
    ),
    path("<slug:slug_a>/and/<slug:slug_b>/rss/", feeds.pair_rss, name="relationship-rss"),
    path("<slug:slug_a>/and/<slug:slug_b>/atom/", feeds.pair_atom, name="relationship-atom"),
]
