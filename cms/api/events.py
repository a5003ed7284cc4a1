"""GET /api/v1/events/: one item per event, with its schedule and its next dates."""

import re
from urllib.parse import quote

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from cms.core import version_cache
from cms.core.models import AccessibilityFeatures
from cms.core.selectors import visible_pages
from cms.events.enums import AttendanceMode, EventStatus, OccurrenceStatus, TargetGroup
from cms.events.forms import CalendarFilterForm, filter_choices
from cms.events.models import EventOccurrence, EventOccurrenceChange, EventPage, EventPageTag
from cms.events.recurrence import occurrence_status
from cms.events.selectors import CalendarFilters, visible_events
from cms.providers.models import ServiceCategory

from .base import (
    ListParameters,
    Resource,
    endpoints,
    languages_of,
    locale_codes,
)
from .enums import ItemType
from .html import plain_text, sanitised_html
from .page_items import (
    RENDITIONS,
    CategorySerializer,
    ImageSerializer,
    PageItemSerializer,
    ReferenceSerializer,
    image_json,
    reference,
)

NEXT_DATES = 5

__all__ = ["EventDetail", "EventList", "visible_events"]


class CalendarParameters(serializers.Serializer):
    """The public calendar's filters (checked by the calendar's own form, too)."""

    district = serializers.SlugField(required=False, max_length=120)
    category = serializers.SlugField(required=False, max_length=80)
    provider = serializers.SlugField(required=False, max_length=255)
    tag = serializers.SlugField(required=False, max_length=100)
    attendance = serializers.ChoiceField(choices=["on_site", "online"], required=False)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    free = serializers.BooleanField(required=False, help_text=_("Nur kostenlose"))
    barrier_free = serializers.BooleanField(
        required=False, help_text=_("Nur stufenlos zugängliche")
    )

    def validate(self, attrs):
        """The calendar form decides unknown slugs exactly as the website does."""
        data = {
            name: ("on" if value is True else value)
            for name, value in attrs.items()
            if name in CalendarFilterForm.base_fields and value not in (None, False, "")
        }
        if not data:
            # No filter given: what the form would answer, without building it (its
            # fields cost a tenth of a first page).
            attrs["filters"] = CalendarFilters()
            return attrs
        # The form decides on the slugs as on the site, with the site's choices kept
        # under the content version (every district, category and listed provider).
        choices = version_cache.get_or_build(
            self.context.get("request"), "api-calendar-filter-choices", filter_choices
        )
        form = CalendarFilterForm(data, choices=choices, iso_dates_only=True)
        if not form.is_valid():
            raise serializers.ValidationError(
                {
                    name: [str(message) for message in messages]
                    for name, messages in form.errors.items()
                }
            )
        attrs["filters"] = form.filters()
        return attrs


class EventParameters(CalendarParameters, ListParameters):
    pass


def filtered_events(queryset, filters):
    """The calendar's filters as conditions on events (the occurrences use the selector).

    The relations are EXISTS conditions rather than joins: a join repeats an event in
    two selected districts, and the DISTINCT that would undo it makes the database
    compare every visible event's whole row before it can take the first page.
    """
    if filters.district_ids:
        queryset = queryset.filter(
            Exists(
                EventPage.districts.through.objects.filter(
                    eventpage_id=OuterRef("pk"), district_id__in=filters.district_ids
                )
            )
        )
    if filters.category_ids:
        queryset = queryset.filter(
            Exists(
                EventPage.categories.through.objects.filter(
                    eventpage_id=OuterRef("pk"), servicecategory_id__in=filters.category_ids
                )
            )
        )
    if filters.organiser_ids:
        queryset = queryset.filter(organiser_id__in=filters.organiser_ids)
    if filters.tag:
        queryset = queryset.filter(
            Exists(
                EventPageTag.objects.filter(content_object_id=OuterRef("pk"), tag__slug=filters.tag)
            )
        )
    if filters.attendance == "online":
        queryset = queryset.exclude(attendance_mode=AttendanceMode.ON_SITE)
    elif filters.attendance == "on_site":
        queryset = queryset.exclude(attendance_mode=AttendanceMode.ONLINE)
    if filters.free_only:
        queryset = queryset.filter(is_free=True)
    if filters.barrier_free_only:
        queryset = queryset.filter(step_free_access=True)
    if filters.target_group:
        queryset = queryset.filter(target_group=filters.target_group)
    return queryset


