"""Wagtail's database search backend, with the visitor's words quoted safely on SQLite.

On SQLite (the demo) the backend hands the words to FTS5 inside double quotes without
escaping a `"` in them, so any search containing one failed with "unterminated string"
(the public search, the API, and every admin listing with a search box). Here the
query compiler turns quotes into spaces before it builds the MATCH expression. On
PostgreSQL the backend is used as it is: it escapes the words for tsquery itself.

Settings name this module as the backend (`SEARCH_BACKEND`, see cms/settings/base.py).
The SQLite parts are imported only on SQLite: their module defines a model that exists
on that database alone.
"""

from functools import cache

from modelsearch.query import MatchAll, Phrase, PlainText
from wagtail.search.backends.database import SearchBackend as database_search_backend

# FTS5 reads `"` as the start or end of a string; a lone one is a syntax error.
FTS5_QUOTE = '"'


def without_quotes(query):
    """The query with quotes turned into spaces; nothing but quotes searches everything.

    An input of only quotes is like an empty search box: the backend has no expression
    for "no words".
    """
    if isinstance(query, PlainText):
        query = PlainText(
            query.query_string.replace(FTS5_QUOTE, " "), operator=query.operator, boost=query.boost
        )
    elif isinstance(query, Phrase):
        query = Phrase(query.query_string.replace(FTS5_QUOTE, " "))
    else:
        return query
    return query if query.query_string.split() else MatchAll()


class QuotingMixin:
    """Builds the FTS5 MATCH expression from words that carry no quote."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = without_quotes(self.query)

    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(without_quotes(query), config=config)


@cache
def quoting_sqlite_compilers() -> tuple[type, type]:
    """The SQLite compilers for `.search()` and `.autocomplete()`, made safe."""
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchQueryCompiler,
    )

    search = type("QuotingSQLiteSearchQueryCompiler", (QuotingMixin, SQLiteSearchQueryCompiler), {})
    autocomplete = type(
        "QuotingSQLiteAutocompleteQueryCompiler",
        (QuotingMixin, SQLiteAutocompleteQueryCompiler),
        {},
    )
    return search, autocomplete


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """The backend Wagtail chooses for the default database, made safe on SQLite."""
    backend = database_search_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class, backend.autocomplete_query_compiler_class = (
            quoting_sqlite_compilers()
        )
    return backend
