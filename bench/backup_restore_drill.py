"""Backup and restore drill: pg_dump -Fc, pg_restore into a new database, compare.

    .venv/bin/python bench/backup_restore_drill.py

Starts a cluster of its own (bench/pgcluster.py), migrates a database `quartier` and
loads the demo data into it, dumps it with `pg_dump -Fc`, restores the dump into a new
database `quartier_restored` with `pg_restore`, and compares every table of the two
databases: row count and an md5 checksum of all rows in primary-key order; and every
sequence's position (a restore that left a sequence behind would fail on the next
insert). Prints one table and exits non-zero on any difference. The same comparison
is the operator's check after a real restore (docs/deployment.md, "Backup and
restore"); `compare_databases` takes any two connection URLs.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pgcluster import Cluster, load_demo  # noqa: E402

TABLES = """
    SELECT c.oid, c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
"""
PRIMARY_KEY = """
    SELECT a.attname
    FROM pg_index i
    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = %s AND i.indisprimary
    ORDER BY k.position
"""
SEQUENCES = """
    SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences
    WHERE schemaname = 'public' ORDER BY sequencename
"""


def _table_checksums(url: str) -> dict[str, tuple[int, str]]:
    """{table: (rows, md5 of the rows' text in primary-key order)} of one database."""
    result = {}
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(TABLES)
        for oid, name in cursor.fetchall():
            cursor.execute(PRIMARY_KEY, [oid])
            key = [row[0] for row in cursor.fetchall()]
            # Without a primary key, the rows' own text gives a stable order.
            order = (
                sql.SQL(", ").join(sql.SQL("t.") + sql.Identifier(column) for column in key)
                if key
                else sql.SQL("t::text")
            )
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY {}), ''))"
                    " FROM {} AS t"
                ).format(order, sql.Identifier(name))
            )
            result[name] = cursor.fetchone()
    return result


def _sequences(url: str) -> dict[str, int]:
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(SEQUENCES)
        return dict(cursor.fetchall())


def compare_databases(original: str, restored: str) -> tuple[list[str], int]:
    """A Markdown table of both databases side by side, and the number of differences."""
    left, right = _table_checksums(original), _table_checksums(restored)
    rows = ["| table | rows | rows restored | checksum (md5) | equal |", "|---|---|---|---|---|"]
    differences = 0
    for name in sorted(set(left) | set(right)):
        count, digest = left.get(name, (None, None))
        restored_count, restored_digest = right.get(name, (None, None))
        equal = (count, digest) == (restored_count, restored_digest)
        differences += not equal
        rows.append(
            f"| {name} | {count} | {restored_count} | {(digest or '-')[:12]} | "
            f"{'yes' if equal else '**NO**'} |"
        )
    left_sequences, right_sequences = _sequences(original), _sequences(restored)
    sequence_differences = sum(
        left_sequences.get(name) != right_sequences.get(name)
        for name in set(left_sequences) | set(right_sequences)
    )
    rows.append(
        f"\n{len(left)} tables, {sum(c for c, _d in left.values())} rows; "
        f"{len(left_sequences)} sequences, {sequence_differences} at another position"
    )
    return rows, differences + sequence_differences


def _run(*command: str) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True)  # noqa: S603 - PostgreSQL's own tools
    return time.perf_counter() - started


def main() -> int:
    # A terminated drill still stops and removes its cluster (the `with` blocks).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    with Cluster() as cluster, tempfile.TemporaryDirectory() as folder:
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE quartier")
        original = cluster.url("quartier")
        started = time.perf_counter()
        load_demo({"DATABASE_URL": original, "DJANGO_SETTINGS_MODULE": "bench.settings"})
        print(f"demo data loaded in {time.perf_counter() - started:.0f} s", flush=True)
        dump = Path(folder) / "quartier.dump"
        load_average = os.getloadavg()
        dump_seconds = _run(cluster.tool("pg_dump"), "-Fc", "-f", str(dump), "-d", original)
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE quartier_restored")
        restored = cluster.url("quartier_restored")
        restore_seconds = _run(
            cluster.tool("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "-d",
            restored,
            str(dump),
        )
        rows, differences = compare_databases(original, restored)
        print("\n".join(rows))
        print(
            f"pg_dump -Fc {dump_seconds:.1f} s ({dump.stat().st_size / 1024:.0f} KiB), "
            f"pg_restore {restore_seconds:.1f} s; load average "
            f"{' / '.join(f'{value:.2f}' for value in load_average)}; "
            f"differences: {differences}"
        )
        return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
