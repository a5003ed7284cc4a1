"""The parts every endpoint shares: parameters, keyset pagination, sync, conditional GET.

An endpoint is a `Resource` (what it lists, through which selector, how a page of rows
becomes JSON) served by `ResourceListView` and `ResourceDetailView`. Rows are built a
page at a time by the resource's `build`, which fetches what the page shows in a
constant number of queries; nothing is filtered in Python.
"""

import base64
import binascii
import json
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from cms.core import compiled_queries, content_version, version_cache
from cms.core.http import answer_conditionally
from cms.core.params import date_in_range

from .errors import PROBLEM_MEDIA_TYPE as PROBLEM
from .sync import tombstones, with_updated_at

DEFAULT_PAGE_SIZE = 50
# Changes on every answer; an unchanged list is still "not modified" (see README).
VOLATILE = "next_updated_since"
MAX_PAGE_SIZE = 1000
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise serializers.ValidationError(_("Das Zeichen NUL ist nicht erlaubt."))
    return value


class BoundedDateTimeField(serializers.DateTimeField):
    """An ISO 8601 time within the years the platform handles (cms.core.params).

    DRF's own field overflows on year 1 or 9999 with an offset while it applies the
    time zone (an OverflowError, a 500); here the year is checked before that.
    """

    def enforce_timezone(self, value):
        if not date_in_range(value):
            raise serializers.ValidationError(
                _("Dieser Zeitpunkt liegt außerhalb des Möglichen (1900 bis 2200).")
            )
        return super().enforce_timezone(value)


class ListParameters(serializers.Serializer):
    """Parameters every list takes."""

    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text=_("Einträge je Seite (1 bis 1000)."),
    )
    cursor = serializers.CharField(
        required=False,
        max_length=500,
        validators=[_no_nul],
        help_text=_("Die Marke aus `next` der vorigen Seite."),
    )
    updated_since = BoundedDateTimeField(
        required=False,
        help_text=_(
            "Nur was sich danach geändert hat, dazu Grabsteine für Verschwundenes "
            "(ISO 8601, z. B. 2026-03-01T00:00:00Z). Den Wert für das nächste Mal nennt "
            "`next_updated_since`."
        ),
    )
    locale = serializers.ChoiceField(
        choices=LANGUAGE_CODES,
        required=False,
        help_text=_("Sprache; sonst aus Accept-Language, ohne Übersetzung Deutsch."),
    )


