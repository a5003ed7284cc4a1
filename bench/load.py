"""Under load: gunicorn on 127.0.0.1 and wrk, next to the ceiling view (bench/urls.py).

Shared by api_bench.py and calendar_bench.py. Needs `gunicorn` (the `production` extra)
and `wrk` on the PATH; `available()` says whether they are there.
"""

import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765


def load_average() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def gunicorn_path() -> str:
    return shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")


def available() -> bool:
    return Path(gunicorn_path()).exists() and shutil.which("wrk") is not None


def request(port: int, path: str, headers=None) -> http.client.HTTPResponse:
    """One GET; the body is read into `response.body`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def _wait_until_up(port: int, process) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            request(port, "/bench/ceiling/10/")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not come up")


@contextmanager
def gunicorn(*, port: int = PORT, workers: int = 2, environment: dict | None = None):
    """gunicorn with sync workers that keep their database connection (as in production)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_CONN_MAX_AGE": "60",
        **(environment or {}),
    }
    process = subprocess.Popen(  # noqa: S603 - fixed command line
        [
            gunicorn_path(),
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "cms.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(
    port: int, path: str, headers=(), *, threads: int = 2, connections: int = 4, seconds: int = 10
) -> tuple[float, str]:
    """Requests per second of a bounded wrk run, and the load average right after it."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(  # noqa: S603 - wrk with our own arguments
        command, capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"errors in {path}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), load_average()


@dataclass(frozen=True)
class Case:
    """One wrk target of an interleaved run: a name, a path and request headers."""

    name: str
    path: str
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measured:
    """The median requests per second of a case's rounds, every round's figure, and
    the load average after each round."""

    median: float
    rounds: tuple[float, ...]
    loads: tuple[str, ...]

    def spread(self) -> str:
        return "/".join(f"{value:.0f}" for value in self.rounds)


def interleaved(
    port: int, cases: list[Case], *, rounds: int = 3, connections: int = 4, seconds: int = 10
) -> dict[str, Measured]:
    """wrk over every case in turn, `rounds` times round-robin; the median per case.

    Short wrk runs on a shared machine are noisy, and a run that happens to meet a busy
    moment would otherwise decide a share alone: interleaving puts each target next to
    its ceiling in every round, so that both meet the same moments, and the median of
    the rounds drops the outliers.
    """
    figures: dict[str, list[float]] = {case.name: [] for case in cases}
    loads: dict[str, list[str]] = {case.name: [] for case in cases}
    for _round in range(rounds):
        for case in cases:
            rate, load = wrk(
                port, case.path, case.headers, connections=connections, seconds=seconds
            )
            figures[case.name].append(rate)
            loads[case.name].append(load)
    return {
        name: Measured(statistics.median(values), tuple(values), tuple(loads[name]))
        for name, values in figures.items()
    }
