"""Wagtail's database search backend, with the visitor's words quoted safely on SQLite.

On SQLite (the demo) the backend hands the words to FTS5 inside double quotes without
escaping a `"` in them, so any search containing one failed with "unterminated string"
(the public search, the API, and every admin listing with a search box). Here the
query compiler turns quotes into spaces before it builds the MATCH expression. On
PostgreSQL the backend is used as it is: it escapes the words for tsquery itself.

Settings name this module as the backend (`SEARCH_BACKEND`, see cms/settings/base.py).
"""

from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Phrase, PlainText
from wagtail.search.backends.database import SearchBackend as database_search_backend

# FTS5 reads `"` as the start or end of a string; a lone one is a syntax error.
FTS5_QUOTE = '"'


def _without_quotes(query):
    if isinstance(query, PlainText):
        return PlainText(
            query.query_string.replace(FTS5_QUOTE, " "),
            operator=query.operator,
            boost=query.boost,
        )
    if isinstance(query, Phrase):
        return Phrase(query.query_string.replace(FTS5_QUOTE, " "))
    return query


class QuotingMixin:
    """Builds the FTS5 MATCH expression from words that carry no quote.

    Input that was nothing but quotes searches like an empty search box (everything),
    as the backend has no expression for "no words".
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = _without_quotes(self.query)
        if isinstance(self.query, PlainText | Phrase) and not self.query.query_string.split():
            self.query = MatchAll()

    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(_without_quotes(query), config=config)


class QuotingSQLiteSearchQueryCompiler(QuotingMixin, SQLiteSearchQueryCompiler):
    """The SQLite compiler for `.search()`."""


class QuotingSQLiteAutocompleteQueryCompiler(QuotingMixin, SQLiteAutocompleteQueryCompiler):
    """The SQLite compiler for `.autocomplete()` (the admin's choosers use it)."""


def SearchBackend(params):
    """The backend Wagtail chooses for the default database, made safe on SQLite."""
    backend = database_search_backend(params)
    if isinstance(backend.query_compiler_class, type) and issubclass(
        backend.query_compiler_class, SQLiteSearchQueryCompiler
    ):
        backend.query_compiler_class = QuotingSQLiteSearchQueryCompiler
        backend.autocomplete_query_compiler_class = QuotingSQLiteAutocompleteQueryCompiler
    return backend