class AccessibilitySerializer(serializers.Serializer):
    step_free_access = serializers.BooleanField()
    accessible_wc = serializers.BooleanField()
    accessible_parking = serializers.BooleanField()
    hearing_loop = serializers.BooleanField()
    seating = serializers.BooleanField()
    sign_language = serializers.BooleanField()
    easy_language = serializers.BooleanField()
    guide_dogs_welcome = serializers.BooleanField()
    notes = serializers.CharField()


def accessibility_json(item) -> dict:
    return {
        **{name: getattr(item, name) for name in AccessibilityFeatures.ACCESSIBILITY_FIELDS},
        "notes": item.accessibility_notes,
    }


class MovedDateSerializer(serializers.Serializer):
    original_start = serializers.DateTimeField()
    start = serializers.DateTimeField(allow_null=True)
    end = serializers.DateTimeField(allow_null=True)


class CancelledDateSerializer(serializers.Serializer):
    original_start = serializers.DateTimeField(help_text=_("Der Termin der Serie, der ausfällt"))
    reason = serializers.CharField(allow_blank=True, help_text=_("Leer, wenn kein Grund genannt"))


class ScheduleSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    all_day = serializers.BooleanField()
    rrule = serializers.CharField(help_text="RRULE nach RFC 5545, leer bei einem Einzeltermin")
    exdates = serializers.ListField(
        child=serializers.DateTimeField(), help_text="Ausfallende Termine der Serie"
    )
    cancelled = CancelledDateSerializer(
        many=True, help_text=_("Die ausfallenden Termine der Serie mit ihrem Grund")
    )
    moved = MovedDateSerializer(many=True)


class DateSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    original_start = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=OccurrenceStatus.choices)
    is_cancelled = serializers.BooleanField()
    cancellation_reason = serializers.CharField(allow_blank=True)


class VenueSerializer(serializers.Serializer):
    name = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()


class EventSerializer(PageItemSerializer):
    status = serializers.ChoiceField(choices=EventStatus.choices)
    schedule = ScheduleSerializer()
    next_dates = DateSerializer(many=True)
    attendance_mode = serializers.ChoiceField(choices=AttendanceMode.choices)
    venue = VenueSerializer()
    online_url = serializers.CharField()
    dial_in = serializers.CharField()
    accessibility = AccessibilitySerializer()
    organiser = ReferenceSerializer(allow_null=True)
    districts = serializers.ListField(child=serializers.IntegerField())
    social_spaces = serializers.ListField(child=serializers.IntegerField())
    categories = CategorySerializer(many=True)
    tags = serializers.ListField(child=serializers.CharField())
    target_group = serializers.ChoiceField(choices=TargetGroup.choices)
    is_free = serializers.BooleanField()
    price = serializers.CharField()
    registration_required = serializers.BooleanField()
    registration_info = serializers.CharField()
    image = ImageSerializer(allow_null=True)
    ical_uid = serializers.CharField()


class EventDetailSerializer(EventSerializer):
    description_html = serializers.CharField()
    description_text = serializers.CharField()


def next_dates_of(event_ids, *, now) -> dict[int, list[dict]]:
    """The next few dates of each event, in one query (a window function per event)."""
    rows = (
        EventOccurrence.objects.filter(event_id__in=event_ids, end__gt=now)
        .annotate(
            position=Window(RowNumber(), partition_by=F("event_id"), order_by=F("start").asc())
        )
        .filter(position__lte=NEXT_DATES)
        .order_by("event_id", "start")
        .values("event_id", "start", "end", "original_start", "is_cancelled", "cancellation_reason")
    )
    dates: dict[int, list[dict]] = {}
    for row in rows:
        event_id = row.pop("event_id")
        row["status"] = occurrence_status(
            is_cancelled=row["is_cancelled"],
            start=row["start"],
            original_start=row["original_start"],
        )
        dates.setdefault(event_id, []).append(row)
    return dates


