"""The header folds its menu and display switches into <details> (no script needed)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_navigation_and_search_sit_inside_the_menu_fold(client, gelsenkirchen):
    html = _html(client, gelsenkirchen.portal)
    menu = re.search(r'<details class="site-fold site-fold--menu">(.*?)</details>', html, re.S)
    assert menu, "no folding menu in the header"
    assert '<summary class="site-fold__summary">Menü</summary>' in menu.group(1)
    assert 'class="site-nav"' in menu.group(1) and 'role="search"' in menu.group(1)


def test_display_switches_are_one_tap_away(client, gelsenkirchen):
    html = _html(client, gelsenkirchen.portal)
    fold = re.search(r'<details class="site-fold site-fold--display">(.*?)</details>', html, re.S)
    assert fold and "Schrift und Kontrast" in fold.group(1)
    assert 'name="text_size" value="sehr-gross"' in fold.group(1)


def test_brand_stays_outside_the_menu(client, gelsenkirchen):
    html = _html(client, gelsenkirchen.portal)
    assert html.index('class="site-header__brand"') < html.index("site-fold--menu")
