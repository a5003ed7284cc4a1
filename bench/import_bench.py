"""Benchmark of the iCal import on PostgreSQL: first import, unchanged and 5 % changed re-import.

    python scripts/throwaway_postgres.py -- .venv/bin/python bench/import_bench.py
    python scripts/throwaway_postgres.py -- .venv/bin/python bench/import_bench.py \
        --events 500 --review --profile

Generates a deterministic feed (default 2,500 events: about 80 % single events over a
year, 20 % weekly series for six months with a few cancelled and moved dates, ten
locations, CATEGORIES lines) and imports it three times into one district's calendar
through `feed_import_bytes`, the code path of `import_ical` and the hourly import:
1. the first import (every event new),
2. the same bytes again (every event unchanged),
3. the feed with every twentieth event retitled (5 % changed).
Each step reports its wall time, its number of queries and, with --profile, the top
entries of cProfile (profiling makes the run slower; compare times without it).

Unlike calendar_bench.py, this runs with the test settings, search index included:
updating the search index is part of what an import costs in production.
"""

import argparse
import cProfile
import logging
import os
import pstats
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

# The test settings cap a feed at a few hundred dates (so tests can reach the cap);
# a benchmark feed needs the production defaults (cms/settings/base.py).
settings.QUARTIER_IMPORT_MAX_OCCURRENCES_PER_EVENT = 1000
settings.QUARTIER_IMPORT_MAX_OCCURRENCES_PER_FEED = 20_000

from cms.events.importing import feed_import_bytes  # noqa: E402
from cms.events.models import (  # noqa: E402
    EventFeedEntry,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    ExternalCalendarFeed,
)
from cms.home.models import PortalHomePage  # noqa: E402
from cms.places.models import District, Municipality  # noqa: E402
from cms.providers.models import ServiceCategory  # noqa: E402

LOCATIONS = [
    "Bürgerhaus",
    "Gemeindehaus St. Marien",
    "Stadtteilbibliothek",
    "Sporthalle Nord",
    "Kita Regenbogen",
    "Jugendzentrum",
    "Seniorentreff am Markt",
    "Grundschule Am Park",
    "Familienzentrum",
    "Rathaus, Saal 2",
]
PROFILE_DIR = Path(__file__).resolve().parent.parent / "var"
CATEGORIES = ["Kultur", "Sport", "Bildung", "Familie", "Senioren"]


def _first_monday() -> datetime:
    """A start date near today, so that the events fall into the occurrence horizon."""
    today = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=(7 - today.weekday()) % 7)


def feed_bytes(count: int, *, changed_every: int = 0) -> bytes:
    """A deterministic feed of `count` events; every `changed_every`-th one retitled."""
    base = _first_monday()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Quartier//Bench//DE"]
    for n in range(count):
        recurring = n % 5 == 0
        start = base + timedelta(days=(n * 7) % (180 if recurring else 365), hours=9 + n % 10)
        title = f"Treffen {n}"
        if changed_every and n % changed_every == 0:
            title += " (verlegt)"
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{n}@verein.example",
            "DTSTAMP:20260101T000000Z",
            f"SUMMARY:{title}",
            f"DESCRIPTION:Ein Treffen in der Nachbarschaft\\, Nummer {n}.",
            f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Berlin:{start + timedelta(hours=2):%Y%m%dT%H%M%S}",
            f"LOCATION:{LOCATIONS[n % len(LOCATIONS)]}",
            f"CATEGORIES:{CATEGORIES[n % len(CATEGORIES)]}",
        ]
        if recurring:
            until = start + timedelta(days=182)
            lines.append(f"RRULE:FREQ=WEEKLY;UNTIL={until:%Y%m%dT%H%M%S}Z")
            if n % 10 == 0:
                cancelled = start + timedelta(days=14)
                lines.append(f"EXDATE;TZID=Europe/Berlin:{cancelled:%Y%m%dT%H%M%S}")
        lines.append("END:VEVENT")
        if recurring and n % 15 == 0:
            moved = start + timedelta(days=21)
            lines += [
                "BEGIN:VEVENT",
                f"UID:bench-{n}@verein.example",
                "DTSTAMP:20260101T000000Z",
                f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%dT%H%M%S}",
                f"SUMMARY:{title}",
                f"DTSTART;TZID=Europe/Berlin:{moved + timedelta(days=1):%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Berlin:{moved + timedelta(days=1, hours=2):%Y%m%dT%H%M%S}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def _setup(*, trusted: bool) -> ExternalCalendarFeed:
    municipality, _ = Municipality.objects.get_or_create(
        slug="benchstadt", defaults={"name": "Benchstadt"}
    )
    district, _ = District.objects.get_or_create(
        slug="bench-nord", defaults={"name": "Bench-Nord", "municipality": municipality}
    )
    portal = PortalHomePage(title="Benchstadt", slug="benchstadt", municipality=municipality)
    Page.get_first_root_node().add_child(instance=portal)
    site = Site.objects.get(is_default_site=True)
    site.root_page = portal
    site.save()
    portal.add_child(instance=EventIndexPage(title="Veranstaltungen", slug="veranstaltungen"))
    feed = ExternalCalendarFeed.objects.create(
        name="Bench-Verein",
        url="https://verein.example/kalender.ics",
        district=district,
        trusted=trusted,
        is_active=False,
    )
    category = ServiceCategory.objects.first()
    if category is not None:
        feed.default_categories.add(category)
    return feed


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class QueryCounter:
    """Counts the queries run through the connection (without keeping them, unlike
    CaptureQueriesContext, whose log stops at 9,000 entries)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _step(label: str, feed, data: bytes, *, profile: bool) -> str:
    profiler = cProfile.Profile() if profile else None
    load_before = _load()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        summary = feed_import_bytes(feed=feed, data=data)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
    row = f"| {label} | {summary} | {seconds:.1f} s | {counter.count} | {load_before} → {_load()} |"
    print(row, flush=True)
    if profiler:
        PROFILE_DIR.mkdir(exist_ok=True)
        profiler.dump_stats(PROFILE_DIR / f"import-{label.split(',')[0].replace(' ', '-')}.prof")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(15)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2500)
    parser.add_argument("--review", action="store_true", help="an untrusted feed (workflow)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    args = parser.parse_args()

    # Wagtail logs every publication at INFO; a few thousand lines would drown the table.
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    feed = _setup(trusted=not args.review)
    original = feed_bytes(args.events)
    changed = feed_bytes(args.events, changed_every=20)
    rows = [
        "| step | summary | time | queries | load average (before → after) |",
        "|---|---|---|---|---|",
    ]
    rows.append(_step("first import", feed, original, profile=args.profile))
    rows.append(_step("unchanged re-import", feed, original, profile=args.profile))
    rows.append(_step("re-import, 5 % changed", feed, changed, profile=args.profile))
    print(
        f"\n{args.events} events ({'review' if args.review else 'trusted'}): "
        f"{EventPage.objects.count()} pages, {EventOccurrence.objects.count()} occurrences, "
        f"{EventFeedEntry.objects.count()} feed entries"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
