"""Browser tests: Playwright driving Debian's chromium against a live server of the demo.

Why a pytest session of their own (`pytest tests/browser`, the second pytest run of
`make test`): the rest of the suite builds its places once per session
(tests/conftest.py) and rolls every test back. A browser talks to a server thread,
which sees only committed rows, and pytest-django's `live_server` makes each test
transactional and flushes the database afterwards, which would wipe those session
fixtures and reload the demo before every test. Here the demo is loaded once,
committed, into this session's own test database and served by one live server for
the whole session; the tests only read it, except the keyboard walk, which adds one
member and one listing that no other test looks for. `pytest` without arguments leaves
this folder out (`--ignore` in pyproject.toml), and a run that names both kinds of
test stops with a message instead of mixing them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_databases, teardown_databases
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking switches chromium keeps trying to reach Google's
# update, sync and field-trial servers, which floods a closed network with requests.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
BROWSER_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Refuse a run that mixes browser tests with the rest of the suite (see above)."""
    others = [item for item in items if BROWSER_TESTS not in item.path.parents]
    if others and len(others) < len(items):
        raise pytest.UsageError(
            "The browser tests run in a pytest session of their own: "
            "run `pytest tests/browser` separately (make test does both)."
        )


@dataclass
class AxeTally:
    """What the axe runs of this session found, for the terminal summary."""

    pages_checked: int = 0
    serious_violations: int = 0
    other_violations: int = 0


@dataclass
class CspTally:
    """Page loads of this session watched for Content-Security-Policy violations."""

    page_loads: int = 0
    violations: int = 0


_axe_tally_key = pytest.StashKey[AxeTally]()
_csp_tally_key = pytest.StashKey[CspTally]()
_screenshots_key = pytest.StashKey[list[Path]]()


def pytest_configure(config):
    config.stash[_axe_tally_key] = AxeTally()
    config.stash[_csp_tally_key] = CspTally()
    config.stash[_screenshots_key] = []


def pytest_terminal_summary(terminalreporter, config):
    tally = config.stash[_axe_tally_key]
    terminalreporter.write_line(
        f"axe: {tally.pages_checked} pages checked, "
        f"{tally.serious_violations} serious/critical violations "
        f"({tally.other_violations} moderate/minor)"
    )
    csp = config.stash[_csp_tally_key]
    terminalreporter.write_line(
        f"csp: {csp.page_loads} page loads watched, {csp.violations} policy violations"
    )
    screenshots = config.stash[_screenshots_key]
    if screenshots:
        terminalreporter.write_line(
            f"screenshots: {len(screenshots)} written to {SCREENSHOT_DIR.resolve()}"
        )


@pytest.fixture
def axe_tally(request) -> AxeTally:
    return request.config.stash[_axe_tally_key]


@pytest.fixture(scope="session")
def screenshot_dir(request) -> Path:
    """The screenshots folder, emptied of an earlier run's pictures."""
    shutil.rmtree(SCREENSHOT_DIR, ignore_errors=True)
    SCREENSHOT_DIR.mkdir(parents=True)
    return SCREENSHOT_DIR


@pytest.fixture
def screenshot(request, screenshot_dir):
    """Save the page's full-length screenshot as `<name>.png`, listed in the summary."""

    def save(page, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        request.config.stash[_screenshots_key].append(path)
        return path

    return save


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """Let the tests use the ORM while Playwright's sync API is running.

    Playwright's sync API keeps an asyncio event loop running in the test thread (it
    switches to it with greenlets), and Django refuses ORM calls from a thread with a
    running loop (SynchronousOnlyOperation), guarding against blocking a loop that
    serves coroutines. Here the loop only carries Playwright's messages to chromium,
    and every ORM call (looking up a path, approving a member) runs to completion in
    the test's own thread with the connection no coroutine touches, so the guard's
    worry does not apply. Set for this browser session only.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker) -> Iterator[None]:
    """This session's test database, created for the default alias.

    pytest-django creates databases only for tests marked `django_db`; these tests are
    not (the mark would wrap each test in a transaction the server thread cannot see).
    """
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker) -> Iterator[LiveServer]:
    """The demo site, loaded once and committed, served on 127.0.0.1 for the session.

    127.0.0.1 matches no demo Site's host name, so Wagtail serves the default Site,
    Gelsenkirchen's portal. Database access stays open for the session: the server's
    request threads need it, and pytest-django's block applies to every thread.
    """
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        server = LiveServer("127.0.0.1")
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session (a fresh context per test)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`; "
            "`make test` does this when run as root)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() starts chromium with a fresh temporary profile (user-data-dir) that
        # Playwright removes afterwards; nothing is ever downloaded.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def foreign_requests() -> list[str]:
    """URLs the test's pages tried to fetch from anywhere but the live server."""
    return []


@pytest.fixture
def context(browser, site_server, foreign_requests):
    """A fresh browser context (own cookies) that may talk to the live server only.

    Every request to another origin is recorded and refused, so a test can assert that
    the site makes no third-party request, and nothing leaves the machine.
    """
    origin = site_server.url
    context = browser.new_context(
        base_url=origin, locale="de-DE", timezone_id="Europe/Berlin", viewport=VIEWPORT
    )
    # A missing element fails the test after 15 s rather than Playwright's 30.
    context.set_default_timeout(15_000)

    def guard(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob"} or f"{parts.scheme}://{parts.netloc}" == origin:
            route.continue_()
        else:
            foreign_requests.append(url)
            route.abort()

    context.route(re.compile(".*"), guard)
    yield context
    context.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """What chromium refused under the site's Content-Security-Policy in this test."""
    return []


@pytest.fixture
def page(request, context, csp_violations):
    """A browser tab; a new one for every test.

    Every page load is watched for Content-Security-Policy violations (chromium reports
    each on the console and as a `securitypolicyviolation` event); a test whose pages
    broke the policy fails at its end. Playwright's own scripts (axe, `evaluate`) run
    outside the page's policy.
    """
    tally = request.config.stash[_csp_tally_key]
    tab = context.new_page()

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_violations.append(f"{tab.url}: {message.text}")

    def on_load(_page):
        tally.page_loads += 1

    tab.on("console", on_console)
    tab.on("load", on_load)
    yield tab
    tally.violations += len(csp_violations)
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


@pytest.fixture
def sign_in(context, site_server):
    """Sign a user in for this context with a session cookie (for pages behind login)."""

    def sign_in_as(email: str) -> None:
        user = get_user_model().objects.get(email=email)
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site_server.url}])

    return sign_in_as


@pytest.fixture
def visit(page, sign_in):
    """Open a PublicPage in a theme and language, signed in as its member if it names one;
    a context manager, since the theme applies while the page is looked at."""

    @contextmanager
    def visit_page(public_page, theme, language: str, **goto_options) -> Iterator[str]:
        if public_page.member:
            sign_in(public_page.member)
        path = public_page.url_path(language)
        with theme.applied(page):
            response = page.goto(path, **goto_options)
            assert response.status == public_page.status, f"{path} answered {response.status}"
            yield path

    return visit_page
