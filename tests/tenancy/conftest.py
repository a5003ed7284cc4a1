"""Reporting of the tenancy tests: their tallies appear at the end of every run.

The tests record their tally with `record_property`, which travels with the test's
report from an xdist worker to the controller; the terminal summary prints it, so
`make test` shows how many (URL, role, object) combinations were tried without `-s`.
"""

TALLY_PROPERTIES = ("tenancy_matrix", "tenancy_markers")

_tallies: list[str] = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _tallies.extend(value for name, value in report.user_properties if name in TALLY_PROPERTIES)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for line in _tallies:
        terminalreporter.write_line(line)
