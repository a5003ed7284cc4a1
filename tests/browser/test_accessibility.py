"""Every public page type, in every theme and language (tests/browser/pages.py), is
checked by axe-core and must fetch nothing from any origin but the site's own."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pages import LANGUAGES, PAGES, THEMES

BLOCKING_IMPACTS = {"serious", "critical"}
# axe's defaults (WCAG 2.0/2.1 A and AA, best practices) plus the WCAG 2.2 AA rule it
# leaves off by default: targets of at least 24 by 24 px.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

CASES = [
    pytest.param(public_page, theme, language, id=f"{public_page.name}-{theme.name}-{language}")
    for public_page in PAGES
    for theme in THEMES
    for language in LANGUAGES
    if language in public_page.languages and (theme is THEMES[0] or language == "de")
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
    page, visit, axe, axe_tally, public_page, theme, language
):
    with visit(public_page, theme, language) as path:
        results = axe.run(page, options=AXE_OPTIONS)
    axe_tally.pages_checked += 1
    violations = results.response["violations"]
    blocking = [
        v
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS and v["id"] not in public_page.allowed_rules
    ]
    axe_tally.serious_violations += sum(len(v["nodes"]) for v in blocking)
    axe_tally.other_violations += sum(len(v["nodes"]) for v in violations if v not in blocking)

    assert not blocking, f"axe found on {path}:\n{_describe(blocking)}"


# A theme changes colours only (its logo and header image are the site's own media), so
# the origins are checked in the demo's look, in every language.
ORIGIN_CASES = [case for case in CASES if case.values[1] is THEMES[0]]


@pytest.mark.parametrize(("public_page", "theme", "language"), ORIGIN_CASES)
def test_page_requests_nothing_from_other_origins(
    visit, foreign_requests, public_page, theme, language
):
    # networkidle: also what scripts and late styles fetch after the load event.
    with visit(public_page, theme, language, wait_until="networkidle") as path:
        pass

    assert not foreign_requests, f"{path} requested other origins: {foreign_requests}"
