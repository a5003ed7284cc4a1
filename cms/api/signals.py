"""The causes that change what the API shows, recorded for apps that sync.

Each receiver turns one cause into change marks (the items that display the changed
thing come back in `updated_since`) or departures (tombstones). Whether an item is
visible is always asked of the selectors, never decided here. A new cause (a new
state, a new kind of hiding) adds a receiver in this module.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from cms.core.selectors import visible_pages
from cms.events.models import EventPage
from cms.home.models import DistrictHomePage, StandardPage
from cms.news.models import ArticlePage
from cms.places.models import District, Municipality, SocialSpace
from cms.providers.models import ProviderConsent, ProviderPage, ServiceCategory
from cms.providers.selectors import listed_providers
from exchange.enums import ListingStatus
from exchange.models import Category, Listing, Member, ProxyClient
from exchange.selectors import public_listings
from moderation.models import Report, ReportKeep

from .enums import DepartureReason, ItemType
from .sync import mark_changed, record_departures

PAGE_TYPES = {
    ArticlePage: ItemType.ARTICLE,
    EventPage: ItemType.EVENT,
    ProviderPage: ItemType.PROVIDER,
    DistrictHomePage: ItemType.PAGE,
    StandardPage: ItemType.PAGE,
}
PLACE_TYPES = {
    Municipality: ItemType.MUNICIPALITY,
    District: ItemType.DISTRICT,
    SocialSpace: ItemType.SOCIAL_SPACE,
    ServiceCategory: ItemType.SERVICE_CATEGORY,
    Category: ItemType.LISTING_CATEGORY,
}
LISTING_REASONS = {
    ListingStatus.REMOVED: DepartureReason.REMOVED,
    ListingStatus.CLOSED: DepartureReason.CLOSED,
}


def events_departed(event_ids, reason: str) -> None:
    """Events left public view: tombstones, and the articles that showed them changed."""
    event_ids = list(event_ids)
    record_departures(ItemType.EVENT, event_ids, reason)
    mark_changed(
        ItemType.ARTICLE,
        ArticlePage.objects.filter(event_links__event__in=event_ids).values_list("pk", flat=True),
    )


def _provider_left(provider_id: int, reason: str) -> None:
    record_departures(ItemType.PROVIDER, [provider_id], reason)
    organised = EventPage.objects.filter(organiser_id=provider_id, live=True)
    events_departed(organised.values_list("pk", flat=True), reason)


def _provider_shows_again_or_changed(provider_id: int) -> None:
    mark_changed(ItemType.PROVIDER, [provider_id])
    mark_changed(
        ItemType.EVENT,
        EventPage.objects.filter(organiser_id=provider_id).values_list("pk", flat=True),
    )


@receiver(page_unpublished, dispatch_uid="api_page_unpublished")
def page_left(sender, instance, **kwargs):
    item_type = PAGE_TYPES.get(sender)
    if item_type is None:
        return
    if sender is ProviderPage:
        _provider_left(instance.pk, DepartureReason.UNPUBLISHED)
    elif sender is EventPage:
        events_departed([instance.pk], DepartureReason.UNPUBLISHED)
    else:
        record_departures(item_type, [instance.pk], DepartureReason.UNPUBLISHED)


@receiver(page_published, sender=ProviderPage, dispatch_uid="api_provider_published")
def provider_published(sender, instance, **kwargs):
    """A renamed organiser shows in each of its events."""
    _provider_shows_again_or_changed(instance.pk)


def _page_deleted(sender, instance, **kwargs):
    if sender is EventPage:
        events_departed([instance.pk], DepartureReason.DELETED)
    else:
        record_departures(PAGE_TYPES[sender], [instance.pk], DepartureReason.DELETED)


for _model in PAGE_TYPES:
    post_delete.connect(_page_deleted, sender=_model, dispatch_uid=f"api_deleted_{_model.__name__}")


@receiver(post_save, sender=ProviderConsent, dispatch_uid="api_consent_saved")
@receiver(post_delete, sender=ProviderConsent, dispatch_uid="api_consent_deleted")
def consent_changed(sender, instance, **kwargs):
    """A withdrawn consent turns the provider and its events into tombstones."""
    if listed_providers().filter(pk=instance.provider_id).exists():
        _provider_shows_again_or_changed(instance.provider_id)
    else:
        _provider_left(instance.provider_id, DepartureReason.CONSENT_WITHDRAWN)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="api_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="api_restriction_deleted")
def restriction_changed(sender, instance, **kwargs):
    below = Page.objects.filter(path__startswith=instance.page.path)
    for model, item_type in PAGE_TYPES.items():
        ids = list(model.objects.filter(pk__in=below.values("pk")).values_list("pk", flat=True))
        if kwargs.get("signal") is post_delete:
            mark_changed(item_type, ids)
            continue
        still_visible = set(visible_pages().filter(pk__in=ids).values_list("pk", flat=True))
        hidden = [pk for pk in ids if pk not in still_visible]
        if model is EventPage:
            events_departed(hidden, DepartureReason.RESTRICTED)
        else:
            record_departures(item_type, hidden, DepartureReason.RESTRICTED)


def _place_saved(sender, instance, created=False, **kwargs):
    mark_changed(PLACE_TYPES[sender], [instance.pk])
    if created:
        return
    if sender is ServiceCategory:
        # Its name shows in events and providers.
        mark_changed(
            ItemType.EVENT,
            EventPage.objects.filter(categories=instance).values_list("pk", flat=True),
        )
        mark_changed(
            ItemType.PROVIDER,
            ProviderPage.objects.filter(categories=instance).values_list("pk", flat=True),
        )
    elif sender is Category:
        mark_changed(ItemType.LISTING, instance.listings.values_list("pk", flat=True))


def _place_deleted(sender, instance, **kwargs):
    record_departures(PLACE_TYPES[sender], [instance.pk], DepartureReason.DELETED)


for _model in PLACE_TYPES:
    post_save.connect(_place_saved, sender=_model, dispatch_uid=f"api_saved_{_model.__name__}")
    post_delete.connect(
        _place_deleted, sender=_model, dispatch_uid=f"api_place_deleted_{_model.__name__}"
    )


@receiver(post_save, sender=Listing, dispatch_uid="api_listing_saved")
def listing_saved(sender, instance, created=False, **kwargs):
    if created or public_listings().filter(pk=instance.pk).exists():
        return
    reason = LISTING_REASONS.get(instance.status, DepartureReason.UNPUBLISHED)
    record_departures(ItemType.LISTING, [instance.pk], reason)


@receiver(post_delete, sender=Listing, dispatch_uid="api_listing_deleted")
def listing_deleted(sender, instance, **kwargs):
    record_departures(ItemType.LISTING, [instance.pk], DepartureReason.DELETED)


def _owner_changed(listings, reason: str) -> None:
    """The listings of an owner who may no longer show, or may show again."""
    ids = list(listings.filter(status=ListingStatus.PUBLISHED).values_list("pk", flat=True))
    shown = set(public_listings().filter(pk__in=ids).values_list("pk", flat=True))
    mark_changed(ItemType.LISTING, shown)
    record_departures(ItemType.LISTING, [pk for pk in ids if pk not in shown], reason)


@receiver(post_save, sender=Member, dispatch_uid="api_member_saved")
def member_saved(sender, instance, created=False, **kwargs):
    if not created:
        _owner_changed(Listing.objects.filter(member=instance), DepartureReason.OWNER_HIDDEN)


@receiver(post_save, sender=ProxyClient, dispatch_uid="api_proxy_client_saved")
def proxy_client_saved(sender, instance, created=False, **kwargs):
    if not created:
        _owner_changed(
            Listing.objects.filter(proxy_client=instance), DepartureReason.CONSENT_WITHDRAWN
        )


def _reported_listing_changed(sender, instance, **kwargs):
    """Reports hid a listing (or a "keep" or an edit showed it again): a tombstone, or a
    change mark when it shows. Other reported kinds do not show in the API."""
    content_type = instance.content_type
    if (content_type.app_label, content_type.model) != ("exchange", "listing"):
        return
    if public_listings().filter(pk=instance.object_id).exists():
        mark_changed(ItemType.LISTING, [instance.object_id])
    elif Listing.objects.filter(pk=instance.object_id, status=ListingStatus.PUBLISHED).exists():
        record_departures(ItemType.LISTING, [instance.object_id], DepartureReason.UNPUBLISHED)


for _model in (Report, ReportKeep):
    post_save.connect(
        _reported_listing_changed, sender=_model, dispatch_uid=f"api_saved_{_model.__name__}"
    )
    post_delete.connect(
        _reported_listing_changed, sender=_model, dispatch_uid=f"api_deleted_{_model.__name__}"
    )
