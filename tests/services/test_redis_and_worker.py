"""Redis and the django-tasks worker, really started here (issue 15, item 6).

`make test` installs Debian's redis-server when it is missing; these tests start it on
a free port themselves (no persistence, stopped at the end) and use it as the default
cache and the rate limits' cache, shared by two processes. The task worker is
`manage.py db_worker` of django-tasks-db, run as a process of its own against the test
database, and sends an exchange notification queued by this process.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from cms.api.throttling import ClientRateThrottle
from cms.core import ratelimit
from exchange.notifications import NoticeKind, notify
from tests.exchange.factories import MemberFactory
from tests.factories import DistrictFactory

pytestmark = pytest.mark.services

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_redis(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(64).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not answer PING")


@pytest.fixture(scope="module")
def redis_url():
    """A redis-server of this test module on a free loopback port, without persistence."""
    if REDIS_SERVER is None:
        pytest.skip(
            "redis-server is missing: `make test` installs it (apt-get install redis-server)"
        )
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_redis(port, process)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def redis_caches(redis_url):
    """Redis as the default cache and as the rate limits' cache, as in production."""
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    with override_settings(CACHES={"default": redis}, QUARTIER_RATELIMIT_CACHE="default"):
        caches["default"].clear()
        yield redis_url


def test_default_cache_is_redis_and_keeps_values(redis_caches):
    cache = caches["default"]
    cache.set("quartier-services-test", {"district": "schalke"}, timeout=30)
    assert type(cache).__name__ == "RedisCache"
    assert cache.get("quartier-services-test") == {"district": "schalke"}


def _hit_in_other_process(redis_url: str, key: str, times: int) -> str:
    """Count `times` attempts of the sign-in limit for `key` in a Django process of its own."""
    code = (
        "import django; django.setup()\n"
        "from django.test import override_settings\n"
        "from cms.core import ratelimit\n"
        "with override_settings(QUARTIER_RATELIMIT_CACHE='default'):\n"
        "    decisions = [\n"
        f"        ratelimit.hit(ratelimit.SIGNIN_CLIENT, {key!r}) for _ in range({times})\n"
        "    ]\n"
        "    print('locked' if decisions[-1].locked else 'allowed')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_rate_limit_counts_attempts_of_two_processes_together(redis_caches):
    limit = ratelimit.SIGNIN_CLIENT
    key = "203.0.113.7"
    # The other process stays one attempt under the limit; this one's attempt locks.
    assert _hit_in_other_process(redis_caches, key, limit.hits - 1) == "allowed"
    assert ratelimit.check(limit, key).locked is False
    assert ratelimit.hit(limit, key).locked is True


def test_lock_set_by_one_process_holds_in_the_other(redis_caches):
    limit = ratelimit.SIGNIN_CLIENT
    key = "203.0.113.8"
    assert _hit_in_other_process(redis_caches, key, limit.hits) == "locked"
    assert ratelimit.check(limit, key).locked is True


def _database_url() -> str:
    database = connection.settings_dict
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def _run_worker(mail_dir: str) -> subprocess.CompletedProcess:
    """`manage.py db_worker` until the queue is empty (`--batch`), in a process of its own."""
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.services.worker_settings",
            "DATABASE_URL": _database_url(),
            "QUARTIER_TEST_MAIL_DIR": mail_dir,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db
def test_the_api_throttle_counts_in_redis_up_to_a_429(redis_caches, client, monkeypatch):
    # Inside redis_caches' override (pytest-django's `settings` would restore a copy of
    # the overridden settings after it, leaving Redis as the only cache for later tests).
    # Every request reaches the throttle: the caches here hold no response cache.
    rates = {"anon": "3/minute", "resident": "3/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates},
        QUARTIER_RESPONSE_CACHE=False,
    ):
        # Within one window (the start of a minute plus 10 s), whenever the test runs.
        monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 1_000_030.0)
        for _request in range(3):
            assert client.get("/api/v1/municipalities/").status_code == 200
        refused = client.get("/api/v1/municipalities/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"


@pytest.mark.django_db(transaction=True)
def test_worker_process_sends_a_queued_exchange_notification(tmp_path):
    district = DistrictFactory(name="Ostenland")
    member = MemberFactory(
        municipality=district.municipality,
        district=district,
        user__email="renate@example.org",
        display_name="Renate S.",
    )
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        notify(
            NoticeKind.LISTING_APPROVED,
            member=member,
            context={"name": "Renate S.", "listing_title": "Hilfe beim Einkaufen", "link": "/"},
        )
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"

    worker = _run_worker(str(tmp_path))

    assert worker.returncode == 0, worker.stdout + worker.stderr
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.traceback
    assert queued.task_path == "exchange.notifications.deliver_notice"
    mails = [message_from_bytes(path.read_bytes()) for path in tmp_path.glob("*.log")]
    assert len(mails) == 1
    assert mails[0]["To"] == "renate@example.org"
    assert "Hilfe beim Einkaufen" in mails[0].get_payload(decode=True).decode()
