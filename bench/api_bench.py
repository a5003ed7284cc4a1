"""Benchmark of the REST API on PostgreSQL: in process and under load (issue 12, item 7).

    python scripts/throwaway_postgres.py -- .venv/bin/python bench/api_bench.py

Builds 4 districts x 2,500 events (20 % weekly for 26 weeks, all of them running
through the coming March, the rest single events over the next twelve months; so the
March window of one district holds about 2,300 dates) and 4 x 500 listings, first one
tenth, then full size, and measures:

- in process (Django's test client, median of several runs): the March window of one
  district through `occurrences/` with `page_size=1000`, every page following `next`,
  with the queries of each page; the first pages of `events/` and `listings/`;
- under load (full size only): gunicorn with 2 sync workers on 127.0.0.1 and wrk,
  requests per second of the window's first page, of the listings' first page and of
  their 304 answers (`If-None-Match`), next to a bare Django view returning a body of
  the same size from the same server in the same run (`bench/urls.py`): the ceiling.

The load run needs `gunicorn` (the `production` extra) and `wrk` on the PATH; it listens
on a free port. With `BENCH_PROFILE=1` the full-size in-process run also prints the
cProfile of the window's pages (the functions that take the most time, cumulative and
own), which is how the speed work on this endpoint was steered.

Switches for iterating: `BENCH_SIZES=tenth` or `BENCH_SIZES=full` measures only that
size (default both); `BENCH_LOAD=0` or `BENCH_PARTS=in-process` skips the load run,
`BENCH_PARTS=load` the in-process measurements. `BENCH_DUMP=<file>` writes the
bodies and ETags of every measured answer (without the `next_updated_since` time) to
that file, and `BENCH_REUSE=1` measures the data already in the database instead of
building it: the two together compare two versions of the code on the same data
(build with one, then measure with each; see bench/README.md).
"""

import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402
import orjson  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import load  # noqa: E402
from bench.calendar_bench import DISTRICTS, EVENTS_PER_DISTRICT, _add_events, _tree  # noqa: E402
from cms.events.models import EventOccurrence  # noqa: E402
from cms.events.recurrence import LOCAL_TZ  # noqa: E402
from cms.events.services import occurrence_horizon_roll  # noqa: E402
from cms.places.models import District  # noqa: E402
from exchange.enums import ListingKind, ListingStatus, ListingType, MemberStatus  # noqa: E402
from exchange.models import Category, Listing, Member  # noqa: E402

RUNS = 7
LISTINGS_PER_DISTRICT = 500
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
LOAD_CONNECTIONS = 4
LOAD_ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "3"))
# `BENCH_SIZES=tenth` measures at one tenth only (the load run too): for iterating.
SIZES = os.environ.get("BENCH_SIZES", "tenth,full").split(",")
# `BENCH_PARTS=load` skips the in-process measurements, `in-process` the load run.
PARTS = os.environ.get("BENCH_PARTS", "in-process,load").split(",")
IN_PROCESS, LOAD = "in-process" in PARTS, "load" in PARTS
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
# `BENCH_LOAD=0` skips the load run as well.
LOAD = LOAD and os.environ.get("BENCH_LOAD", "1") != "0"
DUMP = os.environ.get("BENCH_DUMP", "")
REUSE = os.environ.get("BENCH_REUSE") == "1"


def _next_march() -> date:
    today = timezone.localdate()
    return date(today.year + 1 if today.month >= 3 else today.year, 3, 1)


MARCH = _next_march()


def _starts_around_march(rng, now, recurring: bool) -> datetime:
    """Weekly series start up to 150 days before March (26 weeks cover the month)."""
    if recurring:
        day = MARCH - timedelta(days=rng.randrange(1, 150))
        return datetime(day.year, day.month, day.day, 9 + rng.randrange(0, 11), tzinfo=LOCAL_TZ)
    return now + timedelta(days=rng.randrange(0, 365), hours=rng.randrange(0, 12))


@transaction.atomic
def _add_listings(districts, per_district: int, offset: int) -> None:
    municipality = districts[0].municipality
    category, _ = Category.objects.get_or_create(
        municipality=municipality, name="Einkaufen", defaults={"slug": "einkaufen"}
    )
    members = []
    for district in districts:
        user = get_user_model().objects.create_user(
            username=f"bench-{district.slug}-{offset}", password=None
        )
        members.append(
            Member.objects.create(
                user=user,
                municipality=municipality,
                district=district,
                display_name="Nachbarin B.",
                status=MemberStatus.APPROVED,
                email_confirmed_at=timezone.now(),
            )
        )
    now = timezone.now()
    Listing.objects.bulk_create(
        [
            Listing(
                municipality=municipality,
                member=member,
                kind=ListingKind.OFFER if n % 2 else ListingKind.REQUEST,
                listing_type=ListingType.NEIGHBOURLY_HELP,
                category=category,
                title=f"Hilfe beim Einkaufen {offset + n}",
                description="Ich gehe dienstags zum Markt und nehme Ihren Einkaufszettel mit.",
                district=member.district,
                valid_until=timezone.localdate() + timedelta(days=60),
                status=ListingStatus.PUBLISHED,
                published_at=now - timedelta(minutes=n),
            )
            for member in members
            for n in range(per_district)
        ],
        batch_size=1000,
    )


