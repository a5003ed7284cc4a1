"""GET /api/v1/events/: one item per event, with its schedule and its next dates."""

from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from cms.core.models import AccessibilityFeatures
from cms.events.enums import AttendanceMode, EventStatus, OccurrenceStatus, TargetGroup
from cms.events.forms import CalendarFilterForm
from cms.events.models import EventOccurrence, EventPage
from cms.events.recurrence import occurrence_status
from cms.events.selectors import visible_events
from cms.places.models import District
from cms.providers.models import ProviderPage, ServiceCategory
from cms.providers.selectors import listed_providers

from .base import (
    ListParameters,
    Resource,
    endpoints,
)
from .enums import ItemType
from .html import plain_text, sanitised_html
from .page_items import (
    CategorySerializer,
    ImageSerializer,
    PageFacts,
    PageItemSerializer,
    ReferenceSerializer,
    image_json,
    reference,
    with_images,
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
        # Only the choices of the filters given are read (an empty queryset costs no
        # query): the form decides on them as on the site, without listing the rest.
        form = CalendarFilterForm(
            data,
            districts=_given(District.objects.filter(slug=data.get("district")), data, "district"),
            categories=_given(
                ServiceCategory.objects.filter(slug=data.get("category")), data, "category"
            ),
            providers=(
                listed_providers().filter(slug=data["provider"])
                if data.get("provider")
                else ProviderPage.objects.none()
            ),
            iso_dates_only=True,
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {
                    name: [str(message) for message in messages]
                    for name, messages in form.errors.items()
                }
            )
        attrs["filters"] = form.filters()
        return attrs


def _given(queryset, data: dict, name: str):
    """The queryset if the parameter was given, else an empty one (which costs no query)."""
    return queryset if data.get(name) else queryset.none()


class EventParameters(CalendarParameters, ListParameters):
    pass


def filtered_events(queryset, filters):
    """The calendar's filters as conditions on events (the occurrences use the selector)."""
    if filters.district_ids:
        queryset = queryset.filter(districts__in=filters.district_ids)
    if filters.category_ids:
        queryset = queryset.filter(categories__in=filters.category_ids)
    if filters.organiser_ids:
        queryset = queryset.filter(organiser_id__in=filters.organiser_ids)
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
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
    return queryset.distinct()


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


class EventResource(Resource):
    item_type = ItemType.EVENT
    model = EventPage
    own_timestamp = "last_published_at"
    translatable = True
    item_serializer = EventSerializer
    parameters_class = EventParameters

    def visible(self, request):
        return visible_events()

    def filter(self, queryset, params, request):
        return filtered_events(queryset, params["filters"])

    def for_build(self, queryset):
        organisers = ProviderPage.objects.only(
            "pk", "title", "slug", "url_path", "path", "depth", "locale_id"
        )
        return with_images(queryset, "image").prefetch_related(
            Prefetch("organiser", queryset=organisers),
            Prefetch("categories", queryset=ServiceCategory.objects.only("pk", "slug", "name")),
            "districts",
            "social_spaces",
            "tags",
            "changes",
        )

    def build(self, items, request, language):
        facts = PageFacts(items, request)
        next_dates = next_dates_of([item.pk for item in items], now=timezone.now())
        results = []
        for item in items:
            changes = list(item.changes.all())
            data = {
                **facts.of(item),
                "status": item.status,
                "schedule": {
                    "start": item.start,
                    "end": item.end,
                    "all_day": item.all_day,
                    "rrule": item.recurrence_rule,
                    "exdates": [change.original_start for change in changes if change.cancelled],
                    "cancelled": [
                        {
                            "original_start": change.original_start,
                            "reason": change.cancellation_reason,
                        }
                        for change in changes
                        if change.cancelled
                    ],
                    "moved": [
                        {
                            "original_start": change.original_start,
                            "start": change.new_start,
                            "end": change.new_end,
                        }
                        for change in changes
                        if not change.cancelled
                    ],
                },
                "next_dates": next_dates.get(item.pk, []),
                "attendance_mode": item.attendance_mode,
                "venue": {
                    "name": item.venue_name,
                    "street": item.street,
                    "postcode": item.postcode,
                    "city": item.city,
                },
                "online_url": item.online_url,
                "dial_in": item.dial_in,
                "accessibility": accessibility_json(item),
                "organiser": reference(item.organiser, request) if item.organiser else None,
                "districts": sorted(district.pk for district in item.districts.all()),
                "social_spaces": sorted(space.pk for space in item.social_spaces.all()),
                "categories": [
                    {"id": c.pk, "slug": c.slug, "name": c.name} for c in item.categories.all()
                ],
                "tags": sorted(tag.slug for tag in item.tags.all()),
                "target_group": item.target_group,
                "is_free": item.is_free,
                "price": item.price,
                "registration_required": item.registration_required,
                "registration_info": item.registration_info,
                "image": image_json(item.image, item.image_alt_text, request),
                "ical_uid": item.uid,
            }
            if self.detail:
                html = expand_db_html(item.description)
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
