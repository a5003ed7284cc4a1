"""Screenshots for people to look at (tests/browser/pages.py: SCREENSHOTS).

They land in test-artifacts/screenshots/, named in the run's summary; nothing compares
them with earlier pictures.
"""

import pytest

from .pages import PAGES_BY_NAME, SCREENSHOTS, THEMES_BY_NAME


@pytest.mark.parametrize("shot", SCREENSHOTS, ids=lambda shot: shot.name)
def test_screenshot_is_written(page, visit, screenshot, shot):
    page.emulate_media(media=shot.media)
    public_page, theme = PAGES_BY_NAME[shot.page], THEMES_BY_NAME[shot.theme]
    with visit(public_page, theme, shot.language, wait_until="networkidle"):
        path = screenshot(page, shot.name)

    assert path.stat().st_size > 0
