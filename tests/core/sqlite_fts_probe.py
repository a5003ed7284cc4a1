"""Run on SQLite (in a subprocess of the PostgreSQL test run): build the FTS5 MATCH
expression for some search words with a compiler and run it against a real FTS5 table.

Prints one JSON object: for each input, the number of matches or the SQLite error.
Usage (DATABASE_URL=sqlite:///:memory:):
    python -m tests.core.sqlite_fts_probe quoting|wagtail WORDS...
"""

import json
import os
import sqlite3
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler  # noqa: E402
from modelsearch.query import PlainText  # noqa: E402

from cms.core.models import Contact  # noqa: E402
from cms.core.search_backend import quoting_sqlite_compilers  # noqa: E402


def fts5_matches(compiler_class, words: str) -> int | str:
    compiler = compiler_class(Contact.objects.all(), PlainText(words))
    if not hasattr(compiler.query, "query_string"):
        return "everything"
    expression = compiler.build_search_query(compiler.query)
    sql, params = Contact.objects.all().query.get_compiler(using="default").compile(expression)
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE entries USING fts5(title, body)")
    database.execute("INSERT INTO entries VALUES ('Seniorenrat Schalke', 'Beirat')")
    try:
        return database.execute(
            "SELECT count(*) FROM entries WHERE entries MATCH ?", [sql % tuple(params)]
        ).fetchone()[0]
    except sqlite3.OperationalError as error:
        return f"error: {error}"


if __name__ == "__main__":
    which, *inputs = sys.argv[1:]
    compiler_class = (
        quoting_sqlite_compilers()[0] if which == "quoting" else SQLiteSearchQueryCompiler
    )
    sys.stdout.write(
        json.dumps({words: fts5_matches(compiler_class, words) for words in inputs}) + "\n"
    )
