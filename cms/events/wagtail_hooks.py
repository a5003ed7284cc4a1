from django.urls import path
from wagtail import hooks

from cms.core.selectors import HIDDEN_PAGES_HOOK

from . import admin_views
from .selectors import events_of_unlisted_providers
from .viewsets import external_calendar_feed_viewset

# Events organised by a profile without a valid consent appear on no public surface.
hooks.register(HIDDEN_PAGES_HOOK, events_of_unlisted_providers)


@hooks.register("register_admin_viewset")
def register_external_calendar_feed_viewset():
    return external_calendar_feed_viewset


@hooks.register("register_admin_urls")
def register_recurrence_preview_url():
    return [
        path(
            "events/recurrence-preview/",
            admin_views.recurrence_preview,
            name="events_recurrence_preview",
        )
    ]
