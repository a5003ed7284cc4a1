from django.urls import path

from . import views

app_name = "themes"

urlpatterns = [
    path("darstellung/", views.display_preferences, name="display_preferences"),
]
