"""Factories for calendars and events."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

from cms.events.models import EventIndexPage, EventPage
from tests.factories import PageFactory

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args) -> datetime:
    """An aware datetime in Europe/Berlin: berlin(2026, 4, 7, 19)."""
    return datetime(*args, tzinfo=BERLIN)


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Veranstaltungen"
    slug = "veranstaltungen"


class EventPageFactory(PageFactory):
    """A published on-site event; pass `districts=[...]` and `categories=[...]`."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    description = "<p>Alle sind willkommen.</p>"
    start = factory.LazyFunction(lambda: berlin(2026, 3, 10, 19))
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=2))
    venue_name = "Nachbarschaftszentrum"
    street = "Marktstraße 1"
    postcode = "45881"
    city = "Gelsenkirchen"

    @classmethod
    def _create(cls, model_class, *args, districts=(), categories=(), changes=(), **kwargs):
        parent = kwargs.pop("parent")
        publish = kwargs.pop("publish", True)
        published_by = kwargs.pop("published_by", None)
        page = model_class(*args, live=False, **kwargs)
        page.districts = list(districts)
        page.categories = list(categories)
        page.changes = list(changes)
        parent.add_child(instance=page)
        revision = page.save_revision(user=page.owner)
        if publish:
            revision.publish(user=published_by or page.owner)
        page.refresh_from_db()
        return page
