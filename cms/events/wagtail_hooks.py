from wagtail import hooks

from .viewsets import external_calendar_feed_viewset


@hooks.register("register_admin_viewset")
def register_external_calendar_feed_viewset():
    return external_calendar_feed_viewset
