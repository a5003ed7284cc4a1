"""Benchmark settings: the test settings (PostgreSQL), without search indexing.

The search index is not what is measured, and skipping it makes generating ten
thousand event pages several times faster.
"""

from cms.settings.test import *  # noqa: F403

WAGTAILSEARCH_BACKENDS = {}
DEBUG = False
ROOT_URLCONF = "bench.urls"