EVENT_COLUMNS = (
    "id",
    "title",
    "slug",
    "url_path",
    "locale_id",
    "translation_key",
    "is_easy_language",
    "listing_summary",
    "status",
    "start",
    "end",
    "all_day",
    "recurrence_rule",
    "attendance_mode",
    "venue_name",
    "street",
    "postcode",
    "city",
    "online_url",
    "dial_in",
    *AccessibilityFeatures.ACCESSIBILITY_FIELDS,
    "accessibility_notes",
    "organiser_id",
    "target_group",
    "is_free",
    "price",
    "registration_required",
    "registration_info",
    "image_id",
    "image_alt_text",
    "uid",
    "api_updated_at",
)


def _grouped(rows) -> dict:
    """(event id, value) pairs as {event id: [values]}, in the order given."""
    grouped: dict = {}
    for event_id, value in rows:
        grouped.setdefault(event_id, []).append(value)
    return grouped


def _ids_of_each_event(through, column: str, *order_by: str) -> ArraySubquery:
    """The ids of one relation of each event, as an array column of the event's row."""
    return ArraySubquery(
        through.objects.filter(eventpage_id=OuterRef("pk"))
        .order_by(*order_by, column)
        .values(column)
    )


def _tags_of_each_event() -> ArraySubquery:
    return ArraySubquery(
        EventPageTag.objects.filter(content_object_id=OuterRef("pk")).values("tag__slug")
    )


def with_relation_ids(queryset):
    """The events' districts, social spaces, categories and tags as arrays of their rows.

    One query for the page instead of one per relation: each is a correlated subquery
    along the link table's index on the event, evaluated for the page's rows only.
    """
    return queryset.annotate(
        district_ids=_ids_of_each_event(EventPage.districts.through, "district_id"),
        social_space_ids=_ids_of_each_event(EventPage.social_spaces.through, "socialspace_id"),
        category_ids=_ids_of_each_event(
            EventPage.categories.through,
            "servicecategory_id",
            *[f"servicecategory__{name}" for name in ServiceCategory._meta.ordering],
        ),
        tag_slugs=_tags_of_each_event(),
    )


RELATION_COLUMNS = ("district_ids", "social_space_ids", "category_ids", "tag_slugs")


def add_relation_ids(rows: list[dict]) -> None:
    """`with_relation_ids` in one query per relation, for databases without arrays.

    The embedded SQLite of the demo site has no array subqueries; the rows get the
    same columns, in the same order, from the link tables.
    """
    ids = [row["id"] for row in rows]
    links = {
        "district_ids": EventPage.districts.through.objects.filter(eventpage_id__in=ids)
        .order_by("district_id")
        .values_list("eventpage_id", "district_id"),
        "social_space_ids": EventPage.social_spaces.through.objects.filter(eventpage_id__in=ids)
        .order_by("socialspace_id")
        .values_list("eventpage_id", "socialspace_id"),
        "category_ids": EventPage.categories.through.objects.filter(eventpage_id__in=ids)
        .order_by(
            *[f"servicecategory__{name}" for name in ServiceCategory._meta.ordering],
            "servicecategory_id",
        )
        .values_list("eventpage_id", "servicecategory_id"),
        "tag_slugs": EventPageTag.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag__slug"
        ),
    }
    for column, pairs in links.items():
        grouped = _grouped(pairs)
        for row in rows:
            row[column] = grouped.get(row["id"], [])


def _category_references(categories) -> dict[int, dict]:
    return {
        pk: {"id": pk, "slug": slug, "name": name}
        for pk, slug, name in categories.values_list("pk", "slug", "name")
    }


