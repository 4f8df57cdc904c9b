from django.urls import path

from articles import directory, feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("feeds/rss/", feeds.LatestStoriesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestStoriesAtomFeed(), name="feed-atom"),
    path("sections/", directory.SectionIndexView.as_view(), name="sections"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("sections/<slug:slug>/rss/", feeds.SectionFeed(), name="section-rss"),
    path("sections/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section-atom"),
    # Tag slugs may hold accented letters (taggit keeps Unicode), hence <str:>.
    path("tags/", directory.TagIndexView.as_view(), name="tags"),
    path("tags/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("tags/<str:slug>/rss/", feeds.TagFeed(), name="tag-rss"),
    path("tags/<str:slug>/atom/", feeds.TagAtomFeed(), name="tag-atom"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/<uuid:uuid>/", views.ArticlePreviewView.as_view(), name="preview"),
]
