from django.urls import path

from contributors import feeds, views

app_name = "contributors"
urlpatterns = [
    path("", views.ContributorIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.ContributorDetailView.as_view(), name="detail"),
    path("<slug:slug>/rss/", feeds.contributor_rss, name="rss"),
    path("<slug:slug>/atom/", feeds.contributor_atom, name="atom"),
]
