"""cms.core.selectors.visible_pages applies the exclusions the apps register."""

from wagtail import hooks
from wagtail.models import Page

from cms.core.selectors import HIDDEN_PAGES_HOOK, visible_pages
from cms.events.selectors import events_of_unlisted_providers
from cms.providers.selectors import unlisted_provider_ids


def test_visible_pages_leaves_out_what_a_registered_exclusion_hides(gelsenkirchen):
    hidden = gelsenkirchen.district_pages["schalke"]

    def hide_one_page():
        return Page.objects.filter(pk=hidden.pk).values("pk")

    with hooks.register_temporarily(HIDDEN_PAGES_HOOK, hide_one_page):
        pks = set(visible_pages().values_list("pk", flat=True))

    assert hidden.pk not in pks
    assert gelsenkirchen.district_pages["huellen"].pk in pks


def test_providers_and_events_register_their_exclusions():
    registered = hooks.get_hooks(HIDDEN_PAGES_HOOK)

    assert unlisted_provider_ids in registered
    assert events_of_unlisted_providers in registered
