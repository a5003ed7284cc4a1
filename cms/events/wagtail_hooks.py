from wagtail import hooks

from cms.core.selectors import HIDDEN_PAGES_HOOK

from .selectors import events_of_unlisted_providers
from .viewsets import external_calendar_feed_viewset

# Events organised by a profile without a valid consent appear on no public surface.
hooks.register(HIDDEN_PAGES_HOOK, events_of_unlisted_providers)


@hooks.register("register_admin_viewset")
def register_external_calendar_feed_viewset():
    return external_calendar_feed_viewset
