"""No input gives a 500: every public URL pattern with hostile values.

The patterns are read from Django's resolver (the way tests/tenancy/urlconf.py does), so
a URL added tomorrow is swept too. Each one is filled with hostile path values and asked
with hostile query parameters, then a few pages are asked with hostile cookies and
headers, and the admin's listing screens with hostile `?q=` and `?p=`. The corpus is
sampled per pattern with a fixed seed, so a failure repeats and the run stays short.
The number of requests and patterns is printed in the terminal summary.
"""

import random
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import get_resolver

from cms.places.models import SocialSpace
from tests.events.factories import EventPageFactory
from tests.exchange.factories import ListingFactory
from tests.factories import UserFactory
from tests.tenancy.urlconf import _walk

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "django-admin/", "static/", "^static/", "^media/")
LONG = "ä" * 2500 + "x" * 2500

# Values for path parameters and query parameters alike.
HOSTILE_VALUES = [
    "\x00",
    "%00",
    "a\x00b",
    str(2**64),
    str(2**63),
    "-1",
    str(10**30),
    "0",
    "²",
    "١٢",
    "9999-12-31",
    "0001-01-01",
    "99999-01-01",
    "2026-02-30",
    "1899-12-31T23:59:59+14:00",
    "9999-12-31T23:59:59-12:00",
    "2026-W99",
    "\u202eevil\u202c",
    "שלום",
    "🙂🙂",
    "e\u0301\u0301\u0301",
    '"',
    "'",
    "a\"b'c",
    "&|!:*()",
    "'; DROP TABLE x; --",
    "NOT AND OR NEAR(",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%",
    "\r\nX-Injected: 1",
    LONG,
    "",
]

QUERY_PARAMETERS = [
    "view",
    "date",
    "start",
    "end",
    "district",
    "category",
    "provider",
    "tag",
    "q",
    "page",
    "page_size",
    "cursor",
    "locale",
    "format",
    "updated_since",
    "id",
    "event",
    "type",
    "kind",
    "seite",
    "woche",
    "gross",
    "status",
    "next",
    "fassung",
    "attendance",
    "target_group",
    "free",
    "include_cancelled",
]

COOKIE_VALUES = [
    "a=1&b=2&c=3&d=4&e=5",
    "schrift=gross&kontrast=hoch&schrift=x&kontrast=y&z=1&zz=2",
    "\x00",
    "%ff%fe",
    "schrift=" + "x" * 5000,
    "&&&&&&&&&&",
    "=;=;=",
]
HOSTILE_HEADERS = [
    {"HTTP_ACCEPT_LANGUAGE": "x" * 5000},
    {"HTTP_ACCEPT_LANGUAGE": "de;q=abc, *;q=-1, ar-XX;q=2"},
    {"HTTP_ACCEPT_LANGUAGE": "\x00"},
    {"HTTP_IF_MODIFIED_SINCE": "Fri, 31 Dec 9999 23:59:59 GMT"},
    {"HTTP_IF_MODIFIED_SINCE": "Mon, 01 Jan 0001 00:00:00 GMT"},
    {"HTTP_IF_MODIFIED_SINCE": "gestern"},
    {"HTTP_IF_NONE_MATCH": '"' * 500},
    {"HTTP_IF_NONE_MATCH": 'W/"x", *, "", W/'},
    {"HTTP_RANGE": "bytes=99999999999999999999-"},
    {"HTTP_RANGE": "bytes=-1--1"},
    {"HTTP_ACCEPT": "text/calendar;q=x, */*;q=0"},
]

# A parameter of a route, filled first with a value that exists (so the view goes on to
# read the query string), then with hostile ones.
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_REGEX_GROUP = re.compile(r"\((?:\?P<(\w+)>)?[^()]*\)")
# Sampled so that the sweep stays near a minute on loaded cores: each query request
# carries several hostile parameters at once.
QUERIES_PER_PATTERN = 1
PARAMETERS_PER_QUERY = 8
PATH_VALUES_PER_PARAMETER = 2
VALUES_PER_PAGE = 12


@dataclass
class Tally:
    requests: int = 0
    patterns: int = 0
    failures: list[str] = field(default_factory=list)

    def ask(self, client: Client, path: str, **headers) -> None:
        self.requests += 1
        response = client.get(path, **headers)
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            cause = f"{error[0].__name__}: {str(error[1])[:120]}" if error else ""
            self.failures.append(f"{response.status_code} GET {path[:200]!r} {cause}")


def _public_routes() -> list[tuple[str, str]]:
    routes = []
    for route, name in _walk(get_resolver().url_patterns, "", ()):
        if route.startswith(SKIPPED_PREFIXES) or (route, name) in routes:
            continue
        routes.append((route, name))
    return routes


def _fill(route: str, values: dict[str, str], default: str) -> str:
    """The route as a path: converters and regex groups replaced by (quoted) values."""

    def converter(match):
        return quote(values.get(match[2], default), safe="")

    def group(match):
        return quote(values.get(match[1] or "", default), safe="")

    if route.startswith("^") or "(" in route:
        text = _REGEX_GROUP.sub(group, route.lstrip("^").rstrip("$"))
        text = text.replace("/?", "/").replace("\\", "")
        text = re.sub(r"\^|\$|\.\*|\[[^\]]*\][+*]?", "", text)
    else:
        text = _CONVERTER.sub(converter, route)
    return "/" + text.lstrip("/")


