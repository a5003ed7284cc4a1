"""Fixtures of the tenancy tests (their tallies are printed by tests/conftest.py)."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _caches_cleared_after_the_demo():
    """The demo's frames and Site roots are cached; drop them with the rolled-back world."""
    yield
    for cache in caches.all():
        cache.clear()