def parse(serializer_class, request) -> dict:
    """The query parameters through a serializer; a 400 naming the parameter otherwise."""
    serializer = serializer_class(data=request.query_params, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def language_of(request, params: dict) -> str:
    """`?locale=` first, then Accept-Language, else German."""
    if params.get("locale"):
        return params["locale"]
    language = translation.get_language_from_request(request, check_path=False)
    return language if language in LANGUAGE_CODES else DEFAULT_LANGUAGE


def in_language(queryset: QuerySet, visible: QuerySet, language: str) -> QuerySet:
    """Items in the language, or in German where no visible translation exists.

    Each item then states its real language (`locale`), so an app can say "only in
    German" instead of pretending.
    """
    if language == DEFAULT_LANGUAGE:
        return queryset.filter(locale__language_code=DEFAULT_LANGUAGE)
    translated = visible.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    return queryset.filter(
        Q(locale__language_code=language)
        | Q(locale__language_code=DEFAULT_LANGUAGE) & ~Exists(translated)
    )


def languages_of(visible: QuerySet, translation_keys) -> dict:
    """The languages each translation key exists in publicly, in one query."""
    languages: dict = {}
    rows = (
        visible.filter(translation_key__in=set(translation_keys))
        .order_by("locale__language_code")
        .values_list("translation_key", "locale__language_code")
    )
    for key, code in rows:
        languages.setdefault(key, []).append(code)
    return languages


def locale_codes(request) -> dict[int, str]:
    """Each locale's language code by id, kept under the content version (a locale's
    save or delete bumps it): one read shared by the requests until the next change."""
    return version_cache.get_or_build(
        request, "locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


class Cursor:
    """An opaque position in a stable order: the sort values of the last row sent."""

    @staticmethod
    def encode(values: list) -> str:
        data = json.dumps({"after": values}, default=str)
        return base64.urlsafe_b64encode(data.encode()).decode()

    @staticmethod
    def decode(text: str, model, ordering: tuple[str, ...]) -> list:
        invalid = ValidationError({"cursor": [_("Diese Marke ist ungültig.")]})
        try:
            data = json.loads(base64.urlsafe_b64decode(text.encode()))
            values = data["after"]
        except (binascii.Error, ValueError, KeyError, TypeError, UnicodeError) as error:
            raise invalid from error
        if not isinstance(values, list) or len(values) != len(ordering):
            raise invalid
        try:
            values = [
                model._meta.get_field(name.replace("__", ".").split(".")[0]).to_python(value)
                if name != "pk"
                else model._meta.pk.to_python(value)
                for name, value in zip(ordering, values, strict=True)
            ]
        except (DjangoValidationError, TypeError, ValueError) as error:
            raise invalid from error
        if any(value is None for value in values) or any(
            isinstance(value, int) and not 0 <= value < 2**63 for value in values
        ):
            raise invalid
        return values


def after(ordering: tuple[str, ...], values: list) -> Q:
    """Rows after the position in the (ascending) order: a keyset condition."""
    condition = Q(pk__in=[])
    for index, name in enumerate(ordering):
        equal = {ordering[i]: values[i] for i in range(index)}
        condition |= Q(**equal, **{f"{name}__gt": values[index]})
    return condition


class Resource:
    """One type of item as the API lists it."""

    item_type: str = ""
    model = None
    # The item's own last-change column; None when only change marks tell.
    own_timestamp: str | None = None
    ordering: tuple[str, ...] = ("pk",)
    translatable = False
    parameters_class = ListParameters
    item_serializer = None
    # Whether `updated_since` applies (places and categories take it too).
    syncs = True
    # A detail answer adds the heavy fields (body, description) that lists leave out.
    detail = False
    # Whether a list page's SQL may be kept per process (`cms.core.compiled_queries`):
    # only where `visible` and `filter` depend on nothing but the parameters and what is
    # kept under the content version (not on the request's site, user or time of day).
    keeps_sql = False

    # Parameters that narrow by the slug of a relation: {"district": "district__slug"}.
    slug_filters: dict[str, str] = {}

    def visible(self, request) -> QuerySet:
        """Everything any visitor may see of this type, through the site's selector."""
        raise NotImplementedError

    def filter(self, queryset: QuerySet, params: dict, request) -> QuerySet:
        """The `slug_filters` that were given; resources with more filters extend this."""
        for parameter, lookup in self.slug_filters.items():
            if params.get(parameter):
                queryset = queryset.filter(**{lookup: params[parameter]})
        return queryset

    def build(self, items: list, request, language: str) -> list[dict]:
        """The JSON of a page of items, in a constant number of queries."""
        raise NotImplementedError

    def for_build(self, queryset: QuerySet) -> QuerySet:
        """Narrow the columns and fetch relations the JSON shows."""
        return queryset

    def computed_tombstones(self, since: datetime) -> list[dict]:
        """Departures no signal records (e.g. a date that passed); none by default."""
        return []


def page_response_fields() -> dict:
    return {
        "next": serializers.URLField(allow_null=True, help_text=_("Die nächste Seite.")),
        "next_updated_since": serializers.DateTimeField(
            help_text=_("Der Wert für `updated_since` beim nächsten Abgleich.")
        ),
        "tombstones": TombstoneSerializer(
            many=True,
            help_text=_("Nur mit `updated_since`, auf der ersten Seite: was verschwunden ist."),
        ),
    }


class TombstoneSerializer(serializers.Serializer):
    """What is left of an item that left public view: no content."""

    id = serializers.IntegerField()
    type = serializers.CharField()
    deleted_at = serializers.DateTimeField()
    reason = serializers.CharField()


def list_serializer_for(resource_class) -> type[serializers.Serializer]:
    """The schema of a list answer: results, the next page, sync data."""
    return type(
        f"{resource_class.item_serializer.__name__.removesuffix('Serializer')}PageSerializer",
        (serializers.Serializer,),
        {"results": resource_class.item_serializer(many=True), **page_response_fields()},
    )


class ConditionalMixin:
    """Every GET answers HEAD alike and conditional requests with 304."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            last_modified = getattr(response, "last_modified", None)
            stable = None
            if isinstance(response, Response):
                response.render()
                if isinstance(response.data, dict) and VOLATILE in response.data:
                    # The rendered body without the one value that changes on every
                    # answer: cutting it out of the bytes costs a scan, rendering the
                    # body a second time would cost as much as the first.
                    volatile = JSONRenderer().render(response.data[VOLATILE])
                    stable = response.content.replace(volatile, b"")
            response = answer_conditionally(
                request, response, last_modified=last_modified, etag_content=stable
            )
        return response


class ApiView(ConditionalMixin, APIView):
    """The base of every endpoint.

    Anonymous and read-only: no authentication (no session, no CSRF) here. This is set on
    the views rather than in REST_FRAMEWORK because Wagtail's admin API is a DRF view too
    and needs the signed-in staff user.
    """

    authentication_classes = ()


class ResourceListView(ApiView):
    """A list: filters, keyset pages, `updated_since` with tombstones."""

    resource: Resource

    def get(self, request):
        resource = self.resource
        params = parse(resource.parameters_class, request)
        language = language_of(request, params)
        visible = resource.visible(request)
        as_of = timezone.now()
        position = None
        if params.get("cursor"):
            position = Cursor.decode(params["cursor"], resource.model, resource.ordering)
        since = params.get("updated_since")
        page_size = params["page_size"]
        # The values that change from one page to the next; the rest is the query's shape.
        values = {f"after_{index}": value for index, value in enumerate(position or ())}
        if since is not None:
            values["since"] = since

        def page(**values):
            queryset = with_updated_at(visible, resource.item_type, resource.own_timestamp)
            if resource.translatable:
                queryset = in_language(queryset, visible, language)
            queryset = resource.filter(queryset, params, request)
            if position is not None:
                cursor = [values[f"after_{index}"] for index in range(len(position))]
                queryset = queryset.filter(after(resource.ordering, cursor))
            if since is not None:
                queryset = queryset.filter(api_updated_at__gt=values["since"])
            return resource.for_build(queryset.order_by(*resource.ordering))[: page_size + 1]

        items = compiled_queries.rows_for(
            self._shape(request, params, language, values), page, values
        )
        more = len(items) > page_size
        items = items[:page_size]
        body = {
            "results": resource.build(items, request, language),
            "next": self._next_url(request, resource, items[-1]) if more else None,
            "next_updated_since": as_of,
            "tombstones": (
                tombstones(resource.item_type, since=since, visible=visible)
                + resource.computed_tombstones(since)
                if since is not None and not params.get("cursor")
                else []
            ),
        }
        response = Response(body)
        response.last_modified = max((_updated_at(item) for item in items), default=None)
        return response

    def _shape(self, request, params: dict, language: str, values: dict):
        """What the page's query depends on besides `values`, for a resource whose query
        depends only on its parameters and the content version (`keeps_sql`)."""
        if not self.resource.keeps_sql:
            return None
        version = content_version.for_request(request)
        if not version.cacheable:
            return None
        given = repr(
            sorted(
                (name, value)
                for name, value in params.items()
                if name not in ("cursor", "updated_since")
            )
        )
        return (
            type(self.resource).__name__,
            version.token,
            timezone.localdate(),
            language,
            given,
            tuple(sorted(values)),
        )

    def _next_url(self, request, resource, last) -> str:
        values = [_sort_value(last, name) for name in resource.ordering]
        query = request.query_params.copy()
        query["cursor"] = Cursor.encode(values)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _sort_value(item, name: str):
    if isinstance(item, dict):
        value = item["id"] if name == "pk" else item[name]
    else:
        value = getattr(item, name)
    return value.isoformat() if isinstance(value, datetime) else value


def _updated_at(item) -> datetime:
    return item["api_updated_at"] if isinstance(item, dict) else item.api_updated_at


class ResourceDetailView(ApiView):
    """One item by id, through the same selector as the list; 404 otherwise."""

    resource: Resource

    def get(self, request, pk: int):
        resource = self.resource
        params = parse(DetailParameters, request)
        language = language_of(request, params)
        if pk >= 2**63:
            raise Http404
        queryset = with_updated_at(
            resource.visible(request), resource.item_type, resource.own_timestamp
        )
        items = list(resource.for_build(queryset.filter(pk=pk)))
        if not items:
            raise Http404
        response = Response(resource.build(items, request, language)[0])
        response.last_modified = _updated_at(items[0])
        return response


# What an item kept only in German says about its languages (places, categories, listings).
GERMAN_ONLY = {"languages": [DEFAULT_LANGUAGE], "is_easy_language": False}


def endpoints(
    resource_class,
    *,
    summary: str,
    detail_summary: str,
    description: str = "",
    detail_serializer=None,
) -> tuple[type["ResourceListView"], type["ResourceDetailView"]]:
    """The list and the detail view of a resource, each with its OpenAPI description.

    With `detail_serializer`, the detail answers with the heavy fields (`detail=True`)
    that the list leaves out.
    """
    name = resource_class.__name__.removesuffix("Resource")
    detail_class = resource_class
    if detail_serializer is not None:
        detail_class = type(
            f"{name}DetailResource",
            (resource_class,),
            {
                "item_serializer": detail_serializer,
                "detail": True,
                "__module__": resource_class.__module__,
            },
        )
    list_view = list_schema(resource_class, summary=summary, description=description)(
        type(
            f"{name}List",
            (ResourceListView,),
            {"resource": resource_class(), "__module__": resource_class.__module__},
        )
    )
    detail_view = detail_schema(detail_class, summary=detail_summary)(
        type(
            f"{name}Detail",
            (ResourceDetailView,),
            {"resource": detail_class(), "__module__": resource_class.__module__},
        )
    )
    return list_view, detail_view


class DetailParameters(serializers.Serializer):
    locale = serializers.ChoiceField(choices=LANGUAGE_CODES, required=False)


def list_schema(resource_class, *, summary: str, description: str = "", extra=()):
    """The OpenAPI description of a list endpoint: its parameters and answers."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{resource_class.item_type}_list",
            summary=summary,
            description=description,
            parameters=[resource_class.parameters_class, *extra],
            responses={
                200: list_serializer_for(resource_class),
                304: None,
                (400, PROBLEM): ProblemSerializer,
                (429, PROBLEM): ProblemSerializer,
            },
        )
    )


def detail_schema(resource_class, *, summary: str):
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{resource_class.item_type}_detail",
            summary=summary,
            parameters=[
                DetailParameters,
                OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
            ],
            responses={
                200: resource_class.item_serializer,
                304: None,
                (400, PROBLEM): ProblemSerializer,
                (404, PROBLEM): ProblemSerializer,
                (429, PROBLEM): ProblemSerializer,
            },
        )
    )


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    invalid_params = InvalidParamSerializer(many=True, required=False)