def _parameters(route: str) -> list[tuple[str, str]]:
    if route.startswith("^") or "(" in route:
        return [(match[1] or "", "str") for match in _REGEX_GROUP.finditer(route)]
    return [(match[2], match[1] or "str") for match in _CONVERTER.finditer(route)]


def _path_values(kind: str, rng: random.Random) -> list[str]:
    if kind == "int":
        # The int converter matches digits only; anything else is a 404 by the resolver.
        return rng.sample(["0", str(2**63), str(2**64), str(10**30)], 2)
    return rng.sample(HOSTILE_VALUES[:-1], PATH_VALUES_PER_PARAMETER)


@pytest.fixture
def demo_like_world(gelsenkirchen, calendar_page, editor):
    """A published event, a published listing and a social space: real ids and slugs."""
    schalke = gelsenkirchen.district_homes["schalke"].district
    event = EventPageFactory(parent=calendar_page, districts=[schalke], published_by=editor)
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    space = SocialSpace.objects.create(district=schalke, name="Kita Sonnenschein")
    return {
        "pk": str(listing.pk),
        "district_slug": schalke.slug,
        "social_space_slug": space.slug,
        "restriction_id": "1",
        "page_view_restriction_id": "1",
        "page_id": str(event.pk),
        "token": "abc",
        "uidb64": "MQ",
        "path": "",
        "": str(listing.pk),
        "event_pages": [event.url, calendar_page.url, gelsenkirchen.portal.url],
    }


@pytest.fixture
def calendar_page(gelsenkirchen):
    from tests.events.factories import EventIndexPageFactory

    return EventIndexPageFactory(parent=gelsenkirchen.portal)


def test_no_public_url_answers_a_hostile_value_with_a_server_error(
    demo_like_world, record_property, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    client = Client(raise_request_exception=False)
    tally = Tally()
    routes = _public_routes()
    for route, name in routes:
        rng = random.Random(f"{name} {route}")
        tally.patterns += 1
        known = {k: v for k, v in demo_like_world.items() if isinstance(v, str)}
        base = _fill(route, known, default="1")
        tally.ask(client, base)
        for parameter, kind in _parameters(route):
            for value in _path_values(kind, rng):
                tally.ask(client, _fill(route, {**known, parameter: value}, default="1"))
        for _ in range(QUERIES_PER_PATTERN):
            query = {
                name: rng.choice(HOSTILE_VALUES)
                for name in rng.sample(QUERY_PARAMETERS, PARAMETERS_PER_QUERY)
            }
            tally.ask(client, f"{base}?{urlencode(query)}")
    # The page tree (served by Wagtail's catch-all) with every parameter at once.
    pages = demo_like_world["event_pages"]
    for page_url in pages:
        rng = random.Random(page_url)
        for value in rng.sample(HOSTILE_VALUES, VALUES_PER_PAGE):
            names = rng.sample(QUERY_PARAMETERS, 6)
            tally.ask(client, f"{page_url}?{urlencode(dict.fromkeys(names, value))}")
    for page_url in [pages[0], "/api/v1/events/", "/admin/login/"]:
        for cookie in COOKIE_VALUES:
            cookie_client = Client(raise_request_exception=False)
            cookie_client.cookies["quartier_darstellung"] = cookie
            cookie_client.cookies["sessionid"] = cookie
            cookie_client.cookies["csrftoken"] = cookie
            cookie_client.cookies["django_language"] = cookie
            tally.ask(cookie_client, page_url)
        for headers in HOSTILE_HEADERS:
            tally.ask(client, page_url, **headers)
    record_property(
        "hostile_sweep",
        f"hostile sweep: {tally.requests} requests over {tally.patterns} public URL patterns "
        f"and {len(pages)} pages, {len(tally.failures)} server errors",
    )
    assert not tally.failures, "\n".join(tally.failures[:40])


def _admin_listing_paths() -> list[str]:
    """The admin's screens without parameters that list things (index, listing, list)."""
    paths = []
    for route, name in _walk(get_resolver().url_patterns, "", ()):
        if not route.startswith("admin/") or "<" in route or "(" in route:
            continue
        if re.search(r"(index|list|listing|results|report|search)$", name.split(":")[-1]):
            paths.append("/" + route)
    return sorted(set(paths))


def test_no_admin_listing_answers_a_hostile_search_or_page_with_a_server_error(
    gelsenkirchen, record_property, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    tally = Tally()
    corpus = ['"', "&|!:*()", "\x00", str(2**64), "-1", "9999-12-31", "🙂", LONG[:600]]
    for path in _admin_listing_paths():
        tally.patterns += 1
        rng = random.Random(path)
        for name in ("q", "p"):
            tally.ask(client, f"{path}?{urlencode({name: rng.choice(corpus)})}")
    record_property(
        "hostile_sweep",
        f"hostile admin sweep: {tally.requests} requests over {tally.patterns} admin listings, "
        f"{len(tally.failures)} server errors",
    )
    assert not tally.failures, "\n".join(tally.failures[:40])
