"""Benchmark of the calendar on PostgreSQL: month window, district feed, list page.

    python scripts/throwaway_postgres.py -- .venv/bin/python bench/calendar_bench.py

Builds the dataset in two steps (one tenth, then full size: 4 districts x 2,500
events, about 20 % weekly recurring for six months, the rest single events over twelve
months), and after each step measures, for one district:
- the month-window query (the occurrences of next month as the month view reads them:
  entries with their events' titles, URLs and districts),
- the district's full iCal feed (GET /ical/events.ics?district=…),
- the calendar list page (GET <calendar>?district=…),
- the month view page of next month, for the whole calendar (all districts, the
  issue's "2,300 dates") and for one district (GET <calendar>?view=monat&date=…),
- one recurring event's page,
reporting the median time of several runs and the number of queries.

Then, under load (full size only; issue 16 item 5): gunicorn with 2 sync workers and
persistent connections on 127.0.0.1 and wrk (`-t2 -c8 -d5s`), for the district feed,
the month view, the list page and an event page: requests per second warm (from the
response cache), of the 304 answer (`If-None-Match`) and cold (a second server with
the response cache off, so that every request is built as the first one after a
change is), each next to the bare ceiling view returning a body of the same size from
the same server in the same run (bench/urls.py); and the time of the single first
request after a bump of the content version against a warm one.

Switches (environment) for iterating:
- `BENCH_SIZES=full` measures the full size only (the tenth is still built first, so the
  dataset is the same); `BENCH_SIZES=tenth` stops after the tenth.
- `BENCH_LOAD=0` skips the load part (gunicorn and wrk).
- `BENCH_PROFILE=1` prints a cProfile of the in-process month view page (whole calendar)
  and of the list and event pages after the in-process figures.
- `BENCH_REUSE=1` with a DATABASE_URL of your own: reuses the dataset a previous run
  built in that database instead of building it again.
"""

import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from bench import load  # noqa: E402
from cms.core import content_version  # noqa: E402
from cms.events.models import EventIndexPage, EventPage  # noqa: E402
from cms.events.selectors import (  # noqa: E402
    CalendarFilters,
    calendar_entries,
    occurrences_for_listing,
    public_occurrences,
)
from cms.events.services import occurrence_horizon_roll, occurrence_index_vacuum  # noqa: E402
from cms.home.models import PortalHomePage  # noqa: E402
from cms.places.models import District, Municipality  # noqa: E402

DISTRICTS = ["bench-nord", "bench-sued", "bench-ost", "bench-west"]
EVENTS_PER_DISTRICT = 2500
RUNS = 7
SIZES = set(os.environ.get("BENCH_SIZES", "tenth,full").split(","))
LOAD = os.environ.get("BENCH_LOAD", "1") != "0"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
REUSE = os.environ.get("BENCH_REUSE") == "1"
BERLIN = timezone.get_fixed_timezone(60)


def _existing_tree():
    """The districts and calendar of an earlier run in the same database, or None."""
    calendar = EventIndexPage.objects.filter(
        slug="veranstaltungen", url_path__contains="benchstadt"
    )
    calendar = calendar.first()
    if calendar is None:
        return None
    return list(District.objects.filter(slug__in=DISTRICTS).order_by("pk")), calendar


def _tree():
    municipality, _ = Municipality.objects.get_or_create(
        slug="benchstadt", defaults={"name": "Benchstadt"}
    )
    districts = [
        District.objects.get_or_create(
            slug=slug, defaults={"name": slug, "municipality": municipality}
        )[0]
        for slug in DISTRICTS
    ]
    portal = PortalHomePage(title="Benchstadt", slug="benchstadt", municipality=municipality)
    Page.get_first_root_node().add_child(instance=portal)
    site = Site.objects.get(is_default_site=True)
    site.root_page = portal
    site.save()
    calendar = EventIndexPage(title="Veranstaltungen", slug="veranstaltungen")
    portal.add_child(instance=calendar)
    return districts, calendar


def _starts_from_now(rng, now, recurring: bool):
    """Recurring events start within six months, single ones within a year."""
    return now + timedelta(
        days=rng.randrange(0, 180 if recurring else 365), hours=rng.randrange(0, 12)
    )