def _get(client, url, params=None):
    response = client.get(url, params or {})
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code} {response.content[:300]!r}")
    return response


def _window_params(district) -> dict:
    last = MARCH.replace(day=31)
    return {"district": district.slug, "start": f"{MARCH}", "end": f"{last}", "page_size": 1000}


def _window_pages(client, district) -> tuple[int, int, list[int]]:
    """All pages of the March window: dates, pages, queries of each page."""
    url, params = "/api/v1/occurrences/", _window_params(district)
    total, queries = 0, []
    while url:
        with CaptureQueriesContext(connection) as captured:
            response = _get(client, url, params)
        data = orjson.loads(response.content)
        queries.append(len(captured))
        total += len(data["results"])
        url, params = data["next"], None
    return total, len(queries), queries


def _window_walk(client, district) -> None:
    """All pages of the March window as the timing sees them: the server's work only.

    Neither the queries are recorded (Django's debug cursor formats every statement)
    nor the 500 kB of each page parsed: the client reads `next` from the answer's end
    (the keys after `results`: `next`, `next_updated_since`, `tombstones`), which is
    all it needs to ask for the following page. `_window_pages` checks the whole answers
    and counts the queries, untimed.
    """
    url, params = "/api/v1/occurrences/", _window_params(district)
    while url:
        content = _get(client, url, params).content
        url, params = orjson.loads(b"{" + content[content.rindex(b',"next":') + 1 :])["next"], None


def _median_ms(function) -> str:
    """Median wall time, and the median CPU time of this process in brackets.

    On a shared machine the wall time includes waiting for a core; the process's CPU
    time does not (nor the database server's own time), so the two together tell
    what the code costs and what the machine added.
    """
    function()  # warm up
    timings, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return f"{statistics.median(timings):.1f} ms ({statistics.median(cpu):.1f} ms CPU)"


def _first_page(client, url) -> tuple[str, int, int]:
    milliseconds = _median_ms(lambda: _get(client, url))
    with CaptureQueriesContext(connection) as captured:
        size = len(_get(client, url).json()["results"])
    return milliseconds, len(captured), size


def _profile_window(client, district) -> str:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(3):
        _window_walk(client, district)
    profile.disable()
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)
    return text.getvalue()


def _dump_answers(client, district, path: str) -> None:
    """Every answer measured, as text: the same data must give the same bodies and ETags."""
    answers = []
    url, params = "/api/v1/occurrences/", _window_params(district)
    while url:
        response = _get(client, url, params)
        answers.append(_answer_text(url, response))
        url, params = response.json()["next"], None
    for url in ("/api/v1/events/", "/api/v1/listings/"):
        answers.append(_answer_text(url, _get(client, url)))
    Path(path).write_text("\n".join(answers))


def _answer_text(url: str, response) -> str:
    body = response.json()
    body.pop("next_updated_since", None)  # the time of the answer
    return json.dumps(
        {"url": url, "etag": response.get("ETag"), "body": body}, indent=1, ensure_ascii=False
    )


@override_settings(QUARTIER_RESPONSE_CACHE=False)
def _report_in_process(label: str, district, *, profile: bool = False) -> list[str]:
    """In process, without the response cache: the cold path of every request."""
    client = Client()
    _window_pages(client, district)  # fills the caches of a fresh process (site, locales)
    dates, pages, queries = _window_pages(client, district)
    if DUMP:
        _dump_answers(client, district, DUMP)
    window_ms = _median_ms(lambda: _window_walk(client, district))
    if profile:
        print(_profile_window(client, district), flush=True)
    rows = [
        f"| {label} | occurrences/ March window, one district, page_size=1000 | "
        f"{dates} dates in {pages} pages | {window_ms} (all pages) | "
        f"{max(queries)} per page | {load.load_average()} |"
    ]
    for name, url in (
        ("events/ first page", "/api/v1/events/"),
        ("listings/ first page", "/api/v1/listings/"),
    ):
        milliseconds, count, size = _first_page(client, url)
        rows.append(
            f"| {label} | {name} | {size} items | {milliseconds} | {count} "
            f"| {load.load_average()} |"
        )
    return rows


# Under load ---------------------------------------------------------------------------


