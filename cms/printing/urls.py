"""The weekly programme, mounted under /programm/ in every language."""

from django.urls import path

from . import views

app_name = "printing"

urlpatterns = [
    path("<slug:district_slug>/", views.programme, name="programme"),
    path("<slug:district_slug>.pdf", views.programme_pdf, name="programme_pdf"),
    path(
        "<slug:district_slug>/<slug:social_space_slug>/",
        views.programme,
        name="social_space_programme",
    ),
    path(
        "<slug:district_slug>/<slug:social_space_slug>.pdf",
        views.programme_pdf,
        name="social_space_programme_pdf",
    ),
]
