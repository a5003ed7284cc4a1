"""Benchmark of the weekly programme PDF: rendered anew, and answered from the cache.

    python scripts/throwaway_postgres.py -- .venv/bin/python bench/pdf_bench.py

Builds one district with 40 events in one ISO week (the calendar benchmark's tree and
bulk insert), then measures `GET /programm/<district>.pdf?woche=…` as an anonymous
visitor: with a new content version before every request (what every request cost
before the PDF cache), and repeated under one version (the cached answer), reporting
the median time and the number of queries of each.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.calendar_bench import _add_events, _tree  # noqa: E402
from cms.core import content_version  # noqa: E402
from cms.core.pdf_limits import CACHE_HEADER  # noqa: E402
from cms.events.services import occurrence_horizon_roll  # noqa: E402
from cms.printing.weeks import IsoWeek  # noqa: E402

EVENTS = 10  # per district; four districts, so 40 in the week
RUNS = 3


def _in_next_week(rng, now, recurring: bool):
    monday = now - timedelta(days=now.weekday()) + timedelta(days=7)
    return monday.replace(hour=9) + timedelta(days=rng.randrange(0, 7), hours=rng.randrange(0, 10))


def _measure(client, url, *, fresh: bool) -> tuple[float, int, str]:
    timings, queries, state = [], 0, ""
    for _ in range(RUNS):
        if fresh:
            content_version.bump()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(response.status_code)
        queries, state = len(captured), response[CACHE_HEADER]
    return statistics.median(timings), queries, state


def main() -> None:
    call_command("migrate", verbosity=0)
    districts, calendar = _tree()
    _add_events(calendar, districts, EVENTS, 0, starts=_in_next_week)
    occurrence_horizon_roll()
    week = IsoWeek.containing(timezone.localdate() + timedelta(days=7))
    url = f"/programm/{districts[0].slug}.pdf?woche={week}"
    client = Client()
    client.get(url)  # warm up: WeasyPrint's import and fonts
    print(f"load average before: {os.getloadavg()}", flush=True)
    rows = ["| measurement | median time | queries | cache |", "|---|---|---|---|"]
    for label, fresh in (("rendered anew (new content version)", True), ("cached", False)):
        milliseconds, queries, state = _measure(client, url, fresh=fresh)
        rows.append(f"| {label} | {milliseconds:.1f} ms | {queries} | {state} |")
        print(rows[-1], flush=True)
    print(f"load average after: {os.getloadavg()}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