def _load_run(district) -> list[str]:
    """Every target next to its same-size ceiling and the empty-body ceiling, in
    `LOAD_ROUNDS` interleaved rounds (bench/load.py); the median of the rounds."""
    if not load.available():
        return ["(load run skipped: gunicorn or wrk is missing)"]
    query = "&".join(f"{key}={value}" for key, value in _window_params(district).items())
    endpoints = (
        ("occurrences/ March window, first page", f"/api/v1/occurrences/?{query}"),
        ("listings/ first page", "/api/v1/listings/"),
    )
    with load.gunicorn() as port:
        cases, sizes = [], {}
        for name, path in endpoints:
            full = load.request(port, path)
            if full.status != 200:
                raise RuntimeError(f"{path}: {full.status}")
            size = sizes[name] = len(full.body)
            ceiling_path = f"/bench/ceiling/{size}/"
            load.request(port, ceiling_path)
            etag = full.getheader("ETag")
            if load.request(port, path, {"If-None-Match": etag}).status != 304:
                raise RuntimeError(f"{path}: no 304 for its own ETag")
            cases += [
                load.Case(f"{name} ceiling", ceiling_path),
                load.Case(name, path),
                load.Case(f"{name}, 304", path, (f"If-None-Match: {etag}",)),
            ]
        cases.append(load.Case("empty ceiling", "/bench/ceiling/0/"))
        measured = load.interleaved(
            port, cases, rounds=LOAD_ROUNDS, connections=LOAD_CONNECTIONS, seconds=LOAD_SECONDS
        )
    empty = measured["empty ceiling"]
    rows = [
        f"Median of {LOAD_ROUNDS} interleaved rounds (each round's figure in brackets); "
        f"empty-body ceiling {empty.median:.0f} ({empty.spread()})",
        "",
        "| endpoint | body | requests/s | ceiling (same size) | share | load average after "
        "each round |",
        "|---|---|---|---|---|---|",
    ]
    for name, _path in endpoints:
        ceiling, answers, not_modified = (
            measured[f"{name} ceiling"],
            measured[name],
            measured[f"{name}, 304"],
        )
        rows += [
            f"| {name} | {sizes[name]:,} bytes | {answers.median:.0f} ({answers.spread()}) | "
            f"{ceiling.median:.0f} ({ceiling.spread()}) | {answers.median / ceiling.median:.0%} "
            f"| {', '.join(answers.loads)} |",
            f"| {name}, 304 | empty | {not_modified.median:.0f} ({not_modified.spread()}) | "
            f"{ceiling.median:.0f} (empty body: {empty.median:.0f}) | "
            f"{not_modified.median / ceiling.median:.0%} "
            f"({not_modified.median / empty.median:.0%}) | {', '.join(not_modified.loads)} |",
        ]
    return rows


def _settle() -> None:
    """The state autovacuum keeps a production database in: statistics and the
    visibility map up to date (rows just written in bulk are not yet marked all-visible,
    so every index-only scan would still visit the table for each row)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def main() -> None:
    if not REUSE:
        call_command("migrate", verbosity=0)
        districts, calendar = _tree()
    else:
        districts = list(District.objects.filter(slug__in=DISTRICTS).order_by("pk"))
    rows = [
        "| dataset | measurement | size | median time | queries | load average |",
        "|---|---|---|---|---|---|",
    ]
    tenth = EVENTS_PER_DISTRICT // 10
    built = 0
    if "tenth" in SIZES and not REUSE:
        _add_events(calendar, districts, tenth, 0, starts=_starts_around_march)
        _add_listings(districts, LISTINGS_PER_DISTRICT // 10, 0)
        built = tenth
        occurrences = occurrence_horizon_roll()
        _settle()
        if IN_PROCESS:
            rows += _report_in_process(
                f"1/10 ({tenth * 4} events, {occurrences} occ.)", districts[0]
            )
    elif "tenth" in SIZES:  # measured on the data of an earlier run (BENCH_REUSE)
        occurrences = EventOccurrence.objects.count()
        if IN_PROCESS:
            rows += _report_in_process(
                f"1/10 ({tenth * 4} events, {occurrences} occ.)", districts[0]
            )
    if "full" in SIZES:
        if not REUSE:
            started = time.perf_counter()
            _add_events(
                calendar,
                districts,
                EVENTS_PER_DISTRICT - built,
                built,
                starts=_starts_around_march,
            )
            _add_listings(districts, LISTINGS_PER_DISTRICT - LISTINGS_PER_DISTRICT // 10, 1)
            if not built:
                _add_listings(districts, LISTINGS_PER_DISTRICT // 10, 0)
            occurrences = occurrence_horizon_roll()
            print(
                f"generated {EVENTS_PER_DISTRICT * 4} events, {occurrences} occurrences "
                f"in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            _settle()
        occurrences = EventOccurrence.objects.count()
        if IN_PROCESS:
            rows += _report_in_process(
                f"full ({EVENTS_PER_DISTRICT * 4} events, {occurrences} occ.)",
                districts[0],
                profile=PROFILE,
            )
    _print_results(rows, districts[0])


def _print_results(rows: list[str], district) -> None:
    """The in-process table, then the load run at the size built last."""
    if IN_PROCESS:
        print("\n".join(rows), flush=True)
    if not LOAD:
        return
    print(f"\nUnder load: gunicorn, 2 sync workers, wrk -t2 -c{LOAD_CONNECTIONS} -d{LOAD_SECONDS}s")
    print("\n".join(_load_run(district)))


if __name__ == "__main__":
    main()
