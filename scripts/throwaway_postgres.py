#!/usr/bin/env python3
"""Run a command against PostgreSQL, starting a throwaway cluster when none is given.

    python scripts/throwaway_postgres.py -- pytest tests

When DATABASE_URL is set, the command simply runs with it. Otherwise a new cluster is
created with initdb in a temporary folder, started with pg_ctl on a free loopback port,
handed to the command as DATABASE_URL, and stopped and removed afterwards, whatever the
command's outcome. initdb refuses to run as root, so as root the cluster belongs to
the `postgres` user. Durability is switched off: the data lives only for this run.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_pg_bindir() -> Path:
    """Return the folder holding initdb and pg_ctl, newest PostgreSQL first."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
        reverse=True,
    )
    if not candidates:
        sys.exit("PostgreSQL's initdb was not found: install PostgreSQL or set DATABASE_URL.")
    return Path(candidates[0]).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_cluster_command(args: list[str], user: str | None) -> None:
    subprocess.run(args, check=True, user=user, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        sys.exit("usage: throwaway_postgres.py -- COMMAND [ARGS...]")
    if os.environ.get("DATABASE_URL"):
        return subprocess.call(argv)

    bindir = find_pg_bindir()
    user = "postgres" if os.geteuid() == 0 else None
    workdir = Path(tempfile.mkdtemp(prefix="quartier-pg-"))
    datadir = workdir / "data"
    if user:
        entry = pwd.getpwnam(user)
        os.chown(workdir, entry.pw_uid, entry.pw_gid)
    port = free_port()
    started = False
    try:
        run_cluster_command(
            [
                str(bindir / "initdb"),
                "--pgdata",
                str(datadir),
                "--username",
                "postgres",
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ],
            user,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={workdir}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=50"
        )
        run_cluster_command(
            [
                str(bindir / "pg_ctl"),
                "--pgdata",
                str(datadir),
                "--options",
                options,
                "--log",
                str(workdir / "server.log"),
                "--wait",
                "start",
            ],
            user,
        )
        started = True
        env = dict(os.environ, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/postgres")
        print(f"throwaway PostgreSQL cluster on 127.0.0.1:{port} in {workdir}", flush=True)
        return subprocess.call(argv, env=env)
    finally:
        if started:
            subprocess.run(
                [str(bindir / "pg_ctl"), "--pgdata", str(datadir), "--mode", "fast", "stop"],
                user=user,
                stdout=subprocess.DEVNULL,
                check=False,
            )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
