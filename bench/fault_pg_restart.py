"""Fault drill: PostgreSQL restarted, then stopped for a few seconds, under bounded load.

    .venv/bin/python bench/fault_pg_restart.py

Starts a cluster of its own (bench/pgcluster.py, durability on), loads the demo data,
starts gunicorn (2 sync workers, persistent connections with health checks as in
production: DATABASE_CONN_MAX_AGE=60) and sends a bounded load from a few threads with
http.client (LOAD_SECONDS, default 60; pages, the calendar, the iCal feed, the API and
residents signing in to the API, which writes a token). In the middle it restarts
PostgreSQL (`pg_ctl restart -m fast`) and later stops it for OUTAGE_SECONDS and starts
it again. It reports the requests before, during and after each fault with their
status codes, whether any body carried a traceback, how long the site took to answer
normally again, whether gunicorn's workers are the ones it started with (the app
recovered without a restart), and integrity queries afterwards (all should be zero).
Exit status 1 on any 500, traceback or integrity finding.

Needs gunicorn (`pip install -e .[production]`). Sends traffic to 127.0.0.1 only.
"""

import http.client
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pgcluster import Cluster, wait_for_site  # noqa: E402

LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", "90"))
THREADS = int(os.environ.get("LOAD_THREADS", "4"))
OUTAGE_SECONDS = int(os.environ.get("OUTAGE_SECONDS", "5"))
# Pause of each thread between requests: a bounded, steady load, not a flood.
THINK_SECONDS = 0.05
GUNICORN_PORT = int(os.environ.get("GUNICORN_PORT", "8791"))


def _load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def _setup_django(cluster: Cluster) -> None:
    os.environ["DATABASE_URL"] = cluster.url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # Wagtail logs every page the demo loader creates.
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    started = time.perf_counter()
    call_command("load_demo", port=GUNICORN_PORT, verbosity=0)
    print(f"demo data loaded in {time.perf_counter() - started:.0f} s", flush=True)


def _paths() -> list[tuple[str, str, bytes | None]]:
    """(method, path, JSON body) of the load: what visitors and apps ask for."""
    from cms.events.models import EventPage
    from cms.home.models import DistrictHomePage

    events = [page.url for page in EventPage.objects.live().public()[:5]]
    districts = [page.url for page in DistrictHomePage.objects.live()[:4]]
    login = json.dumps(
        {
            "email": "renate.s@quartier.invalid",
            "password": "quartier-demo",
            "municipality": "gelsenkirchen",
        }
    ).encode()
    paths = [
        ("GET", "/", None),
        ("GET", "/veranstaltungen/", None),
        ("GET", "/veranstaltungen/?view=monat", None),
        ("GET", "/ical/events.ics", None),
        ("GET", "/nachbarschaftshilfe/", None),
        ("GET", "/api/v1/events/", None),
        ("GET", "/api/v1/listings/", None),
        ("GET", "/api/v1/occurrences/", None),
        ("POST", "/api/v1/auth/login/", login),
    ]
    # Page URLs are absolute when a page's site has a host name: send only the path.
    paths += [("GET", urlsplit(url).path, None) for url in events + districts if url]
    return paths