def category_references(rows: list[dict], request) -> dict[int, dict]:
    """The categories of the rows as an event shows them, by id.

    All categories are kept under the content version (master data: a handful of rows
    that change when an editor edits them); one added after this request read its
    version, and already linked, is read now rather than missing.
    """
    known = version_cache.get_or_build(
        request,
        "event-category-references",
        lambda: _category_references(ServiceCategory.objects.all()),
    )
    missing = {pk for row in rows for pk in row["category_ids"]} - known.keys()
    if missing:
        return {**known, **_category_references(ServiceCategory.objects.filter(pk__in=missing))}
    return known


class EventRelations:
    """What a page of events embeds besides the rows' own relation ids, as plain values.

    Building an `EventPage` per item (with its rich text, its cluster managers and a
    prefetch cache per relation) cost most of a page's time; the events are read as
    values (`EVENT_COLUMNS`, with the link tables' ids as arrays: `with_relation_ids`)
    and the rest here, one query each, as the columns it shows.
    """

    def __init__(self, rows: list[dict], request):
        ids = [row["id"] for row in rows]
        self.categories = category_references(rows, request)
        self.changes = _grouped(
            (row.pop("event_id"), row)
            for row in EventOccurrenceChange.objects.filter(event_id__in=ids)
            .order_by("sort_order", "pk")
            .values(
                "event_id",
                "original_start",
                "cancelled",
                "cancellation_reason",
                "new_start",
                "new_end",
            )
        )
        organiser_ids = {row["organiser_id"] for row in rows} - {None}
        self.organisers = {
            page.pk: reference(page, request)
            for page in (
                Page.objects.filter(pk__in=organiser_ids).only(
                    "pk", "title", "url_path", "path", "depth", "locale_id"
                )
                if organiser_ids
                else ()
            )
        }
        image_ids = {row["image_id"] for row in rows} - {None}
        self.images = (
            get_image_model()
            .objects.filter(pk__in=image_ids)
            .prefetch_renditions(*RENDITIONS.values())
            .in_bulk()
            if image_ids
            else {}
        )


# What Wagtail's page route (`wagtail_serve`) accepts as one part of a path.
_SLUG = re.compile(r"[\w-]+")


def _full_url(url_path: str, request) -> str | None:
    # Only the URL path decides a page's URL (Page.get_url_parts); its locale does not.
    return Page(url_path=url_path).get_full_url(request=request)


def full_urls(rows: list[dict], request) -> dict[int, str | None]:
    """Each event's `Page.get_full_url`, computed once per calendar instead of per event.

    Wagtail reverses its route for each page (a few hundred microseconds, with the
    language switched); an event's address is its calendar's with the quoted slug and
    a slash appended, as `reverse` quotes the path character by character. An event
    whose address may not follow that rule (a slug the route would refuse, a path that
    does not end in the slug, a Site rooted at the event) gets Wagtail's own answer.
    """
    site_roots = {root.root_path for root in Site.get_site_root_paths()}
    calendar_urls: dict[str, str | None] = {}
    urls = {}
    for row in rows:
        url_path, slug = row["url_path"], row["slug"]
        tail = f"{slug}/"
        calendar_path = url_path[: -len(tail)]
        if (
            not _SLUG.fullmatch(slug)
            or not url_path.endswith(tail)
            or not calendar_path
            or url_path in site_roots
        ):
            urls[row["id"]] = _full_url(url_path, request)
            continue
        if calendar_path not in calendar_urls:
            calendar_urls[calendar_path] = _full_url(calendar_path, request)
        calendar_url = calendar_urls[calendar_path]
        urls[row["id"]] = (
            f"{calendar_url}{quote(slug, safe=RFC3986_SUBDELIMS + '/~:@')}/"
            if calendar_url and calendar_url.endswith("/")
            else _full_url(url_path, request)
        )
    return urls


