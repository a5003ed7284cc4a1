"""One API address in process, many times: median wall and CPU time, queries, a profile.

    BENCH_REUSE=1 DATABASE_URL=... .venv/bin/python bench/api_first_page.py

Measures the data already in the database (build it with `api_bench.py` first) with
the response cache off, as `api_bench.py` does, but for one address and with more runs
(`RUNS`, default 41), which is what comparing two versions of the code on a shared
machine needs. Run it from each checkout in turn on the same database. Switches:
`URL` (default `/api/v1/events/`), `SQL=1` prints the queries, `PROFILE=1` a cProfile
(`process_time`) of 20 requests, `DUMP=<file>` writes the body and ETag (without
`next_updated_since`) for comparing outputs.
"""

import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

RUNS = int(os.environ.get("RUNS", "41"))
URL = os.environ.get("URL", "/api/v1/events/")


@override_settings(QUARTIER_RESPONSE_CACHE=False)
def main() -> None:
    client = Client()
    for _ in range(5):  # fills the process's caches
        response = client.get(URL)
    if response.status_code != 200:
        raise SystemExit(f"{URL}: {response.status_code} {response.content[:300]!r}")
    if os.environ.get("DUMP"):
        body = response.json()
        body.pop("next_updated_since", None)
        Path(os.environ["DUMP"]).write_text(
            json.dumps({"etag": response.get("ETag"), "body": body}, indent=1, ensure_ascii=False)
        )
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    print(f"queries: {len(queries)}")
    if os.environ.get("SQL"):
        for query in queries.captured_queries:
            print("  ", query["time"], query["sql"][:300])
    wall, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(URL)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    load = "/".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"{ROOT.name} {URL}: {statistics.median(wall):.1f} ms (min {min(wall):.1f}), "
        f"{statistics.median(cpu):.1f} ms CPU (min {min(cpu):.1f}), load {load}"
    )
    if os.environ.get("PROFILE"):
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(20):
            client.get(URL)
        profile.disable()
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
        print(text.getvalue())


if __name__ == "__main__":
    main()
