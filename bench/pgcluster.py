"""A throwaway PostgreSQL cluster that a benchmark can stop, start and restart itself.

scripts/throwaway_postgres.py hands a command only DATABASE_URL; the fault and restore
drills also need the cluster's folder, for `pg_ctl restart`, and a second database.
Durability is on here (unlike the test cluster): a restart drill with fsync off would
not show what a real server does. As root the cluster belongs to the `postgres` user,
because initdb refuses to run as root.
"""

from __future__ import annotations

import http.client
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from throwaway_postgres import find_pg_bindir, free_port

ROOT = Path(__file__).resolve().parent.parent


def load_demo(environment: dict) -> None:
    """Migrate the database `environment` names (DATABASE_URL, DJANGO_SETTINGS_MODULE)
    and load the demo data into it."""
    for command in (["migrate", "--no-input", "-v0"], ["load_demo", "-v0"]):
        subprocess.run(  # noqa: S603 - manage.py with fixed arguments
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env={**os.environ, **environment},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def wait_for_site(port: int) -> None:
    """Wait until the app server on `port` answers its home page."""
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not come up")


class Cluster:
    """initdb, start, restart, stop and remove one local cluster on a free port."""

    def __init__(self) -> None:
        self.bindir = find_pg_bindir()
        self.user = "postgres" if os.geteuid() == 0 else None
        self.workdir = Path(tempfile.mkdtemp(prefix="quartier-bench-pg-"))
        self.datadir = self.workdir / "data"
        self.port = free_port()
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.workdir, entry.pw_uid, entry.pw_gid)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - PostgreSQL's own tool, our arguments
            [str(self.bindir / "pg_ctl"), "--pgdata", str(self.datadir), *args],
            check=True,
            user=self.user,
            stdout=subprocess.DEVNULL,
        )

    def init(self) -> None:
        subprocess.run(  # noqa: S603
            [
                str(self.bindir / "initdb"),
                "--pgdata",
                str(self.datadir),
                "--username",
                "postgres",
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ],
            check=True,
            user=self.user,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
            f"unix_socket_directories = '{self.workdir}'\nmax_connections = 50\n"
        )
        with (self.datadir / "postgresql.conf").open("a") as conf:
            conf.write(options)

    def start(self) -> None:
        self._pg_ctl("--log", str(self.workdir / "server.log"), "--wait", "start")

    def stop(self) -> None:
        self._pg_ctl("--mode", "fast", "--wait", "stop")

    def restart(self) -> None:
        self._pg_ctl("--mode", "fast", "--wait", "restart")

    def __enter__(self) -> Cluster:
        self.init()
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        subprocess.run(  # noqa: S603
            [str(self.bindir / "pg_ctl"), "--pgdata", str(self.datadir), "-m", "immediate", "stop"],
            user=self.user,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(self.workdir, ignore_errors=True)

    def tool(self, name: str) -> str:
        """The path of a client tool (pg_dump, pg_restore, psql), the server's version first.

        initdb may be found on the PATH (a wrapper) where the client tools are not.
        """
        candidates = [self.bindir / name]
        candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
        for candidate in candidates:
            if candidate.exists():
                return str(candidate)
        found = shutil.which(name)
        if found is None:
            raise FileNotFoundError(f"PostgreSQL's {name} was not found")
        return found
