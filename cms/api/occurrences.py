"""GET /api/v1/occurrences/: the dates of a window, with every filter of the calendar.

The same selection as the public calendar and the iCal feed (`public_occurrences`);
`format=ics` or `Accept: text/calendar` answers it as iCal. A page's dates are read as
plain values of the occurrence index (only the columns shown), chosen without a join
to the event's page for each date they pass over; the title, slug and change time of
their events are joined to the thousand dates kept, in the same statement
(`_page_rows`), and the rows turned into JSON without a serializer per row: a month of
a district is a few thousand dates.
"""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.db import connections
from django.db.models import DateTimeField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import renderers, serializers
from rest_framework.response import Response
from wagtail.models import Page

from cms.core import compiled_queries, content_version
from cms.core.db import converted_rows
from cms.core.params import DATE_OUT_OF_RANGE, MAX_ID, date_in_range
from cms.events.enums import OccurrenceStatus
from cms.events.models import EventOccurrence
from cms.events.recurrence import LOCAL_TZ, occurrence_status
from cms.events.selectors import event_urls, public_occurrences, visible_events
from cms.events.views import ical_response

from .base import (
    PROBLEM,
    ApiView,
    Cursor,
    ListParameters,
    ProblemSerializer,
    page_response_fields,
    parse,
)
from .enums import ItemType
from .events import CalendarParameters
from .models import ChangeMark
from .renderers import FastJSONRenderer
from .sync import EPOCH, tombstones

DEFAULT_WINDOW_DAYS = 31
MAX_WINDOW_DAYS = 366
ORDERING = ("start", "pk")
# The date's own columns, chosen by the selector's query; what belongs to the event is
# joined to the rows kept (`_page_rows`).
COLUMNS = (
    "id",
    "event_id",
    "start",
    "end",
    "all_day",
    "original_start",
    "is_cancelled",
    "cancellation_reason",
    "is_online",
    "is_on_site",
    "is_free",
    "is_barrier_free",
    "target_group",
    "venue_name",
    "organiser_id",
    "event_path",
)
# The event's, after them: its title, slug, publishing and change mark.
EVENT_FIELDS = (
    Page._meta.get_field("title"),
    Page._meta.get_field("slug"),
    Page._meta.get_field("last_published_at"),
    ChangeMark._meta.get_field("changed_at"),
)
# Positions in a row of `_page_rows`.
ID, EVENT, START, PATH = (COLUMNS.index(name) for name in ("id", "event_id", "start", "event_path"))


class ICalRenderer(renderers.BaseRenderer):
    """Chosen by `format=ics` or `Accept: text/calendar`; the view answers with the feed."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class OccurrenceParameters(CalendarParameters, ListParameters):
    start = serializers.DateField(
        required=False, help_text=_("Erster Tag (JJJJ-MM-TT); sonst heute")
    )
    end = serializers.DateField(
        required=False, help_text=_("Letzter Tag (JJJJ-MM-TT); sonst 31 Tage nach dem ersten")
    )
    event = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("Nur diese Veranstaltung")
    )
    include_cancelled = serializers.BooleanField(
        required=False,
        default=True,
        help_text=_("Abgesagte Termine mitliefern (als abgesagt gekennzeichnet)"),
    )
    format = serializers.ChoiceField(
        choices=["json", "ics"], required=False, help_text=_("ics: dieselbe Auswahl als iCal")
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        first = attrs.get("start") or timezone.localdate()
        last = attrs.get("end")
        if not date_in_range(first):
            raise serializers.ValidationError({"start": [DATE_OUT_OF_RANGE]})
        if not date_in_range(last):
            raise serializers.ValidationError({"end": [DATE_OUT_OF_RANGE]})
        last = last or first + timedelta(days=DEFAULT_WINDOW_DAYS - 1)
        if last < first:
            raise serializers.ValidationError({"end": [_("Das Ende liegt vor dem Beginn.")]})
        if (last - first).days >= MAX_WINDOW_DAYS:
            raise serializers.ValidationError(
                {"end": [_("Der Zeitraum darf höchstens ein Jahr umfassen.")]}
            )
        attrs["window"] = (_midnight(first), _midnight(last + timedelta(days=1)))
        attrs["filters"] = replace(
            attrs["filters"],
            event_id=attrs.get("event"),
            include_cancelled=attrs["include_cancelled"],
        )
        return attrs


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=LOCAL_TZ)


class OccurrenceSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Veranstaltung und ursprünglicher Beginn, stabil")
    event = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    all_day = serializers.BooleanField()
    original_start = serializers.DateTimeField(
        allow_null=True,
        help_text=_(
            "Der Termin in der Serie (bei Einzelterminen leer); weicht `start` davon ab, "
            "ist der Termin verschoben."
        ),
    )
    status = serializers.ChoiceField(
        choices=OccurrenceStatus.choices,
        help_text=_(
            "scheduled: findet statt; cancelled: fällt aus (bleibt in der Liste, Grund in "
            "`cancellation_reason`); moved: verschoben von `original_start` auf `start`."
        ),
    )
    is_cancelled = serializers.BooleanField(help_text=_("Gleichbedeutend mit status=cancelled"))
    cancellation_reason = serializers.CharField(
        allow_blank=True, help_text=_("Warum der Termin ausfällt; leer, wenn kein Grund genannt")
    )
    is_online = serializers.BooleanField()
    is_on_site = serializers.BooleanField()
    is_free = serializers.BooleanField()
    is_barrier_free = serializers.BooleanField()
    target_group = serializers.CharField()
    venue_name = serializers.CharField()
    organiser = serializers.IntegerField(allow_null=True)
    updated_at = serializers.DateTimeField()


OccurrencePageSerializer = type(
    "OccurrencePageSerializer",
    (serializers.Serializer,),
    {"results": OccurrenceSerializer(many=True), **page_response_fields()},
)


def _updated_at(published_field: str, event_id_field: str) -> Greatest:
    """An event's change time: its publishing or its change mark, whichever is later."""
    mark = Subquery(
        ChangeMark.objects.filter(
            item_type=ItemType.EVENT, item_id=OuterRef(event_id_field)
        ).values("changed_at")[:1],
        output_field=DateTimeField(),
    )
    epoch = Value(EPOCH, output_field=DateTimeField())
    return Greatest(Coalesce(published_field, epoch), Coalesce(mark, epoch))


