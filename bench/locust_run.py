"""Run the locust scenario against gunicorn with the demo data, and summarise it.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/locust_run.py [--users 200 --spawn-rate 20 --run-time 60s --pace 1,2,4]

Starts a cluster of its own (bench/pgcluster.py), loads the demo data, starts gunicorn
(2 sync workers, persistent connections as in production, bench/load_settings.py) on
127.0.0.1, runs `locust --headless` with bench/locustfile.py and the given options
(bounded by --run-time), and prints p50/p95/p99, requests per second and the error
rate per request name from locust's CSV, with the load average. LOCUST names the
locust executable (default: the one next to this Python).
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pgcluster import Cluster, load_demo, wait_for_site  # noqa: E402

PORT = int(os.environ.get("GUNICORN_PORT", "8792"))


def _load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def _summary(stats_csv: Path) -> list[str]:
    rows = [
        "| request | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    with stats_csv.open() as handle:
        for row in csv.DictReader(handle):
            name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
            rows.append(
                f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
                f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
            )
            if row["Name"] == "Aggregated":
                requests, failures = int(row["Request Count"]), int(row["Failure Count"])
                rows.append(
                    f"\nerror rate {failures / max(requests, 1):.2%} of {requests} requests"
                )
    return rows


class _VersionWatch(threading.Thread):
    """Counts the content versions (cms.core.content_version) seen during a run, reading
    the version's row twice a second: each new one empties every cached answer."""

    def __init__(self, database_url: str):
        super().__init__(daemon=True)
        self.url, self.tokens, self.stopped = database_url, set(), threading.Event()

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as connection:
            while not self.stopped.wait(0.5):
                row = connection.execute("SELECT token FROM core_contentversionrecord").fetchone()
                self.tokens.add(row[0] if row else None)

    def changes(self) -> int:
        self.stopped.set()
        self.join()
        return max(len(self.tokens) - 1, 0)


def _run(locust: str, options, pace: str, prefix: Path, database_url: str) -> None:
    load_before = _load_average()
    watch = _VersionWatch(database_url)
    watch.start()
    subprocess.run(  # noqa: S603 - locust with our own arguments
        [
            locust,
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--users",
            options.users,
            "--spawn-rate",
            options.spawn_rate,
            "--run-time",
            options.run_time,
            "--headless",
            "--only-summary",
            "--csv",
            str(prefix),
        ],
        env={**os.environ, "LOCUST_PACE": pace},
        check=False,
    )
    load_after = _load_average()
    print(
        f"\nlocust {options.users} users, pace {pace} (pauses divided by it), spawn rate "
        f"{options.spawn_rate}/s, {options.run_time}; gunicorn {options.workers} sync "
        f"workers; load average before {load_before}, after {load_after}; "
        f"content version changed {watch.changes()} times"
    )
    print("\n".join(_summary(Path(f"{prefix}_stats.csv"))))


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", default="200")
    parser.add_argument("--spawn-rate", default="20")
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--workers", default="2")
    parser.add_argument(
        "--pace",
        default="1",
        help="comma-separated LOCUST_PACE values, one run each against the same server",
    )
    options = parser.parse_args()
    locust = os.environ.get("LOCUST", str(Path(sys.executable).parent / "locust"))
    with Cluster() as cluster, tempfile.TemporaryDirectory() as folder:
        environment = {
            **os.environ,
            "DATABASE_URL": cluster.url(),
            "DJANGO_SETTINGS_MODULE": "bench.load_settings",
            "DATABASE_CONN_MAX_AGE": "60",
        }
        load_demo(environment)
        server = subprocess.Popen(  # noqa: S603 - fixed command line
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--workers",
                options.workers,
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
                "cms.wsgi:application",
            ],
            cwd=ROOT,
            env=environment,
        )
        try:
            wait_for_site(PORT)
            for pace in options.pace.split(","):
                _run(
                    locust, options, pace, Path(folder) / f"run-{pace}", environment["DATABASE_URL"]
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
