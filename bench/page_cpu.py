"""CPU time of the calendar's pages, in process: the app's and PostgreSQL's, per request.

    DATABASE_URL=… BENCH_REUSE=1 python bench/calendar_bench.py   # builds the dataset once
    DATABASE_URL=… python bench/page_cpu.py

On a machine shared with other work the wall time of a request mostly measures the
queue for the cores; the CPU a request costs does not (much) depend on it. For each of
the month view (whole calendar and one district), the list page of one district and an
event page (the same requests as `calendar_bench.py`'s in-process part, response cache
off, frame cache warm), after a warm-up: the median wall time, the median CPU time of
this process, the mean CPU time of the database backend serving this connection (read
from /proc, so only with PostgreSQL on the same machine; its clock ticks are 10 ms,
hence the mean over the runs) and the number of Python function calls of one request
(from cProfile, a figure that does not depend on the load at all).

Environment: `BENCH_RUNS` (default 15), `BENCH_PAGES` (comma-separated of
all,district,list,event).
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.calendar_bench import _existing_tree  # noqa: E402
from cms.events.models import EventPage  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
PAGES = os.environ.get("BENCH_PAGES", "all,district,list,event").split(",")


def _backend_cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") * 1000


@override_settings(QUARTIER_RESPONSE_CACHE=False)
def main() -> None:
    existing = _existing_tree()
    if existing is None:
        sys.exit("No dataset: run calendar_bench.py with this DATABASE_URL first.")
    districts, calendar = existing
    month = f"{(timezone.now() + timedelta(days=32)).replace(day=1):%Y-%m-%d}"
    requests = {
        "all": (calendar.url, {"view": "monat", "date": month}),
        "district": (calendar.url, {"view": "monat", "date": month, "district": districts[0].slug}),
        "list": (calendar.url, {"district": districts[0].slug}),
        "event": (EventPage.objects.exclude(recurrence_rule="").order_by("pk").first().url, {}),
    }
    client = Client()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    print("| page | wall | app CPU | database CPU | Python calls | queries | load |")
    print("|---|---|---|---|---|---|---|")
    for name in PAGES:
        url, params = requests[name]
        if client.get(url, params).status_code != 200:
            raise RuntimeError(name)
        walls, cpus, database, counts = [], [], [], []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                backend_before, cpu_before = _backend_cpu_ms(backend), time.process_time()
                started = time.perf_counter()
                client.get(url, params)
                walls.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - cpu_before) * 1000)
                database.append(_backend_cpu_ms(backend) - backend_before)
            counts.append(len(queries.captured_queries))
        profiler = cProfile.Profile()
        profiler.runcall(client.get, url, params)
        calls = pstats.Stats(profiler).total_calls
        print(
            f"| {name} | {statistics.median(walls):.1f} ms | {statistics.median(cpus):.1f} ms "
            f"| {statistics.mean(database):.1f} ms | {calls:,} | {max(counts)} "
            f"| {os.getloadavg()[0]:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