def _changed_since(occurrences, since: datetime):
    """The dates of events changed after `since` (the sync's `updated_since`)."""
    return occurrences.annotate(
        api_updated_at=_updated_at("event__last_published_at", "event_id")
    ).filter(api_updated_at__gt=since)


def _page_rows(request, *, filters, window, after, since, limit: int) -> list[tuple]:
    """The first `limit` dates of the selection (`public_occurrences`, after the cursor's
    position, changed since `since`), each with its event's title, slug, publishing and
    change mark (`COLUMNS`, then `EVENT_FIELDS`), in one statement.

    The selector's query chooses the dates from the occurrence index alone (the
    visibility rule is on the date's own row); the event's page row and its change mark
    are joined to the dates kept, outside the ordered, limited selection, instead of to
    every date the index scan passes. The selector's SQL is kept per process for its
    filters and the content version (`cms.core.compiled_queries`): from one page to the
    next only the window, the cursor and `since` change.
    """
    values = {"window_start": window[0], "window_end": window[1]}
    if after is not None:
        values |= {"after_start": after[0], "after_pk": after[1]}
    if since is not None:
        values["since"] = since

    def dates(window_start, window_end, after_start=None, after_pk=None, since=None):
        occurrences = public_occurrences(
            window_start=window_start,
            window_end=window_end,
            filters=filters,
            after=(after_start, after_pk) if after is not None else None,
            request=request,
        )
        if since is not None:
            occurrences = _changed_since(occurrences, since)
        return occurrences.values_list(*COLUMNS)[:limit]

    version = content_version.for_request(request)
    shape = (
        ("occurrences", version.token, timezone.localdate(), filters, tuple(sorted(values)), limit)
        if version.cacheable
        else None
    )
    sql, params = compiled_queries.sql_for(shape, dates, values)
    connection = connections[EventOccurrence.objects.db]
    quote = connection.ops.quote_name
    page, marks = quote(Page._meta.db_table), quote(ChangeMark._meta.db_table)
    event_columns = ", ".join(
        f"{table}.{quote(field.column)}"
        for table, field in zip((page, page, page, marks), EVENT_FIELDS, strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT shown.*, {event_columns} FROM ({sql}) AS shown "  # noqa: S608 - no input in it
            f"INNER JOIN {page} ON {page}.id = shown.event_id "
            f"LEFT JOIN {marks} ON {marks}.item_type = %s AND {marks}.item_id = shown.event_id "
            "ORDER BY shown.start, shown.id",
            (*params, ItemType.EVENT),
        )
        fields = [EventOccurrence._meta.get_field(name) for name in COLUMNS] + list(EVENT_FIELDS)
        return converted_rows(connection, cursor.fetchall(), fields)


@extend_schema_view(
    get=extend_schema(
        operation_id="occurrence_list",
        summary=_("Termine eines Zeitraums"),
        description=_(
            "Die einzelnen Termine aller öffentlichen Veranstaltungen im Zeitraum `start` bis "
            "`end` (höchstens ein Jahr), mit allen Filtern des Kalenders. Mit `updated_since` "
            "kommen die Termine der seither geänderten Veranstaltungen; Grabsteine haben den "
            "Typ `event` und bedeuten: alle Termine dieser Veranstaltung entfallen."
        ),
        parameters=[
            OccurrenceParameters,
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "ics"]),
        ],
        responses={
            (200, "application/json"): OccurrencePageSerializer,
            (200, "text/calendar"): OpenApiTypes.STR,
            304: None,
            (400, PROBLEM): ProblemSerializer,
            (429, PROBLEM): ProblemSerializer,
        },
    )
)
class OccurrenceList(ApiView):
    renderer_classes = [FastJSONRenderer, ICalRenderer]

    def get(self, request):
        params = parse(OccurrenceParameters, request)
        if request.accepted_renderer.format == "ics":
            window_start, window_end = params["window"]
            occurrences = public_occurrences(
                window_start=window_start,
                window_end=window_end,
                filters=params["filters"],
                request=request,
            )
            return ical_response(request, occurrences, name=str(_("Quartier – Veranstaltungen")))
        position = None
        if params.get("cursor"):
            position = tuple(Cursor.decode(params["cursor"], EventOccurrence, ORDERING))
        as_of = timezone.now()
        since = params.get("updated_since")
        page_size = params["page_size"]
        rows = _page_rows(
            request,
            filters=params["filters"],
            window=params["window"],
            after=position,
            since=since,
            limit=page_size + 1,
        )
        more = len(rows) > page_size
        rows = rows[:page_size]
        results, changed_at = _occurrences_json(rows, request)
        body = {
            "results": results,
            "next": self._next_url(request, rows[-1]) if more else None,
            "next_updated_since": as_of,
            "tombstones": (
                tombstones(ItemType.EVENT, since=since, visible=visible_events())
                if since is not None and not params.get("cursor")
                else []
            ),
        }
        response = Response(body)
        response.last_modified = changed_at
        return response

    def _next_url(self, request, last: tuple) -> str:
        query = request.query_params.copy()
        query["cursor"] = Cursor.encode([last[START].isoformat(), last[ID]])
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _occurrences_json(rows: list[tuple], request) -> tuple[list[dict], datetime | None]:
    """The JSON of a page of dates (rows of `_page_rows`): one dict per date, nothing per
    field; and the latest change time of their events.

    A page holds up to a thousand dates, so this is a single loop over plain tuples
    without a serializer (`OccurrenceSerializer` describes the same shape for the
    schema); what belongs to the event (title, URL, change time) is made once per event.
    """
    events: dict[int, tuple] = {}
    for row in rows:
        if row[EVENT] not in events:
            title, slug, published, marked = row[len(COLUMNS) :]
            # The later of its publishing and its change mark (see `_updated_at`).
            events[row[EVENT]] = (title, slug, row[PATH], max(published or EPOCH, marked or EPOCH))
    # Absolute once per calendar, not once per date (a weekly event has many).
    urls = event_urls(
        [
            {"event_id": pk, "event__slug": slug, "event__path": path}
            for pk, (_title, slug, path, _changed) in events.items()
        ],
        request,
        absolute=True,
    )
    shown = {pk: (title, urls.get(pk), changed) for pk, (title, _s, _p, changed) in events.items()}
    # The dates of a page share a few hundred start times (weekly series, full hours):
    # the local minute of each is computed once.
    minutes: dict[datetime, str] = {}
    results = []
    append = results.append
    for (
        _pk,
        event_id,
        start,
        end,
        all_day,
        original_start,
        is_cancelled,
        cancellation_reason,
        is_online,
        is_on_site,
        is_free,
        is_barrier_free,
        target_group,
        venue_name,
        organiser_id,
        *_event,
    ) in rows:
        title, url, updated_at = shown[event_id]
        series_start = original_start or start
        minute = minutes.get(series_start)
        if minute is None:
            minute = minutes[series_start] = _local_minute(series_start)
        append(
            {
                "id": f"{event_id}:{minute}",
                "event": event_id,
                "title": title,
                "url": url,
                "start": start,
                "end": end,
                "all_day": all_day,
                "original_start": original_start,
                "status": occurrence_status(
                    is_cancelled=is_cancelled, start=start, original_start=original_start
                ),
                "is_cancelled": is_cancelled,
                "cancellation_reason": cancellation_reason,
                "is_online": is_online,
                "is_on_site": is_on_site,
                "is_free": is_free,
                "is_barrier_free": is_barrier_free,
                "target_group": target_group,
                "venue_name": venue_name,
                "organiser": organiser_id,
                "updated_at": updated_at,
            }
        )
    return results, max((changed for _t, _u, changed in shown.values()), default=None)


def _local_minute(moment: datetime) -> str:
    """The local time to the minute, "20270303T1100": with the event, the stable id of a
    date ("12:20270303T1100", its start in the series). Sliced from `isoformat()`, which
    is faster than `strftime` and the same for the years the platform handles
    (cms.core.params)."""
    local = moment.astimezone(LOCAL_TZ).isoformat()
    return f"{local[0:4]}{local[5:7]}{local[8:10]}T{local[11:13]}{local[14:16]}"
