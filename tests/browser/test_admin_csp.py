"""The Wagtail admin works under its Content-Security-Policy.

Signing in through the admin's form (with the sign-in lockout), then the screens whose
JavaScript matters most: the dashboard and sidebar, the page explorer, a page editor
with tabs, inline panels and date pickers, the image library and the help exchange's
own screens. The `page` fixture fails the test on any policy violation.
"""

import pytest
from wagtail.models import Site

from cms.demo.content import DEMO_PASSWORD
from cms.events.models import EventPage


@pytest.fixture
def admin_page(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return page


def _admin_screens() -> list[str]:
    portal = Site.objects.get(is_default_site=True).root_page
    event = EventPage.objects.live().first()
    return [
        "/admin/",
        f"/admin/pages/{portal.pk}/",
        f"/admin/pages/{portal.pk}/edit/",
        f"/admin/pages/{event.pk}/edit/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/reports/site-history/",
    ]


def test_admin_screens_run_under_the_admin_policy(admin_page):
    for path in _admin_screens():
        response = admin_page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert "default-src 'self'" in response.headers["content-security-policy"]
        # The sidebar's buttons are drawn by the admin's JavaScript: it ran.
        admin_page.locator("#wagtail-sidebar button").first.wait_for(state="attached")


def test_page_editor_tabs_switch_under_the_policy(admin_page):
    event = EventPage.objects.live().first()
    admin_page.goto(f"/admin/pages/{event.pk}/edit/")
    tabs = admin_page.get_by_role("tab")
    assert tabs.count() > 1
    second = tabs.nth(1)
    second.click()
    assert second.get_attribute("aria-selected") == "true"


def test_a_get_on_the_admin_logout_signs_nobody_out(admin_page):
    assert admin_page.request.get("/admin/logout/").status == 405
    admin_page.goto("/admin/")
    assert "/admin/login/" not in admin_page.url