@transaction.atomic
def _add_events(calendar, districts, per_district: int, offset: int, *, starts=None) -> None:
    """Insert event pages in bulk: tree rows with computed paths, then the event rows.

    Adding ten thousand pages one by one through treebeard takes many minutes; the
    pages made here are the same rows (live, published) that Wagtail would write.
    `starts(rng, now, recurring)` picks each event's start (`_starts_from_now` unless given).
    """
    starts = starts or _starts_from_now
    rng = random.Random(offset)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    content_type = ContentType.objects.get_for_model(EventPage)
    locale_id = calendar.locale_id
    position = calendar.get_children_count()
    pages, events, links = [], [], []
    for district in districts:
        for n in range(per_district):
            position += 1
            recurring = rng.random() < 0.2
            start = starts(rng, now, recurring)
            title = f"Veranstaltung {district.slug} {offset + n}"
            slug = f"v-{district.slug}-{offset + n}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(calendar.path, calendar.depth + 1, position),
                    depth=calendar.depth + 1,
                    numchild=0,
                    url_path=f"{calendar.url_path}{slug}/",
                    content_type=content_type,
                    locale_id=locale_id,
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
            events.append(
                {
                    "district": district,
                    "start": start,
                    "rule": (
                        f"FREQ=WEEKLY;UNTIL={(start + timedelta(days=182)):%Y%m%dT%H%M%SZ}"
                        if recurring
                        else ""
                    ),
                }
            )
    Page.objects.bulk_create(pages, batch_size=1000)
    rows = []
    for page, spec in zip(pages, events, strict=True):
        event = EventPage(
            page_ptr_id=page.pk,
            description="<p>Ein Treffen in der Nachbarschaft.</p>",
            start=spec["start"],
            end=spec["start"] + timedelta(hours=2),
            recurrence_rule=spec["rule"],
            venue_name="Bürgerhaus",
        )
        rows.append(event)
        links.append(
            EventPage.districts.through(eventpage_id=page.pk, district_id=spec["district"].pk)
        )
    fields = EventPage._meta.local_concrete_fields
    for batch in range(0, len(rows), 1000):
        EventPage._base_manager._insert(rows[batch : batch + 1000], fields=fields)
    EventPage.districts.through.objects.bulk_create(links, batch_size=1000)
    Page.objects.filter(pk=calendar.pk).update(numchild=position)
    calendar.numchild = position


def _measure(function) -> tuple[float, int]:
    function()  # warm up
    timings = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return statistics.median(timings), queries


@override_settings(QUARTIER_RESPONSE_CACHE=False)
def _report(label: str, calendar, district) -> list[str]:
    """In process, without the response cache: the cold path of every request."""
    client = Client()
    now = timezone.now()
    month_start = (now + timedelta(days=32)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    month_end = (month_start + timedelta(days=32)).replace(day=1)
    filters = CalendarFilters(district_ids=(district.pk,))

    def month_window():
        # What the month view reads: the entries with their events' titles, URLs and
        # districts, ready for the template.
        return calendar_entries(
            occurrences_for_listing(
                public_occurrences(window_start=month_start, window_end=month_end, filters=filters)
            )
        )

    def feed():
        response = client.get("/ical/events.ics", {"district": district.slug})
        if response.status_code != 200:
            raise RuntimeError(response.status_code)
        return response

    def list_page():
        response = client.get(calendar.url, {"district": district.slug})
        if response.status_code != 200:
            raise RuntimeError(response.status_code)
        return response

    def month_page(**params):
        def get():
            response = client.get(
                calendar.url, {"view": "monat", "date": f"{month_start:%Y-%m-%d}", **params}
            )
            if response.status_code != 200:
                raise RuntimeError(response.status_code)
            return response

        return get

    event = EventPage.objects.exclude(recurrence_rule="").order_by("pk").first()
    event_url = event.url

    def event_page():
        response = client.get(event_url)
        if response.status_code != 200:
            raise RuntimeError(response.status_code)
        return response

    if PROFILE:
        _profile("month view page, whole calendar", month_page())
        _profile("month view page, one district", month_page(district=district.slug))
        _profile("calendar list page, one district", list_page)
        _profile("event page, weekly event", event_page)

    rows = []
    n_month = len(month_window())
    n_vevents = feed().content.count(b"BEGIN:VEVENT")
    n_all_month = len(
        occurrences_for_listing(public_occurrences(window_start=month_start, window_end=month_end))
    )
    for name, function, size in (
        ("month window, one district", month_window, f"{n_month} occurrences"),
        ("iCal feed, one district", feed, f"{n_vevents} VEVENTs"),
        ("calendar list page, one district", list_page, "20 per page"),
        ("month view page, whole calendar", month_page(), f"{n_all_month} dates in the month"),
        (
            "month view page, one district",
            month_page(district=district.slug),
            f"{n_month} dates in the month",
        ),
        ("event page, weekly event", event_page, "one page"),
    ):
        milliseconds, queries = _measure(function)
        rows.append(f"| {label} | {name} | {size} | {milliseconds:.1f} ms | {queries} |")
    return rows


def _profile(name: str, function) -> None:
    """cProfile of RUNS requests after a warm-up: where a request's time goes."""
    function()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(RUNS):
        function()
    profiler.disable()
    print(f"\n## cProfile: {name} ({RUNS} requests)", flush=True)
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "5"))
LOAD_CONNECTIONS = 8


def _surfaces(calendar, district) -> list[tuple[str, str]]:
    month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    return [
        ("district feed", f"/ical/events.ics?district={district.slug}"),
        ("month view", f"{calendar.url}?view=monat&district={district.slug}&date={month}"),
        ("list page", f"{calendar.url}?district={district.slug}"),
        ("event page", f"{calendar.url}v-{district.slug}-0/"),
    ]


def _timed_ms(port: int, path: str) -> float:
    started = time.perf_counter()
    response = load.request(port, path)
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return (time.perf_counter() - started) * 1000


