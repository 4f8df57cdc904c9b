from django.urls import path

from contributors import views

app_name = "contributors"
urlpatterns = [
    path("<slug:slug>/", views.ContributorDetailView.as_view(), name="detail"),
]
