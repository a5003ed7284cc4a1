"""Reporting of the tenancy tests: their tallies appear at the end of every run.

The tests record their tally with `record_property`, which travels with the test's
report from an xdist worker to the controller; the terminal summary prints it, so
`make test` shows how many (URL, role, object) combinations were tried without `-s`.
"""

import pytest
from django.core.cache import caches

TALLY_PROPERTIES = ("tenancy_matrix", "tenancy_markers")

_tallies: list[str] = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _tallies.extend(value for name, value in report.user_properties if name in TALLY_PROPERTIES)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for line in _tallies:
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _caches_cleared_after_the_demo():
    """The demo's frames and Site roots are cached; drop them with the rolled-back world."""
    yield
    for cache in caches.all():
        cache.clear()
