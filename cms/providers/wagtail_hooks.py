from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from cms.core.selectors import HIDDEN_PAGES_HOOK

from . import views
from .models import ProviderPage
from .panels import ExpiringConsentsPanel
from .selectors import unlisted_provider_ids
from .viewsets import ServiceCategoryViewSet, provider_consent_viewset

register_snippet(ServiceCategoryViewSet)

# Profiles without a valid consent appear on no public surface.
hooks.register(HIDDEN_PAGES_HOOK, unlisted_provider_ids)


@hooks.register("register_admin_viewset")
def register_provider_consent_viewset():
    return provider_consent_viewset


@hooks.register("register_admin_urls")
def register_hand_over_url():
    return [path("providers/<int:page_id>/hand-over/", views.hand_over, name="providers_hand_over")]


@hooks.register("register_log_actions")
def register_provider_log_actions(actions):
    actions.register_action(
        "providers.hand_over", _("An Anbieterkonto übergeben"), _("An Anbieterkonto übergeben")
    )


@hooks.register("register_page_header_buttons")
def hand_over_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, ProviderPage)
        and page.permissions_for_user(user).can_publish()
    ):
        yield PageMenuItem(
            _("An Anbieter übergeben"),
            url=reverse("providers_hand_over", args=[page.pk]),
            icon_name="user",
            priority=80,
            page=page,
        )


@hooks.register("before_create_page")
def only_editors_create_provider_profiles(request, parent_page, page_class):
    """Providers edit the profile handed to them; new profiles are made by the editors."""
    if (
        issubclass(page_class, ProviderPage)
        and not parent_page.permissions_for_user(request.user).can_publish_subpage()
    ):
        raise PermissionDenied


@hooks.register("construct_homepage_panels")
def add_expiring_consents_panel(request, panels):
    panels.append(ExpiringConsentsPanel(request.user))