def _schedule(row: dict, changes: list[dict]) -> dict:
    cancelled = [change for change in changes if change["cancelled"]]
    return {
        "start": row["start"],
        "end": row["end"],
        "all_day": row["all_day"],
        "rrule": row["recurrence_rule"],
        "exdates": [change["original_start"] for change in cancelled],
        "cancelled": [
            {"original_start": change["original_start"], "reason": change["cancellation_reason"]}
            for change in cancelled
        ],
        "moved": [
            {
                "original_start": change["original_start"],
                "start": change["new_start"],
                "end": change["new_end"],
            }
            for change in changes
            if not change["cancelled"]
        ],
    }


class EventResource(Resource):
    item_type = ItemType.EVENT
    model = EventPage
    own_timestamp = "last_published_at"
    translatable = True
    item_serializer = EventSerializer
    parameters_class = EventParameters
    # Visible events (view restrictions and listed providers under the content version)
    # and the calendar's filters: nothing else of the request.
    keeps_sql = True

    def visible(self, request):
        return visible_events(request=request)

    def filter(self, queryset, params, request):
        return filtered_events(queryset, params["filters"])

    def for_build(self, queryset):
        columns = (*EVENT_COLUMNS, "description") if self.detail else EVENT_COLUMNS
        if connections[queryset.db].vendor != "postgresql":
            return queryset.values(*columns)  # relations by `add_relation_ids` in `build`
        return with_relation_ids(queryset).values(*columns, *RELATION_COLUMNS)

    def build(self, items, request, language):
        languages = languages_of(
            visible_pages(request=request), [row["translation_key"] for row in items]
        )
        locales = locale_codes(request)
        if items and "district_ids" not in items[0]:
            add_relation_ids(items)
        relations = EventRelations(items, request)
        next_dates = next_dates_of([row["id"] for row in items], now=timezone.now())
        urls = full_urls(items, request)
        results = []
        for row in items:
            pk = row["id"]
            url = urls[pk]
            image = relations.images.get(row["image_id"])
            data = {
                "id": pk,
                "title": row["title"],
                "slug": row["slug"],
                "url": url,
                "locale": locales.get(row["locale_id"], "de"),
                "languages": languages.get(row["translation_key"], []),
                "is_easy_language": row["is_easy_language"],
                "updated_at": row["api_updated_at"],
                "summary": row["listing_summary"] or "",
                "status": row["status"],
                "schedule": _schedule(row, relations.changes.get(pk, [])),
                "next_dates": next_dates.get(pk, []),
                "attendance_mode": row["attendance_mode"],
                "venue": {
                    "name": row["venue_name"],
                    "street": row["street"],
                    "postcode": row["postcode"],
                    "city": row["city"],
                },
                "online_url": row["online_url"],
                "dial_in": row["dial_in"],
                "accessibility": {
                    **{name: row[name] for name in AccessibilityFeatures.ACCESSIBILITY_FIELDS},
                    "notes": row["accessibility_notes"],
                },
                "organiser": relations.organisers.get(row["organiser_id"]),
                "districts": row["district_ids"],
                "social_spaces": row["social_space_ids"],
                "categories": [relations.categories[pk] for pk in row["category_ids"]],
                "tags": sorted(row["tag_slugs"]),
                "target_group": row["target_group"],
                "is_free": row["is_free"],
                "price": row["price"],
                "registration_required": row["registration_required"],
                "registration_info": row["registration_info"],
                "image": image_json(image, row["image_alt_text"], request) if image else None,
                "ical_uid": row["uid"],
            }
            if self.detail:
                html = expand_db_html(row["description"])
                data["description_html"] = sanitised_html(html)
                data["description_text"] = plain_text(html)
            results.append(data)
        return results


EventList, EventDetail = endpoints(
    EventResource,
    summary=_("Veranstaltungen"),
    description=_(
        "Eine Zeile je Veranstaltung mit Terminregel (RRULE, ausfallende und verlegte "
        "Termine) und den nächsten Terminen. Die einzelnen Termine eines Zeitraums "
        "liefert `occurrences/`."
    ),
    detail_summary=_("Eine Veranstaltung mit Beschreibung"),
    detail_serializer=EventDetailSerializer,
)
