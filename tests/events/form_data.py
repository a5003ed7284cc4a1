"""POST payloads for Wagtail's event create and edit views, shaped as the admin sends them."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.events.models import EventPage


def event_form_data(*, title: str, districts=(), action: str | None = None, **changes) -> dict:
    """Form data of a new on-site event on 10 March 2026, 19 to 21 h; `districts` as ids."""
    fields = {
        "title": title,
        "slug": changes.pop("slug", title.lower().replace(" ", "-")),
        "description": rich_text("<p>Alle sind willkommen.</p>"),
        "start": "2026-03-10 19:00",
        "end": "2026-03-10 21:00",
        "recurrence_rule": "",
        "changes": inline_formset([]),
        "status": "scheduled",
        "attendance_mode": "on_site",
        "venue_name": "Nachbarschaftszentrum",
        "street": "Marktstraße 1",
        "postcode": "45881",
        "city": "Gelsenkirchen",
        "online_url": "",
        "dial_in": "",
        "accessibility_notes": "",
        "organiser": "",
        "tags": "",
        "target_group": "everyone",
        "is_free": "on",
        "price": "",
        "registration_info": "",
        "image": "",
        "image_alt_text": "",
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
        "go_live_at": "",
        "expire_at": "",
        **changes,
    }
    # Multiple-choice fields go to the client as lists, not through nested_form_data.
    data = {**nested_form_data(fields), "districts": list(districts), "categories": []}
    if action:
        data[f"action-{action}"] = action
    return data


def event_edit_form_data(event: EventPage, *, action: str | None = None, **changes) -> dict:
    """Form data that resubmits an event, with some fields changed."""
    districts = changes.pop("districts", [d.pk for d in event.districts.all()])
    return event_form_data(
        title=changes.pop("title", event.title),
        slug=changes.pop("slug", event.slug),
        districts=districts,
        action=action,
        **changes,
    )
