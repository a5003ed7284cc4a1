from django.urls import path

from . import views

urlpatterns = [
    path("events.ics", views.events_ics, name="events_ical"),
]