def _load_run(calendar, district) -> list[str]:
    """Warm, 304 and cold requests/s of each surface next to the ceiling of its size."""
    if not load.available():
        return ["(load run skipped: gunicorn or wrk is missing)"]

    def _wrk(port, path, headers=()):
        return load.wrk(port, path, headers, connections=LOAD_CONNECTIONS, seconds=LOAD_SECONDS)

    surfaces = _surfaces(calendar, district)
    measured = {}
    with load.gunicorn() as port:
        for name, path in surfaces:
            full = load.request(port, path)
            if full.status != 200:
                raise RuntimeError(f"{path}: {full.status}")
            etag = full.getheader("ETag")
            if load.request(port, path, {"If-None-Match": etag}).status != 304:
                raise RuntimeError(f"{path}: no 304 for its own ETag")
            size = len(full.body)
            ceiling_path = f"/bench/ceiling/{size}/"
            load.request(port, ceiling_path)
            first = []
            for _ in range(5):
                content_version.bump()
                first.append(_timed_ms(port, path))
            first_ms = statistics.median(first)
            for _ in range(4):  # both workers warm
                load.request(port, path)
            warm_ms = statistics.median([_timed_ms(port, path) for _ in range(7)])
            measured[name] = {
                "size": size,
                "first_ms": first_ms,
                "warm_ms": warm_ms,
                "ceiling": _wrk(port, ceiling_path),
                "warm": _wrk(port, path),
                "304": _wrk(port, path, [f"If-None-Match: {etag}"]),
                "empty": _wrk(port, "/bench/ceiling/0/"),
            }
    with load.gunicorn(environment={"QUARTIER_RESPONSE_CACHE": "false"}) as port:
        for name, path in surfaces:
            size = measured[name]["size"]
            load.request(port, path)
            measured[name]["cold ceiling"] = _wrk(port, f"/bench/ceiling/{size}/")
            measured[name]["cold"] = _wrk(port, path)
    rows = [
        "| surface | body | path | requests/s | ceiling (same size, same run) | share "
        "| load average |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, _path in surfaces:
        m = measured[name]
        ceiling = m["ceiling"][0]
        rows += [
            f"| {name} | {m['size']:,} bytes | warm (cache) | {m['warm'][0]:.0f} | {ceiling:.0f} "
            f"| {m['warm'][0] / ceiling:.0%} | {m['warm'][1]} |",
            f"| {name} | empty | 304 | {m['304'][0]:.0f} | {ceiling:.0f} (empty body "
            f"{m['empty'][0]:.0f}) | {m['304'][0] / ceiling:.0%} "
            f"({m['304'][0] / m['empty'][0]:.0%}) | {m['304'][1]} |",
            f"| {name} | {m['size']:,} bytes | cold (cache off) | {m['cold'][0]:.0f} "
            f"| {m['cold ceiling'][0]:.0f} | {m['cold'][0] / m['cold ceiling'][0]:.0%} "
            f"| {m['cold'][1]} |",
        ]
    rows += ["", "| surface | first request after a bump | warm request |", "|---|---|---|"]
    rows += [
        f"| {name} | {measured[name]['first_ms']:.1f} ms | {measured[name]['warm_ms']:.1f} ms |"
        for name, _path in surfaces
    ]
    return rows


def main() -> None:
    call_command("migrate", verbosity=0)
    rows = ["| dataset | measurement | size | median time | queries |", "|---|---|---|---|---|"]
    existing = _existing_tree() if REUSE else None
    if existing is None:
        districts, calendar = _tree()
        tenth = EVENTS_PER_DISTRICT // 10
        started = time.perf_counter()
        _add_events(calendar, districts, tenth, 0)
        occurrences = occurrence_horizon_roll()
        print(
            f"generated {tenth * 4} events, {occurrences} occurrences "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if "tenth" in SIZES:
            rows += _report(
                f"1/10 ({tenth * 4} events, {occurrences} occ.)", calendar, districts[0]
            )
        if "full" not in SIZES:
            print("\n".join(rows), flush=True)
            return
        started = time.perf_counter()
        _add_events(calendar, districts, EVENTS_PER_DISTRICT - tenth, tenth)
        occurrences = occurrence_horizon_roll()
        print(
            f"generated {EVENTS_PER_DISTRICT * 4} events, {occurrences} occurrences "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    else:
        districts, calendar = existing
        occurrences = occurrence_horizon_roll()
        print(f"reused the dataset of an earlier run: {occurrences} occurrences", flush=True)
    # As the nightly task does after the rebuild (the covering index's pages all-visible).
    occurrence_index_vacuum()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows += _report(
        f"full ({EVENTS_PER_DISTRICT * 4} events, {occurrences} occ.)", calendar, districts[0]
    )
    print("\n".join(rows), flush=True)
    if not LOAD:
        return
    print(
        f"\nUnder load: gunicorn, 2 sync workers, CONN_MAX_AGE=60, "
        f"wrk -t2 -c{LOAD_CONNECTIONS} -d{LOAD_SECONDS}s; load average before: "
        f"{load.load_average()}",
        flush=True,
    )
    print("\n".join(_load_run(calendar, districts[0])))


if __name__ == "__main__":
    main()