class Load:
    """Threads sending requests until the deadline; every answer is recorded."""

    def __init__(self, paths, started: float) -> None:
        self.paths = paths
        self.started = started
        self.records: list[tuple[float, float, str, int, bool]] = []
        self.lock = threading.Lock()

    def _one(self, method: str, path: str, body: bytes | None) -> tuple[int, bool]:
        connection = http.client.HTTPConnection("127.0.0.1", GUNICORN_PORT, timeout=20)
        headers = {"Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            return response.status, b"Traceback" in content or b"OperationalError" in content
        except OSError:
            return 0, False
        finally:
            connection.close()

    def worker(self, offset: int) -> None:
        index = offset
        while time.monotonic() - self.started < LOAD_SECONDS:
            method, path, body = self.paths[index % len(self.paths)]
            index += 1
            sent = time.monotonic() - self.started
            status, traceback = self._one(method, path, body)
            done = time.monotonic() - self.started
            with self.lock:
                self.records.append((sent, done, path, status, traceback))
            time.sleep(THINK_SECONDS)


def _worker_pids(master: int) -> set[int]:
    output = subprocess.run(  # noqa: S603 - ps with a process id
        ["ps", "-o", "pid=", "--ppid", str(master)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {int(pid) for pid in output.split()}


def _phase_rows(records, faults) -> list[str]:
    """Before, during and after each fault: requests, their status codes."""
    rows = [
        "| phase | requests | status codes | tracebacks in bodies |",
        "|---|---|---|---|",
    ]
    bounds = []
    previous_end = 0.0
    for name, fault_start, recovered in faults:
        bounds.append((f"before {name}", previous_end, fault_start))
        bounds.append((f"during {name} (until answers are normal)", fault_start, recovered))
        previous_end = recovered
    bounds.append(("after", previous_end, float("inf")))
    for label, low, high in bounds:
        # By the time of the answer: a request in flight when a fault begins is hit by it.
        selected = [r for r in records if low <= r[1] < high]
        codes = Counter(r[3] for r in selected)
        text = ", ".join(f"{code}: {count}" for code, count in sorted(codes.items()))
        tracebacks = sum(1 for r in selected if r[4])
        rows.append(f"| {label} | {len(selected)} | {text} | {tracebacks} |")
    return rows


def _failed(record) -> bool:
    """A server error or no answer at all (a 503 during an outage is one too)."""
    return record[3] >= 500 or record[3] == 0


def _recovered_at(records, fault_start: float) -> float:
    """When the first good answer came after the last failed one since the fault."""
    since = [r for r in records if r[0] >= fault_start - 1]
    failed = [r[1] for r in since if _failed(r)]
    if not failed:
        return fault_start
    last_failure = max(failed)
    return min(
        (r[1] for r in since if r[0] >= last_failure and not _failed(r)), default=last_failure
    )


def integrity_findings() -> list[tuple[str, int]]:
    """Counts of rows that point at nothing, and other damage; all should be zero."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page, Revision

    from cms.events.models import EventOccurrence, EventPage
    from cms.providers.models import ProviderConsent, ProviderPage
    from exchange.models import Consent, Listing, Member

    connection.close()
    page_type_ids = [
        ct.pk for ct in ContentType.objects.all() if issubclass(ct.model_class() or object, Page)
    ]
    page_ids = [str(pk) for pk in Page.objects.values_list("pk", flat=True)]
    problems = Page.find_problems()
    findings = [
        (
            "occurrences without their event",
            EventOccurrence.objects.exclude(event_id__in=EventPage.objects.values("pk")).count(),
        ),
        (
            "page revisions without their page",
            Revision.objects.filter(base_content_type_id__in=page_type_ids)
            .exclude(object_id__in=page_ids)
            .count(),
        ),
        ("page tree problems (treebeard find_problems)", sum(len(found) for found in problems)),
        (
            "listings without a member or proxy client",
            Listing.objects.filter(member__isnull=True, proxy_client__isnull=True).count(),
        ),
        (
            "listings whose member is gone",
            Listing.objects.filter(member_id__isnull=False)
            .exclude(member_id__in=Member.objects.values("pk"))
            .count(),
        ),
        (
            "consents without their member",
            Consent.objects.exclude(member_id__in=Member.objects.values("pk")).count(),
        ),
        (
            "provider consents without their provider",
            ProviderConsent.objects.exclude(
                provider_id__in=ProviderPage.objects.values("pk")
            ).count(),
        ),
        (
            "background tasks stuck in RUNNING",
            DBTaskResult.objects.filter(status="RUNNING").count(),
        ),
    ]
    # Every foreign key of every model, whatever the app: rows pointing at no row.
    dangling = 0
    dangling_fields = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not field.many_to_one and not field.one_to_one:
                continue
            if not field.db_constraint:
                # Kept on purpose when the row it names is deleted (Wagtail's log
                # entries of deleted pages): not damage.
                continue
            target = field.related_model
            count = (
                model._base_manager.filter(**{f"{field.attname}__isnull": False})
                .exclude(
                    **{
                        f"{field.attname}__in": target._base_manager.values(
                            field.target_field.attname
                        )
                    }
                )
                .count()
            )
            if count:
                dangling += count
                dangling_fields.append(f"{model._meta.label}.{field.name}: {count}")
    label = "rows whose foreign key points at no row (all models)"
    if dangling_fields:
        label += f" ({', '.join(dangling_fields)})"
    findings.append((label, dangling))
    return findings


def main() -> int:
    # A terminated drill still stops and removes its cluster (the `with` blocks).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    with Cluster() as cluster:
        _setup_django(cluster)
        paths = _paths()
        from django.db import connection

        connection.close()
        log_path = cluster.workdir / "gunicorn.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": cluster.url(),
            # As in production (cms/settings/production.py): kept, health-checked.
            "DATABASE_CONN_MAX_AGE": "60",
        }
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        with log_path.open("w") as log:
            server = subprocess.Popen(  # noqa: S603 - fixed command line
                [
                    gunicorn,
                    "--workers",
                    "2",
                    "--worker-class",
                    "sync",
                    "--bind",
                    f"127.0.0.1:{GUNICORN_PORT}",
                    "--timeout",
                    "60",
                    "cms.wsgi:application",
                ],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=log,
            )
        try:
            return _drill(cluster, server, paths, log_path)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _drill(cluster: Cluster, server, paths, log_path: Path) -> int:
    wait_for_site(GUNICORN_PORT)
    workers_before = _worker_pids(server.pid)
    started = time.monotonic()
    load = Load(paths, started)
    threads = [threading.Thread(target=load.worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    loads = [_load_average()]

    def at(seconds: float) -> None:
        time.sleep(max(0.0, started + seconds - time.monotonic()))

    at(LOAD_SECONDS * 0.2)
    restart_start = time.monotonic() - started
    cluster.restart()
    restart_end = time.monotonic() - started
    loads.append(_load_average())
    at(LOAD_SECONDS * 0.5)
    outage_start = time.monotonic() - started
    cluster.stop()
    time.sleep(OUTAGE_SECONDS)
    cluster.start()
    outage_end = time.monotonic() - started
    loads.append(_load_average())
    for thread in threads:
        thread.join()
    loads.append(_load_average())
    records = sorted(load.records)
    workers_after = _worker_pids(server.pid)

    # Answers of the restart phase: those that came before the outage began.
    restart_recovered = _recovered_at([r for r in records if r[1] < outage_start], restart_start)
    outage_recovered = _recovered_at(records, outage_start)
    faults = [
        ("restart", restart_start, max(restart_recovered, restart_end)),
        (f"{OUTAGE_SECONDS} s outage", outage_start, max(outage_recovered, outage_end)),
    ]
    codes = Counter(r[3] for r in records)
    tracebacks = sum(1 for r in records if r[4])
    log_text = log_path.read_text()
    if os.environ.get("FAULT_GUNICORN_LOG"):
        Path(os.environ["FAULT_GUNICORN_LOG"]).write_text(log_text)
    if os.environ.get("FAULT_RECORDS"):
        Path(os.environ["FAULT_RECORDS"]).write_text(json.dumps(records))
    print(f"\nLoad: {THREADS} threads, {LOAD_SECONDS} s, {len(paths)} addresses in turn")
    print(f"load average (1/5/15 min) at start, after restart, after outage, end: {loads}")
    print(
        f"pg_ctl restart -m fast took {restart_end - restart_start:.1f} s; "
        f"answers normal again {restart_recovered - restart_start:.1f} s after it began"
    )
    print(
        f"stop, {OUTAGE_SECONDS} s down, start took {outage_end - outage_start:.1f} s; "
        f"answers normal again {outage_recovered - outage_end:.1f} s after the start"
    )
    print("\n".join(_phase_rows(records, faults)))
    print(f"\nall requests: {len(records)}, status codes {dict(sorted(codes.items()))}")
    print(f"500s: {codes.get(500, 0)}; tracebacks in bodies: {tracebacks}")
    print(
        f"gunicorn workers unchanged (no restart of the app): {workers_before == workers_after} "
        f"({sorted(workers_before)} -> {sorted(workers_after)}); "
        f"'Database unreachable' log lines: {log_text.count('Database unreachable')}"
    )
    findings = integrity_findings()
    print("\n| integrity query | rows |\n|---|---|")
    for name, count in findings:
        print(f"| {name} | {count} |")
    failed = codes.get(500, 0) or tracebacks or any(count for _name, count in findings)
    failed = failed or workers_before != workers_after
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
