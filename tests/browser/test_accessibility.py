"""axe-core on every public page type, in every theme and language (tests/browser/pages.py).

A page passes with no violation of serious or critical impact; it must also answer with
its expected status and fetch nothing from any origin but the site's own.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pages import LANGUAGES, PAGES, THEMES

BLOCKING_IMPACTS = {"serious", "critical"}

CASES = [
    pytest.param(page, theme, language, id=f"{page.name}-{theme.name}-{language}")
    for page in PAGES
    for theme in THEMES
    for language in LANGUAGES
    if language in page.languages
]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  where: {targets}\n  help: {violation['helpUrl']}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize(("public_page", "theme", "language"), CASES)
def test_page_has_no_serious_accessibility_violations(
    page, sign_in, axe, axe_tally, foreign_requests, public_page, theme, language
):
    if public_page.member:
        sign_in(public_page.member)
    path = public_page.url_path(language)
    with theme.applied(page):
        response = page.goto(path)
        assert response.status == public_page.status, f"{path} answered {response.status}"
        results = axe.run(page)
    axe_tally.pages_checked += 1
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    axe_tally.serious_violations += sum(len(v["nodes"]) for v in blocking)

    assert not blocking, f"axe found on {path}:\n{_describe(blocking)}"
    assert not foreign_requests, f"{path} requested other origins: {foreign_requests}"
